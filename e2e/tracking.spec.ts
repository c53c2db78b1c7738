import { type APIRequestContext, expect, test } from '@playwright/test';
import { createProject, unique } from './fixtures';

type RunSpec = {
  name: string;
  approach: 'data-centric' | 'model-centric';
  params: Record<string, string>;
  acc: number[];
  tags?: Record<string, string>;
};

/** Logs one finished run the way any MLflow client does: create, log-batch, update. */
async function logRun(request: APIRequestContext, token: string, experimentId: string, spec: RunSpec): Promise<string> {
  const headers = { Authorization: `Bearer ${token}` };
  const post = async (path: string, data: unknown) => {
    const res = await request.post(`/api/2.0/mlflow/${path}`, { headers, data });
    expect(res.status(), `${path}: ${await res.text()}`).toBe(200);
    return res.json();
  };
  const start = Date.now();
  const { run } = await post('runs/create', {
    experiment_id: experimentId,
    run_name: spec.name,
    start_time: start,
    tags: Object.entries({ 'runboard.approach': spec.approach, ...spec.tags }).map(([key, value]) => ({ key, value })),
  });
  const runId: string = run.info.run_id;
  await post('runs/log-batch', {
    run_id: runId,
    params: Object.entries(spec.params).map(([key, value]) => ({ key, value })),
    metrics: spec.acc.flatMap((value, step) => [
      { key: 'acc', value, step, timestamp: start + step * 1000 },
      { key: 'loss', value: 1 - value, step, timestamp: start + step * 1000 },
    ]),
  });
  await post('runs/update', { run_id: runId, status: 'FINISHED', end_time: start + spec.acc.length * 1000 });
  return runId;
}

test('runs logged through the MLflow API can be filtered, sorted, opened, charted and compared', async ({
  page,
  request,
}) => {
  const slug = unique('tracking');
  await createProject(page, { name: 'Tracking e2e', slug });

  await page.goto(`/${slug}/settings`);
  const tokens = page.getByRole('region', { name: 'API tokens' });
  await tokens.getByLabel('Token name').fill('trainer');
  await tokens.getByRole('button', { name: 'Create token' }).click();
  const token = (await tokens.getByTestId('new-token').textContent())!.trim();

  const found = await request.get('/api/2.0/mlflow/experiments/get-by-name', {
    headers: { Authorization: `Bearer ${token}` },
    params: { experiment_name: 'Default' },
  });
  expect(found.status()).toBe(200);
  const experimentId: string = (await found.json()).experiment.experiment_id;

  await logRun(request, token, experimentId, {
    name: 'tr-alpha',
    approach: 'data-centric',
    params: { lr: '0.01', optimizer: 'adam' },
    acc: [0.5, 0.7, 0.95],
    tags: { 'runboard.seed': '7', 'runboard.config': '{"lr":0.01,"epochs":3}', 'runboard.code_version': 'abc1234' },
  });
  await logRun(request, token, experimentId, {
    name: 'tr-beta',
    approach: 'model-centric',
    params: { lr: '0.1', optimizer: 'adam' },
    acc: [0.4, 0.6, 0.8],
  });
  await logRun(request, token, experimentId, {
    name: 'tr-gamma',
    approach: 'model-centric',
    params: { lr: '0.01', optimizer: 'sgd' },
    acc: [0.3, 0.5, 0.92],
  });

  // The runs table lists all three, each with its approach badge.
  await page.goto(`/${slug}/experiments`);
  await page.getByRole('link', { name: /^All runs/ }).click();
  await expect(page).toHaveURL(new RegExp(`/${slug}/runs$`));
  const table = page.getByRole('table');
  for (const name of ['tr-alpha', 'tr-beta', 'tr-gamma'])
    await expect(table.getByRole('link', { name, exact: true })).toBeVisible();
  await expect(table.getByRole('row', { name: /tr-alpha/ })).toContainText('Data-centric');
  await expect(table.getByRole('row', { name: /tr-beta/ })).toContainText('Model-centric');
  await expect(page.getByText('1–3 of 3 runs')).toBeVisible();

  // Filter with MLflow's grammar; the filter goes into the URL.
  const search = page.getByRole('search', { name: 'Filter runs' });
  await search.getByLabel('Filter runs').fill("metrics.acc > 0.9 and params.lr = '0.01'");
  await search.getByRole('button', { name: 'Apply' }).click();
  await expect(page).toHaveURL(/filter=metrics\.acc/);
  await expect(page.getByText('1–2 of 2 runs')).toBeVisible();
  await expect(table.getByRole('link', { name: 'tr-alpha', exact: true })).toBeVisible();
  await expect(table.getByRole('link', { name: 'tr-gamma', exact: true })).toBeVisible();
  await expect(table.getByRole('link', { name: 'tr-beta', exact: true })).toHaveCount(0);

  // A malformed filter is explained inline, with its position, and not applied.
  await search.getByLabel('Filter runs').fill("metrics.acc > 'high'");
  await search.getByRole('button', { name: 'Apply' }).click();
  const problem = search.getByRole('alert');
  await expect(problem).toContainText('Expected a number for metrics.acc at position 15');
  await expect(search.getByLabel('Filter runs')).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByText('1–2 of 2 runs')).toBeVisible();
  await search.getByRole('button', { name: 'Clear' }).click();
  await expect(page.getByText('1–3 of 3 runs')).toBeVisible();
  await expect(problem).toHaveCount(0);

  // Sort by a metric: highest first, then lowest first.
  await table.getByRole('link', { name: /^acc\b/ }).click();
  await expect(page).toHaveURL(/sort=metrics\.acc&order=desc/);
  const rows = table.getByRole('row');
  await expect(rows.nth(1)).toContainText('tr-alpha');
  await expect(rows.nth(2)).toContainText('tr-gamma');
  await expect(rows.nth(3)).toContainText('tr-beta');
  await expect(table.getByRole('columnheader', { name: /^acc\b/ })).toHaveAttribute('aria-sort', 'descending');
  await table.getByRole('link', { name: /^acc\b/ }).click();
  await expect(page).toHaveURL(/order=asc/);
  await expect(rows.nth(1)).toContainText('tr-beta');

  // The run page: the chart with its "N of M points" caption (Charts is the first tab of a finished run),
  // then on the Overview tab the info and the reproducibility block.
  await table.getByRole('link', { name: 'tr-alpha', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'tr-alpha', level: 1 })).toBeVisible();
  const chart = page.getByRole('figure', { name: 'acc' });
  await expect(chart).toContainText('3 of 3 points');
  await page.getByRole('navigation', { name: 'Page tabs' }).getByRole('link', { name: 'Overview' }).click();
  const run = page.getByRole('region', { name: 'Run' });
  await expect(run).toContainText('FINISHED');
  const repro = page.getByRole('region', { name: 'Reproducibility' });
  await expect(repro).toContainText('7');
  await expect(repro).toContainText('abc1234');
  await expect(repro).toContainText('"epochs": 3');
  await expect(repro.getByRole('button', { name: 'Copy random seed' })).toBeVisible();
  await expect(repro.getByRole('button', { name: 'Copy config json' })).toBeVisible();

  // Select two runs and compare them: the differing param is highlighted, the shared one is not.
  await page.goto(`/${slug}/runs`);
  await table.getByRole('checkbox', { name: 'Select run tr-alpha' }).check();
  await table.getByRole('checkbox', { name: 'Select run tr-beta' }).check();
  await page.getByRole('link', { name: 'Compare (2)' }).click();
  await expect(page).toHaveURL(new RegExp(`/${slug}/compare\\?runs=`));
  await expect(page.getByRole('heading', { name: 'Compare 2 runs', level: 1 })).toBeVisible();
  const diff = page.getByRole('region', { name: 'Differences' });
  const lr = diff.getByRole('row', { name: /params\.lr/ });
  await expect(lr).toHaveAttribute('data-differs', 'true');
  await expect(lr).toContainText('differs');
  await expect(lr).toContainText('0.01');
  await expect(lr).toContainText('0.1');
  const optimizer = diff.getByRole('row', { name: /params\.optimizer/ });
  await expect(optimizer).not.toHaveAttribute('data-differs', 'true');
  await diff.getByLabel('Only differences').check();
  await expect(optimizer).toHaveCount(0);
  await expect(lr).toBeVisible();
  await expect(page).toHaveURL(/diff=only/);
});
