import { expect, test as setup } from '@playwright/test';
import { ADMIN } from './fixtures';

// First visit to a fresh instance: it asks for the first admin, then signs them in.
setup('create the first admin and save the session', async ({ page }) => {
  await page.goto('/');
  await expect(page).toHaveURL(/\/setup$/);
  await expect(page.getByRole('heading', { name: 'Create the first admin' })).toBeVisible();
  await page.getByLabel('Name').fill(ADMIN.name);
  await page.getByLabel('Email').fill(ADMIN.email);
  await page.getByLabel('Password').fill('short');
  await page.getByRole('button', { name: 'Create admin and sign in' }).click();
  await expect(page.getByRole('main').getByRole('alert')).toContainText("Invalid value for 'password'");
  await page.getByLabel('Password').fill(ADMIN.password);
  await page.getByRole('button', { name: 'Create admin and sign in' }).click();
  await expect(page.getByRole('heading', { name: 'Projects' })).toBeVisible();
  // Once an admin exists, setup is closed.
  await page.goto('/setup');
  await expect(page).not.toHaveURL(/\/setup$/);
  await page.context().storageState({ path: 'e2e/.auth/admin.json' });
});
