import { expect, test } from '@playwright/test';
import { createProject, unique } from './fixtures';

// The embedded default (no DATABASE_URL): first admin, a project, its page.
test('embedded database: first admin, create a project, health reports PGlite', async ({ page, request }) => {
  const health = await request.get('/api/health');
  expect(await health.json()).toMatchObject({ status: 'ok', database: { status: 'ok', kind: 'pglite' } });
  await page.goto('/');
  await expect(page).toHaveURL(/\/setup$/);
  await page.getByLabel('Name').fill('Pat Embedded');
  await page.getByLabel('Email').fill('pat@example.com');
  await page.getByLabel('Password').fill('embedded-password');
  await page.getByRole('button', { name: 'Create admin and sign in' }).click();
  await expect(page.getByRole('heading', { name: 'Projects' })).toBeVisible();
  const slug = unique('embedded');
  await createProject(page, { name: 'Embedded project', slug });
  await page.reload();
  await expect(page.getByRole('heading', { name: 'Embedded project', level: 1 })).toBeVisible();
});
