import { expect, test } from '@playwright/test';
import { createProject, unique } from './fixtures';

test('a token created in the UI works on the API, as Bearer and as Basic, until it is revoked', async ({
  page,
  request,
}) => {
  const slug = unique('tokens');
  await createProject(page, { name: 'Token test', slug });
  await page.goto(`/${slug}/settings`);
  const tokens = page.getByRole('region', { name: 'API tokens' });
  await expect(tokens.getByText('No tokens yet')).toBeVisible();
  await tokens.getByLabel('Token name').fill('laptop');
  await tokens.getByRole('button', { name: 'Create token' }).click();
  const token = (await tokens.getByTestId('new-token').textContent())!.trim();
  expect(token).toMatch(/^rbt_/);

  const bearer = await request.get('/api/v1/project', { headers: { Authorization: `Bearer ${token}` } });
  expect(bearer.status()).toBe(200);
  expect(await bearer.json()).toMatchObject({ project: { slug }, role: 'owner' });
  const basic = await request.get('/api/v1/project', {
    headers: { Authorization: `Basic ${Buffer.from(`mlflow:${token}`).toString('base64')}` },
  });
  expect(basic.status()).toBe(200);

  await page.reload();
  const row = tokens.getByRole('row', { name: /laptop/ });
  await expect(row).not.toContainText('—'); // last-used time is now shown
  page.once('dialog', (d) => void d.accept());
  await row.getByRole('button', { name: 'Revoke laptop' }).click();
  await expect(row.getByRole('cell', { name: 'revoked' })).toBeVisible();

  const refused = await request.get('/api/v1/project', { headers: { Authorization: `Bearer ${token}` } });
  expect(refused.status()).toBe(401);
  expect(await refused.json()).toMatchObject({ error_code: 'UNAUTHENTICATED' });
});
