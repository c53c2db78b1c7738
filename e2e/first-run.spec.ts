import { type Page, expect, test } from '@playwright/test';
import { createProject, unique } from './fixtures';

// What a person meets in a new, empty project: every empty list links to where its first item is made, the
// way to an API token lands on the tokens section, snippets copy with one click, and the slug follows the name.

/** Each section of a fresh project, with the action its empty state links to. */
const EMPTY_SECTIONS: ReadonlyArray<{ path: string; action: string }> = [
  { path: '', action: 'Plan a sprint' },
  { path: '', action: 'Open Models' },
  { path: '/metrics', action: 'Define a success metric' },
  { path: '/risks', action: 'Add a risk' },
  { path: '/problem', action: 'Add a sub-problem' },
  { path: '/board', action: 'Plan a sprint' },
  { path: '/backlog', action: 'Add a task' },
  { path: '/sprints', action: 'Plan a sprint' },
  // A new project has its Default experiment, so the page shows the first-run help and its token link.
  { path: '/experiments', action: 'Settings → API tokens' },
  { path: '/runs', action: 'Log from code' },
  { path: '/models', action: 'New model' },
  { path: '/datasets', action: 'New dataset version' },
  { path: '/monitoring', action: 'Start monitoring' },
  { path: '/ab-tests', action: 'New A/B test' },
];

async function freshProject(page: Page): Promise<string> {
  const slug = unique('first');
  await createProject(page, { name: 'First run', slug });
  return slug;
}

test('every empty section of a new project links to its action', async ({ page }) => {
  test.setTimeout(180_000);
  const slug = await freshProject(page);
  const missing: string[] = [];
  for (const { path, action } of EMPTY_SECTIONS) {
    await page.goto(`/${slug}${path}`);
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    if ((await page.getByRole('main').getByRole('link', { name: action }).count()) === 0)
      missing.push(`${path || '/'}: no “${action}” link`);
  }
  expect(missing, missing.join('\n')).toEqual([]);

  // A link to a form on the same page brings the form into view.
  await page.setViewportSize({ width: 1280, height: 500 });
  await page.goto(`/${slug}/risks`);
  await page.getByRole('main').getByRole('link', { name: 'Add a risk' }).click();
  await expect(page).toHaveURL(/#new-risk$/);
  await expect(page.getByRole('region', { name: 'Add a risk' })).toBeInViewport();

  // A link to a form kept in a "New …" dialog opens that dialog.
  await page.goto(`/${slug}/models`);
  await page.getByRole('main').getByRole('link', { name: 'New model', exact: true }).click();
  await expect(page).toHaveURL(/#new-model$/);
  await expect(page.getByRole('dialog', { name: 'Register a model' })).toBeVisible();
});

test('“Settings → API tokens” lands on the tokens section', async ({ page }) => {
  const slug = await freshProject(page);
  await page.setViewportSize({ width: 1280, height: 600 });
  await page.goto(`/${slug}/experiments`);
  await page.getByRole('link', { name: 'Settings → API tokens' }).click();
  await expect(page).toHaveURL(new RegExp(`/${slug}/settings#tokens$`));
  await expect(page.getByRole('region', { name: 'API tokens' })).toBeInViewport();
});

test.describe('with the clipboard', () => {
  test.use({ permissions: ['clipboard-read', 'clipboard-write'] });

  test('the example script copies with one click and says Copied', async ({ page }) => {
    const slug = await freshProject(page);
    await page.goto(`/${slug}/experiments`);
    const copy = page.getByRole('button', { name: 'Copy example mlflow script' });
    await expect(copy).toHaveText('Copy');
    await copy.click();
    await expect(copy).toHaveText('Copied');
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    expect(copied).toContain('export MLFLOW_TRACKING_URI=');
    expect(copied).toContain('mlflow.start_run(run_name="baseline")');
  });
});

test('the slug follows the project name until it is edited', async ({ page }) => {
  await page.goto('/projects/new');
  const name = page.getByLabel('Name');
  const slug = page.getByLabel('Slug');
  await name.pressSequentially('Rain Forecast: Übung 2');
  await expect(slug).toHaveValue('rain-forecast-ubung-2');
  await slug.fill('rain');
  await name.fill('Something else');
  await expect(slug).toHaveValue('rain');
});
