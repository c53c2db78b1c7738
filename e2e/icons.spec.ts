import { expect, test } from '@playwright/test';

// Signed out: browsers fetch icons and the manifest before (and without) any session.
test.use({ storageState: { cookies: [], origins: [] } });

test('the favicon, app icons and manifest are served to signed-out visitors and linked from every page', async ({
  page,
  request,
}) => {
  for (const [path, type] of [
    ['/favicon.ico', 'image/x-icon'],
    ['/apple-icon.png', 'image/png'],
    ['/icon-192.png', 'image/png'],
    ['/icon-512.png', 'image/png'],
    ['/manifest.webmanifest', 'application/manifest+json'],
  ]) {
    const res = await request.get(path!, { maxRedirects: 0 });
    expect(res.status(), path).toBe(200);
    expect(res.headers()['content-type'], path).toContain(type);
  }
  const manifest = await (await request.get('/manifest.webmanifest')).json();
  expect(manifest.name).toBe('Runboard');
  for (const icon of manifest.icons as { src: string }[]) expect((await request.get(icon.src)).status()).toBe(200);

  await page.goto('/sign-in');
  const head = page.locator('head');
  await expect(head.locator('link[rel="icon"][href="/favicon.ico"]')).toHaveCount(1);
  await expect(head.locator('link[rel="icon"][href="/icon-192.png"]')).toHaveCount(1);
  await expect(head.locator('link[rel="apple-touch-icon"][href="/apple-icon.png"]')).toHaveCount(1);
  await expect(head.locator('link[rel="manifest"][href="/manifest.webmanifest"]')).toHaveCount(1);
});
