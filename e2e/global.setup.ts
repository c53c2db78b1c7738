import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { expect, test as setup } from '@playwright/test';
import { expectAccessibleInBothThemes } from './axe';
import { ADMIN } from './fixtures';

// The admin must exist before the seed runs (the demo project's owner is the first admin).
setup.describe.configure({ mode: 'serial' });

// First visit to a fresh instance: it asks for the first admin, then signs them in.
setup('create the first admin and save the session', async ({ page }) => {
  await page.goto('/');
  await expect(page).toHaveURL(/\/setup$/);
  await expect(page.getByRole('heading', { name: 'Create the first admin' })).toBeVisible();
  // The only moment this page exists, so its accessibility scan is here rather than in accessibility.spec.ts.
  await expectAccessibleInBothThemes(page, '/setup');
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

// The demo project (`npm run seed:demo`, against the suite's Postgres database) fills every section with real
// data for accessibility.spec.ts and keyboard.spec.ts; other specs create their own projects.
setup('seed the demo project', async () => {
  setup.setTimeout(180_000);
  // playwright.config.ts refuses to run without E2E_DATABASE_URL, so this never falls back to the embedded database.
  await promisify(execFile)('npx', ['tsx', 'scripts/demo/seed.ts'], {
    env: { ...process.env, DATABASE_URL: process.env.E2E_DATABASE_URL },
  });
});
