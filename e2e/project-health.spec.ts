// The team lead's view of a project that has a model in production (the demo project): one health with
// its reasons, written status updates, alerts grouped per model and kind, a drift column that agrees with
// open drift alerts, and a report that carries production health with charts.
import { type Locator, type Page, expect, test } from '@playwright/test';
import { createToken, mlflow } from './api';
import { createProject, unique } from './fixtures';

/** Each body row of a table as its cells' text, keyed by the column headers. */
async function tableRows(table: Locator): Promise<Array<Record<string, string>>> {
  await expect(table).toBeVisible();
  const headers = await table.locator('thead th').allInnerTexts();
  const rows = await table.locator('tbody tr').all();
  return Promise.all(
    rows.map(async (row) => {
      const cells = await row.locator('td').allInnerTexts();
      return Object.fromEntries(headers.map((h, i) => [h.trim(), (cells[i] ?? '').trim()]));
    }),
  );
}

const groupedAlerts = (page: Page) => page.getByRole('table', { name: 'Alerts by model and kind' });

test('the overview shows one health with its reasons, no contradicting banner, and alerts grouped with counts', async ({
  page,
}) => {
  await page.goto('/demo');
  const health = page.getByRole('status', { name: 'Project health' });
  await expect(health).toHaveCount(1);
  await expect(health).toContainText(/^Project health: (On track|At risk|Off track)\./);
  await expect(health.getByRole('list', { name: 'Why' }).getByRole('listitem').first()).toBeVisible();
  // The old yellow "Project success: not yet" banner beside "On track" metrics is gone.
  await expect(page.getByRole('status', { name: 'Project success' })).toHaveCount(0);
  // The demo serves a model in Production and its stage has moved on to Monitor: nothing contradicts it.
  await expect(page.getByRole('region', { name: 'Production model' }).getByRole('listitem').first()).toBeVisible();
  await expect(page.getByRole('list', { name: 'Lifecycle stage' }).locator('[aria-current="step"]')).toContainText(
    'Monitor',
  );
  await expect(health).not.toContainText('Stage behind');

  const alerts = page.getByRole('region', { name: 'Open alerts' });
  // The section's summary line (each group row below repeats the pattern for its own counts).
  const summary = await alerts.getByText(/^\d+ open · \d+ acknowledged · Monitoring$/).innerText();
  const [open, acknowledged] = summary.match(/\d+/g)!.map(Number);
  const groups = alerts.getByRole('list', { name: 'Alerts by model and kind' }).getByRole('listitem');
  const texts = await groups.allInnerTexts();
  const counts = texts.map((t) => Number(/× (\d+)/.exec(t)?.[1]));
  expect(counts.every((n) => n > 0)).toBe(true);
  // Every unresolved alert is counted in exactly one row, and rows are fewer than alerts (grouped).
  expect(counts.reduce((a, b) => a + b, 0)).toBe(open! + acknowledged!);
  expect(texts.length).toBeLessThan(open! + acknowledged!);
  // A row's model and kind (its children sit on lines of their own): one row each.
  const keys = texts.map((t) => t.replace(/\s+/g, ' ').split(' × ')[0]);
  expect(new Set(keys).size).toBe(keys.length);
  // An open critical performance alert means a production model got worse: the health cannot be "On track".
  if (texts.some((t) => /critical/i.test(t) && t.includes('Performance drop')))
    await expect(health).toContainText('Project health: Off track.');
});

test('a status update is posted with its health and Markdown, and stays in the history after reload', async ({
  page,
}) => {
  const slug = unique('health');
  await createProject(page, { name: 'Health updates', slug });
  const history = page.getByRole('list', { name: 'Status update history' });
  const section = page.getByRole('region', { name: 'Status updates' });
  await expect(section).toContainText('No status updates yet');
  // The history comes first; the form waits behind a button (or the empty state's link) in a dialog.
  await expect(page.getByRole('form', { name: 'Post a status update' })).toHaveCount(0);
  await section.getByRole('link', { name: 'Write the first update' }).click();
  const form = page.getByRole('dialog', { name: 'Post a status update' }).getByRole('form');
  await form.getByRole('button', { name: 'Post update' }).click();
  await expect(form.getByRole('alert')).toContainText('Write the update');
  await form.getByLabel('Health').selectOption('at_risk');
  await form.getByLabel('Update').fill('**Labels** arrive a week late; training slips.');
  await form.getByRole('button', { name: 'Post update' }).click();
  await expect(section.getByText('Status update posted.')).toBeVisible();
  await expect(page.getByRole('dialog')).toHaveCount(0);
  await page.reload();
  const first = history.getByRole('listitem').first();
  await expect(first).toContainText('At risk');
  await expect(first).toContainText('Ada Admin');
  await expect(first).toContainText('arrive a week late; training slips.');
  await expect(first.locator('strong', { hasText: 'Labels' })).toBeVisible();
  await section.getByRole('button', { name: 'Write an update' }).click();
  await form.getByLabel('Health').selectOption('off_track');
  await form.getByLabel('Update').fill('Blocked on the labelling vendor.');
  await form.getByRole('button', { name: 'Post update' }).click();
  await expect(section.getByText('Status update posted.')).toBeVisible();
  await page.reload();
  await expect(history.getByRole('listitem')).toHaveCount(2);
  await expect(history.getByRole('listitem').first()).toContainText('Off track');
  await expect(history.getByRole('listitem').nth(1)).toContainText('At risk');
});

test('monitoring groups alerts per model and kind, and its drift column agrees with open drift alerts', async ({
  page,
}) => {
  await page.goto('/demo/monitoring');
  const groups = await tableRows(groupedAlerts(page));
  expect(groups.length).toBeGreaterThan(0);
  const keys = groups.map((g) => `${g['Model']} ${g['Kind']}`);
  expect(new Set(keys).size).toBe(keys.length);
  for (const g of groups) expect(Number(g['Alerts'])).toBe(Number(g['Open']) + Number(g['Acknowledged']));
  const drifting = new Set(groups.filter((g) => g['Kind'] === 'Dataset drift').map((g) => g['Model']));
  const monitors = await tableRows(page.getByRole('table', { name: 'Monitored models' }));
  expect(monitors.length).toBeGreaterThan(0);
  for (const m of monitors) {
    if (drifting.has(m['Model'])) expect(m['Dataset drift']).toMatch(/^Yes/);
    else expect(m['Dataset drift']).toMatch(/^(No|Yes|—)$/);
  }
  const first = groupedAlerts(page).getByRole('link').first();
  const model = await first.innerText();
  await first.click();
  await expect(page.getByRole('heading', { name: `${model} · monitoring`, level: 1 })).toBeVisible();
  await expect(page.getByRole('table', { name: 'Monitoring alerts' })).toBeVisible();
});

test('the report and its print view carry monitoring, open alerts, A/B results with charts, readable sources and an experiment filter', async ({
  page,
}) => {
  await page.goto('/demo/report');
  const preview = page.getByRole('article', { name: 'Report preview' });
  for (const heading of ['Production monitoring', 'Open alerts', 'A/B tests'])
    await expect(preview.getByRole('heading', { name: heading, level: 3 })).toBeVisible();
  const monitoring = preview.getByRole('table').filter({ hasText: 'Drift share' });
  await expect(monitoring.getByRole('row')).not.toHaveCount(1);
  await expect(preview.getByRole('table').filter({ hasText: 'Lift vs control' }).getByRole('row')).not.toHaveCount(1);
  const sources = preview.getByRole('table').filter({ has: page.getByRole('columnheader', { name: 'Source' }) });
  await expect(sources).toBeVisible();
  expect(await sources.innerText()).not.toContain('{');

  const filter = page.getByRole('form', { name: 'Filter the report by experiment' });
  const options = await filter.getByLabel('Experiment').locator('option').allInnerTexts();
  expect(options[0]).toBe('All experiments with runs');
  expect(options.length).toBeGreaterThan(1);
  const experiment = options[1]!;
  await filter.getByLabel('Experiment').selectOption({ label: experiment });
  await filter.getByRole('button', { name: 'Show' }).click();
  await expect(page).toHaveURL(/[?&]experiment=/);
  await expect(
    preview.getByRole('heading', { name: `Experiments (filtered to ${experiment})`, level: 3 }),
  ).toBeVisible();
  // The experiments table under that heading: its header and the one chosen experiment.
  const experiments = preview
    .getByRole('table')
    .filter({ has: page.getByRole('columnheader', { name: 'Experiment', exact: true }) });
  await expect(experiments.getByRole('row')).toHaveCount(2);
  await expect(experiments.getByRole('row').nth(1)).toContainText(experiment);

  await page.getByRole('link', { name: 'Print view' }).click();
  await expect(page).toHaveURL(/\/report\/print\?experiment=/);
  const printable = page.getByRole('article', { name: 'Report' });
  for (const heading of ['Production monitoring', 'Open alerts', 'A/B tests'])
    await expect(printable.getByRole('heading', { name: heading, level: 3 })).toBeVisible();
  await expect(
    printable.getByRole('heading', { name: `Experiments (filtered to ${experiment})`, level: 3 }),
  ).toBeVisible();
  expect(
    await printable
      .getByRole('table')
      .filter({ has: page.getByRole('columnheader', { name: 'Source' }) })
      .innerText(),
  ).not.toContain('{');
  const charts = page.getByRole('region', { name: 'Production health charts' });
  await expect(
    charts.getByRole('figure', { name: 'Open alerts per model and kind' }).locator('.recharts-bar-rectangle').first(),
  ).toBeVisible();
  await expect(
    charts
      .getByRole('figure', { name: /^Mean of .* per variant/ })
      .first()
      .locator('.recharts-symbols')
      .first(),
  ).toBeVisible();
  await expect(page.getByRole('form', { name: 'Filter the report by experiment' })).toBeVisible();
});

test('a model in Production while the stage is early: the health says the stage is behind and where to move it', async ({
  page,
  request,
}) => {
  const slug = unique('stage-behind');
  await createProject(page, { name: 'Stage behind e2e', slug });
  const api = mlflow(request, await createToken(page, slug));
  const experimentId = await api.defaultExperimentId();
  const runId = await api.finishedRun({ experimentId, name: 'first', params: { depth: '3' }, curve: [0.7, 0.8] });
  await api.post('registered-models/create', { name: 'churn' });
  await api.post('model-versions/create', { name: 'churn', source: `runs:/${runId}/model`, run_id: runId });
  await api.post('model-versions/transition-stage', { name: 'churn', version: '1', stage: 'Production' });

  await page.goto(`/${slug}`);
  const health = page.getByRole('status', { name: 'Project health' });
  await expect(health).toContainText(
    'Stage behind: The stage is Define problem, but 1 model version is in Production. Move the project to Deploy or Monitor in Lifecycle.',
  );
});

test('the success metrics banner agrees with the scorecard: short of a target but on track is not a warning', async ({
  page,
}) => {
  await page.goto('/demo/metrics');
  const rows = await tableRows(page.getByRole('table', { name: 'Success metrics' }));
  const primary = rows.filter((r) => /PRIMARY/i.test(r['Metric'] ?? ''));
  expect(primary.length).toBeGreaterThan(0);
  const banner = page.getByRole('status', { name: 'Project success' });
  const statuses = primary.map((r) => r['Status']);
  if (statuses.every((s) => s === 'Achieved')) await expect(banner).toContainText('Project success: achieved.');
  else if (statuses.every((s) => s === 'Achieved' || s === 'On track'))
    await expect(banner).toContainText('Project success: not reached yet, on track.');
  else await expect(banner).toContainText('Project success: behind.');
});
