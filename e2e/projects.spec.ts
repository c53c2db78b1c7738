import { expect, test } from '@playwright/test';
import { createProject, unique } from './fixtures';

test('create a project, edit it, move its stage, and see every change in the activity log', async ({ page }) => {
  const slug = unique('churn');
  await page.goto('/projects/new');
  await page.getByLabel('Name').fill('Churn');
  await page.getByLabel('Slug').fill('Not A Slug');
  await page.getByRole('button', { name: 'Create project' }).click();
  await expect(page.getByText('Use lowercase letters, digits and single dashes').first()).toBeVisible();

  await createProject(page, { name: `Churn ${slug}`, slug, problem: 'Predict churn 30 days ahead.' });
  await expect(page.getByText('Predict churn 30 days ahead.')).toBeVisible();
  await expect(page.getByRole('list', { name: 'Lifecycle stage' }).locator('[aria-current="step"]')).toContainText(
    'Define problem',
  );

  await page.getByRole('link', { name: 'Settings' }).click();
  const details = page.getByRole('region', { name: 'Project details' });
  await details.getByLabel('Problem statement').fill('Predict churn 60 days ahead.');
  await details.getByRole('button', { name: 'Save details' }).click();
  await expect(details.getByText('Saved.')).toBeVisible();

  const stage = page.getByRole('region', { name: 'Lifecycle stage' });
  await stage.getByLabel('New stage').selectOption('collect_data');
  await stage.getByLabel('Reason').fill('Problem agreed with the retention team');
  await stage.getByRole('button', { name: 'Change stage' }).click();
  await expect(stage.getByText('Stage changed.')).toBeVisible();

  await page.getByRole('link', { name: 'Overview', exact: true }).click();
  await expect(page.getByRole('list', { name: 'Lifecycle stage' }).locator('[aria-current="step"]')).toContainText(
    'Collect data',
  );
  await expect(page.getByRole('cell', { name: 'Problem agreed with the retention team' })).toBeVisible();

  await page.getByRole('link', { name: 'Activity' }).click();
  const table = page.getByRole('table', { name: 'Activity log' });
  await expect(table.getByRole('row')).toHaveCount(4); // header + create + update + change-stage
  await expect(table.getByRole('row').nth(1)).toContainText('change-stage');
  await expect(table).toContainText('Predict churn 30 days ahead.');
  await expect(table).toContainText('Predict churn 60 days ahead.');

  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export CSV' }).click();
  expect((await download).suggestedFilename()).toBe(`${slug}-activity.csv`);

  await page.getByRole('link', { name: 'project', exact: true }).click();
  await expect(page).toHaveURL(/entity=project/);
});

test('two people saving the same project: the second sees a conflict instead of overwriting', async ({
  page,
  context,
}) => {
  const slug = unique('conflict');
  await createProject(page, { name: 'Conflicts', slug });
  const other = await context.newPage();
  await page.goto(`/${slug}/settings`);
  await other.goto(`/${slug}/settings`);
  const first = page.getByRole('region', { name: 'Project details' });
  await first.getByLabel('Name').fill('Name from tab one');
  await first.getByRole('button', { name: 'Save details' }).click();
  await expect(first.getByText('Saved.')).toBeVisible();
  const second = other.getByRole('region', { name: 'Project details' });
  await second.getByLabel('Name').fill('Name from tab two');
  await second.getByRole('button', { name: 'Save details' }).click();
  await expect(second.getByRole('alert')).toContainText('Someone else saved this project');
  await page.reload();
  await expect(page.getByRole('region', { name: 'Project details' }).getByLabel('Name')).toHaveValue(
    'Name from tab one',
  );
});

test('the theme can be switched to dark and stays dark after a reload', async ({ page }) => {
  await page.goto('/');
  await page.getByRole('button', { name: 'Switch to dark theme' }).click();
  await expect(page.locator('html')).toHaveClass(/dark/);
  await page.reload();
  await expect(page.locator('html')).toHaveClass(/dark/);
  await page.getByRole('button', { name: 'Switch to light theme' }).click();
  await expect(page.locator('html')).not.toHaveClass(/dark/);
});
