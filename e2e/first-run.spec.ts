import { type Page, expect, test } from '@playwright/test';
import { createToken, mlflow } from './api';
import { createProject, unique } from './fixtures';

// What a person meets in a new, empty project: every empty list and every empty part of a detail page links to
// where it fills up, the way to an API token lands on the tokens section with its client setup, snippets copy
// with one click, and the slug follows the name.

/** Each section of a fresh project, with the action its empty state links to. */
const EMPTY_SECTIONS: ReadonlyArray<{ path: string; action: string }> = [
  { path: '', action: 'Plan a sprint' },
  { path: '', action: 'Write the first update' },
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

  // A link to a form kept in a "New …" dialog opens that dialog.
  await page.goto(`/${slug}/risks`);
  await page.getByRole('main').getByRole('link', { name: 'Add a risk' }).click();
  await expect(page).toHaveURL(/#new-risk$/);
  await expect(page.getByRole('dialog', { name: 'Add a risk' })).toBeVisible();
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

test('the empty parts of detail pages link to where they fill up', async ({ page, request }) => {
  test.setTimeout(180_000);
  const slug = await freshProject(page);
  const settingsTokens = `/${slug}/settings#tokens`;
  const model = unique('empty-model');
  const runName = unique('empty-run');

  // The Settings tokens section has the client setup, filled in with a token right after it is created.
  const token = await createToken(page, slug);
  const tokens = page.getByRole('region', { name: 'API tokens' });
  await expect(tokens.getByRole('heading', { name: 'Client setup' })).toBeVisible();
  const setup = tokens.getByRole('group', { name: 'Client setup' });
  await expect(setup).toContainText('export MLFLOW_TRACKING_URI=http');
  await expect(setup).toContainText(`export MLFLOW_TRACKING_TOKEN=${token}`);
  await expect(tokens.getByRole('button', { name: 'Copy client setup' })).toBeVisible();

  // A finished run that logged nothing, and a registered model with no versions.
  const client = mlflow(request, token);
  const { run } = await client.post('runs/create', {
    experiment_id: await client.defaultExperimentId(),
    run_name: runName,
    start_time: Date.now(),
  });
  const runId: string = run.info.run_id;
  await client.post('runs/update', { run_id: runId, status: 'FINISHED', end_time: Date.now() });
  await client.post('registered-models/create', { name: model });

  const main = page.getByRole('main');
  /** The region shows the link, and every copy of it there (a chart and its table) leads to `href`. */
  const expectLink = async (region: string, name: string, href: string) => {
    const links = main.getByRole('region', { name: region, exact: true }).getByRole('link', { name, exact: true });
    await expect(links.first()).toBeVisible();
    for (const link of await links.all()) await expect(link).toHaveAttribute('href', href);
  };

  // The run: every empty tab leads to the client setup.
  await page.goto(`/${slug}/runs/${runId}?tab=overview`);
  await expectLink('Models produced', 'Log from code', settingsTokens);
  await page.goto(`/${slug}/runs/${runId}?tab=data`);
  for (const region of ['Parameters', 'Metrics', 'Dataset inputs'])
    await expectLink(region, 'Log from code', settingsTokens);
  await page.goto(`/${slug}/runs/${runId}?tab=artifacts`);
  await expectLink('Artifacts', 'Log from code', settingsTokens);
  await page.goto(`/${slug}/runs/${runId}?tab=charts`);
  await expectLink('Charts', 'Log from code', settingsTokens);
  // Followed: it lands on the tokens section with its client setup in view.
  await page.setViewportSize({ width: 1280, height: 600 });
  await main.getByRole('region', { name: 'Charts', exact: true }).getByRole('link', { name: 'Log from code' }).click();
  await expect(page).toHaveURL(new RegExp(`/${slug}/settings#tokens$`));
  await expect(page.getByRole('region', { name: 'API tokens' })).toBeInViewport();
  await expect(page.getByRole('group', { name: 'Client setup' })).toBeVisible();

  // The model: versions come from finished runs; the timeline fills by promoting one.
  await page.goto(`/${slug}/models/${model}`);
  const fromRun = `/${slug}/runs?status=FINISHED`;
  await expectLink('Versions', 'Register a version from a run', fromRun);
  await expectLink('Compare versions', 'Register a version from a run', fromRun);
  await expectLink('Timeline', 'Promote a version', '#versions');
  await main
    .getByRole('region', { name: 'Versions', exact: true })
    .getByRole('link', { name: 'Register a version from a run' })
    .click();
  await expect(page).toHaveURL(new RegExp(`/${slug}/runs\\?status=FINISHED`));
  await expect(main.getByRole('link', { name: runName, exact: true })).toBeVisible();

  // Monitoring the model before any prediction: every empty part asks for predictions first.
  await page.goto(`/${slug}/monitoring`);
  const start = page.getByRole('form', { name: 'Start monitoring' });
  await start.getByLabel('Registered model').selectOption(model);
  await start.getByRole('button', { name: 'Start monitoring' }).click();
  await expect(main.getByRole('table', { name: 'Monitored models' }).getByRole('link', { name: model })).toBeVisible();
  await page.goto(`/${slug}/monitoring/${model}`);
  const logPredictions = `/${slug}/monitoring#log-predictions`;
  for (const region of [
    'Features ranked by drift',
    'Performance over time',
    'Alerts of this model',
    'Checks',
    'Latest predictions',
  ])
    await expectLink(region, 'Log predictions', logPredictions);
  await main
    .getByRole('region', { name: 'Latest predictions', exact: true })
    .getByRole('link', { name: 'Log predictions' })
    .click();
  await expect(page).toHaveURL(new RegExp(`/${slug}/monitoring#log-predictions$`));
  await expect(page.getByRole('region', { name: 'Log predictions from a service' })).toBeInViewport();

  // Runs to compare are chosen on the runs list.
  await page.goto(`/${slug}/compare`);
  await expect(main.getByRole('link', { name: 'Choose runs' })).toHaveAttribute('href', `/${slug}/runs`);
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
