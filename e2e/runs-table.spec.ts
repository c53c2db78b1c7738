import { expect, test } from '@playwright/test';
import { createToken, mlflow } from './api';
import { unique } from './fixtures';

// The demo project's primary success metric is read from the run metric val_accuracy.
const DEMO = 'demo';

/** A finished run in the experiment with its params and each metric's history (one value per step from 0). */
async function logRun(
  client: ReturnType<typeof mlflow>,
  experimentId: string,
  name: string,
  params: Record<string, string>,
  metrics: Record<string, number[]>,
) {
  const { run } = await client.post('runs/create', {
    experiment_id: experimentId,
    run_name: name,
    start_time: Date.now(),
  });
  await client.post('runs/log-batch', {
    run_id: run.info.run_id,
    params: Object.entries(params).map(([key, value]) => ({ key, value })),
    metrics: Object.entries(metrics).flatMap(([key, values]) =>
      values.map((value, step) => ({ key, value, step, timestamp: Date.now() })),
    ),
  });
  await client.post('runs/update', { run_id: run.info.run_id, status: 'FINISHED', end_time: Date.now() });
}

test('the runs table keeps the primary metric, saves views, pins the run name, sorts params as numbers and suggests keys', async ({
  page,
  request,
}) => {
  // One long walk through the table: a dozen page loads on a shared, busy machine.
  test.setTimeout(240_000);
  const client = mlflow(request, await createToken(page, DEMO, unique('runs-table')));
  const experiment = unique('runs-table');
  const { experiment_id: experimentId } = await client.post('experiments/create', { name: experiment });
  // Logged in the order 6, 3, 12: as text they sort 12, 3, 6.
  await logRun(client, experimentId, 'depth-six', { max_depth: '6', learning_rate: '0.1' }, { val_accuracy: [0.71] });
  await logRun(client, experimentId, 'depth-three', { max_depth: '3', learning_rate: '0.1' }, { val_accuracy: [0.68] });
  await logRun(
    client,
    experimentId,
    'depth-twelve',
    { max_depth: '12', learning_rate: '0.05' },
    { val_accuracy: [0.74] },
  );
  // A later run logs four metrics that sort before val_accuracy alphabetically.
  await logRun(
    client,
    experimentId,
    'other-metrics',
    { max_depth: '4' },
    { acc: [0.9], auc: [0.8], f1: [0.7], loss: [0.3] },
  );

  const experimentPath = `/${DEMO}/experiments/${experimentId}`;
  await page.goto(experimentPath);
  const table = page.getByRole('table');
  await expect(table.getByRole('link', { name: 'depth-six', exact: true })).toBeVisible();
  // The primary success metric's run metric is a default column, beside the newest keys.
  await expect(table.getByRole('columnheader', { name: /^val_accuracy\b/ })).toBeVisible();
  await expect(table.getByRole('columnheader', { name: /^acc\b/ })).toBeVisible();

  // Numeric params sort as numbers: 3, 4, 6, 12.
  await table.getByRole('link', { name: /^param max_depth\b/ }).click();
  await expect(table.getByRole('columnheader', { name: /^param max_depth\b/ })).toHaveAttribute(
    'aria-sort',
    'descending',
  );
  await table.getByRole('link', { name: /^param max_depth\b/ }).click();
  await expect(table.getByRole('columnheader', { name: /^param max_depth\b/ })).toHaveAttribute(
    'aria-sort',
    'ascending',
  );
  const rows = table.getByRole('row');
  await expect(rows.nth(1)).toContainText('depth-three');
  await expect(rows.nth(2)).toContainText('other-metrics');
  await expect(rows.nth(3)).toContainText('depth-six');
  await expect(rows.nth(4)).toContainText('depth-twelve');

  // Autocomplete offers the logged keys while typing an identifier.
  const search = page.getByRole('search', { name: 'Filter runs' });
  const box = search.getByRole('searchbox', { name: 'Filter runs' });
  await box.fill('params.max');
  const keys = search.getByRole('listbox', { name: 'Matching keys' });
  await expect(keys.getByRole('option', { name: 'params.max_depth' })).toBeVisible();
  await box.press('Enter');
  await expect(box).toHaveValue('params.max_depth ');
  await box.pressSequentially('> 5');
  await search.getByRole('button', { name: 'Apply' }).click();
  // Numeric filtering: 6 and 12 pass, 3 and 4 do not (as text, '12' > '5' would be false).
  await expect(page.getByText('1–2 of 2 runs')).toBeVisible();
  await expect(table.getByRole('link', { name: 'depth-twelve', exact: true })).toBeVisible();
  await expect(table.getByRole('link', { name: 'depth-six', exact: true })).toBeVisible();

  // A misspelt key: "did you mean", with a link that fixes the filter.
  await box.fill('params.max_dept > 5');
  await search.getByRole('button', { name: 'Apply' }).click();
  await expect(page.getByText('No runs', { exact: true })).toBeVisible();
  await expect(page.getByRole('status').filter({ hasText: 'Did you mean params.max_depth?' })).toBeVisible();
  await page.getByRole('link', { name: 'Filter by params.max_depth instead' }).click();
  await expect(page.getByText('1–2 of 2 runs')).toBeVisible();

  // Choose columns, save them as the default view, reload the bare page, then open the view's link.
  await page.goto(experimentPath);
  const chooser = page.getByRole('main').locator('summary', { hasText: /^Columns \(\d+ chosen\)$/ });
  await chooser.click();
  await page.getByRole('checkbox', { name: 'f1 latest', exact: true }).uncheck();
  await expect(table.getByRole('columnheader', { name: /^f1\b/ })).toHaveCount(0);
  await chooser.click();
  await page
    .getByRole('main')
    .locator('summary', { hasText: /^Saved views/ })
    .click();
  const save = page.getByRole('form', { name: 'Save this view' });
  await save.getByLabel('View name').fill('Without f1');
  await save.getByLabel('Open this page with this view by default').check();
  await save.getByRole('button', { name: 'Save view' }).click();
  await expect(save).toContainText('Saved view “Without f1”.');
  await expect(page.getByRole('main').locator('summary', { hasText: 'View: Without f1' })).toBeVisible();
  const viewLink = page.getByRole('list', { name: 'Saved views' }).getByRole('link', { name: 'Without f1' });
  const href = await viewLink.getAttribute('href');
  expect(href).toMatch(/\?view=[0-9a-f-]{36}$/);

  await page.goto(experimentPath);
  await expect(table.getByRole('columnheader', { name: /^val_accuracy\b/ })).toBeVisible();
  await expect(table.getByRole('columnheader', { name: /^f1\b/ })).toHaveCount(0);
  await expect(page.getByRole('main').locator('summary', { hasText: 'View: Without f1' })).toBeVisible();

  // The view's link restores it in a new tab.
  const fresh = await page.context().newPage();
  await fresh.goto(href!);
  await expect(fresh.getByRole('table').getByRole('columnheader', { name: /^auc\b/ })).toBeVisible();
  await expect(fresh.getByRole('table').getByRole('columnheader', { name: /^f1\b/ })).toHaveCount(0);
  await fresh.close();

  // Sideways: the run-name column stays in view, and the page itself never gets wider than the window.
  await page.setViewportSize({ width: 900, height: 800 });
  await page.goto(
    `${experimentPath}?${new URLSearchParams([
      ...['acc', 'auc', 'f1', 'loss', 'val_accuracy'].flatMap((m) => [
        ['col', `metrics.${m}`],
        ['col', `metrics.${m}@min`],
        ['col', `metrics.${m}@max`],
      ]),
      ['col', 'params.max_depth'],
      ['col', 'params.learning_rate'],
    ])}`,
  );
  const scroller = page.getByRole('group', { name: 'Runs', exact: true });
  const nameLink = table.getByRole('link', { name: 'depth-six', exact: true });
  await expect(nameLink).toBeVisible();
  const overflow = await scroller.evaluate((el) => el.scrollWidth - el.clientWidth);
  expect(overflow).toBeGreaterThan(200);
  await scroller.evaluate((el) => el.scrollTo({ left: el.scrollWidth }));
  await expect.poll(() => scroller.evaluate((el) => el.scrollLeft)).toBeGreaterThan(200);
  const [boxOfName, boxOfScroller] = await Promise.all([nameLink.boundingBox(), scroller.boundingBox()]);
  expect(boxOfName!.x).toBeGreaterThanOrEqual(boxOfScroller!.x);
  expect(boxOfName!.x + boxOfName!.width).toBeLessThanOrEqual(boxOfScroller!.x + boxOfScroller!.width);
  // The name is on top, not covered by the scrolled cells.
  await nameLink.scrollIntoViewIfNeeded();
  const covering = await nameLink.evaluate((el) => {
    const r = el.getBoundingClientRect();
    return document.elementFromPoint(r.x + 2, r.y + r.height / 2)?.closest('a')?.textContent ?? null;
  });
  expect(covering).toBe('depth-six');
  expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
});

test('runs group by a param: runs, mean, min and max per value with a chart, and a value opens its runs', async ({
  page,
  request,
}) => {
  const client = mlflow(request, await createToken(page, DEMO, unique('run-groups')));
  const { experiment_id: experimentId } = await client.post('experiments/create', { name: unique('run-groups') });
  for (const [name, params, accuracy] of [
    ['rf-small', { model: 'rf' }, 0.7],
    ['rf-large', { model: 'rf' }, 0.8],
    ['gbm', { model: 'gbm' }, 0.9],
    ['baseline', { other: 'x' }, 0.5],
  ] as const) {
    const { run } = await client.post('runs/create', { experiment_id: experimentId, run_name: name });
    await client.post('runs/log-batch', {
      run_id: run.info.run_id,
      params: Object.entries(params).map(([key, value]) => ({ key, value })),
      metrics: [{ key: 'val_accuracy', value: accuracy, step: 0, timestamp: Date.now() }],
    });
  }

  await page.goto(`/${DEMO}/experiments/${experimentId}`);
  await expect(page.getByText('1–4 of 4 runs')).toBeVisible();
  await page.getByLabel('Group by').selectOption('params.model');
  await expect(page).toHaveURL(/group=params\.model/);
  const groups = page.getByRole('table', { name: 'Runs grouped by params.model' });
  const row = (value: string) => groups.getByRole('row').filter({ has: page.getByText(value, { exact: true }) });
  // Columns: value, runs, then val_accuracy mean, min and max.
  await expect(row('rf').getByRole('cell')).toHaveText(['rf', '2', '0.75', '0.7', '0.8']);
  await expect(row('gbm').getByRole('cell')).toHaveText(['gbm', '1', '0.9', '0.9', '0.9']);
  await expect(row('(not set)').getByRole('cell')).toHaveText(['(not set)', '1', '0.5', '0.5', '0.5']);
  const chart = page.getByRole('figure', { name: 'Mean of val_accuracy per group with the range of its runs' });
  await expect(chart.locator('.recharts-scatter-symbol')).toHaveCount(3);

  // The grouping is part of the link: a reload keeps it.
  await page.reload();
  await expect(row('rf').getByRole('cell').nth(1)).toHaveText('2');

  // A value opens its group's runs: the filter gains the clause, the grouping goes.
  await groups.getByRole('link', { name: 'rf', exact: true }).click();
  await expect(page.getByText('1–2 of 2 runs')).toBeVisible();
  await expect(page.getByRole('searchbox', { name: 'Filter runs' })).toHaveValue("params.model = 'rf'");
  await expect(groups).toHaveCount(0);
  await expect(page.getByLabel('Group by')).toHaveValue('');
});

test('the runs page charts its metric columns for the first runs or the ticked ones, and stays folded once folded', async ({
  page,
  request,
}) => {
  const client = mlflow(request, await createToken(page, DEMO, unique('runs-charts')));
  const { experiment_id: experimentId } = await client.post('experiments/create', { name: unique('runs-charts') });
  for (const [i, name] of ['chart-a', 'chart-b', 'chart-c'].entries())
    await logRun(
      client,
      experimentId,
      name,
      {},
      { loss: [0, 1, 2, 3, 4].map((step) => 1 / (step + 1 + i)), score: [0.5 + i / 10] },
    );

  await page.goto(`/${DEMO}/experiments/${experimentId}?col=metrics.loss&col=metrics.score`);
  const charted = page.getByRole('list', { name: 'Charted runs' });
  await expect(charted.getByRole('listitem')).toHaveText(['chart-c', 'chart-b', 'chart-a']);
  // A history is drawn as one line per run; a metric logged once as one bar per run.
  const loss = page.getByRole('figure', { name: 'loss' });
  await expect(loss).toHaveAttribute('data-chart-kind', 'lines');
  await expect(loss.locator('.recharts-line-curve')).toHaveCount(3);
  const score = page.getByRole('figure', { name: 'score' });
  await expect(score).toHaveAttribute('data-chart-kind', 'values');
  await expect(score.locator('.recharts-bar-rectangle')).toHaveCount(3);

  // Each charted run's row carries its colour in the charts.
  const swatch = (name: string) =>
    page
      .getByRole('table')
      .getByRole('row', { name: new RegExp(name) })
      .getByTitle('Its colour in the charts');
  for (const name of ['chart-a', 'chart-b', 'chart-c']) await expect(swatch(name)).toHaveCount(1);

  await page.getByRole('checkbox', { name: 'Select run chart-b' }).check();
  await expect(charted.getByRole('listitem')).toHaveText(['chart-b']);
  await expect(swatch('chart-a')).toHaveCount(0);
  await expect(swatch('chart-b')).toHaveCount(1);
  await expect(loss.locator('.recharts-line-curve')).toHaveCount(1);
  await expect(page.getByText('The ticked run of this page.')).toBeVisible();

  await page.getByText('Charts', { exact: true }).click();
  await expect(loss).toBeHidden();
  await page.reload();
  await expect(page.getByRole('table').getByRole('link', { name: 'chart-a', exact: true })).toBeVisible();
  await expect(charted).toBeHidden();
  await page.getByText('Charts', { exact: true }).click();
  await expect(charted.getByRole('listitem')).toHaveText(['chart-b']);
  await expect(page.getByRole('figure', { name: 'loss' }).locator('.recharts-line-curve')).toHaveCount(1);
});
