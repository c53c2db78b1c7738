import { expect, test } from '@playwright/test';
import { ADMIN } from './fixtures';

// No stored session: every test starts signed out.
test.use({ storageState: { cookies: [], origins: [] } });

async function submitSignIn(page: import('@playwright/test').Page) {
  await page.getByLabel('Email').fill(ADMIN.email);
  await page.getByLabel('Password').fill(ADMIN.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

test('a deep link opened signed out comes back, query and all, after signing in', async ({ page }) => {
  // Encoded as the runs explorer writes its own shareable links (URLSearchParams), with a second parameter.
  const query = new URLSearchParams({ filter: "params.lr = '0.01' and metrics.loss < 1", status: 'FINISHED' });
  const deepLink = `/demo/runs?${query}`;
  await page.goto(deepLink);
  await expect(page).toHaveURL(/\/sign-in\?next=/);
  expect(new URL(page.url()).searchParams.get('next')).toBe(deepLink);

  await submitSignIn(page);
  await expect(page).toHaveURL((url) => url.pathname + url.search === deepLink);
  await expect(page.getByRole('heading', { name: 'All runs', level: 1 })).toBeVisible();
  await expect(page.getByRole('searchbox', { name: 'Filter runs' })).toHaveValue(
    "params.lr = '0.01' and metrics.loss < 1",
  );
});

for (const hostile of [
  '//evil.example/x',
  '/\\evil.example',
  'https://evil.example/',
  'javascript:alert(1)',
  '/.//evil.example',
]) {
  test(`a hostile next (${hostile}) signs in to the home page`, async ({ page, baseURL }) => {
    await page.goto(`/sign-in?next=${encodeURIComponent(hostile)}`);
    await submitSignIn(page);
    await expect(page.getByRole('heading', { name: 'Projects' })).toBeVisible();
    expect(page.url()).toBe(new URL('/', baseURL).href);
  });
}
