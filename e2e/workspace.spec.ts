import fs from 'node:fs';
import { type Page, expect, test } from '@playwright/test';
import { addMember, addRisk, createProject, createUser, signIn, unique } from './fixtures';

async function defineMetric(
  page: Page,
  slug: string,
  m: { name: string; kind: string; direction: string; start: string; target: string; unit: string },
) {
  await page.goto(`/${slug}/metrics`);
  await page.getByRole('button', { name: 'New success metric' }).click();
  const dialog = page.getByRole('dialog', { name: 'Define a success metric' });
  const form = dialog.getByRole('form', { name: 'Define a success metric' });
  await form.getByLabel('Metric name').fill(m.name);
  await form.getByLabel('Kind').selectOption(m.kind);
  await form.getByLabel('Direction').selectOption(m.direction);
  await form.getByLabel('Start value').fill(m.start);
  await form.getByLabel('Target', { exact: true }).fill(m.target);
  await form.getByLabel('Unit').fill(m.unit);
  await form.getByRole('button', { name: 'Add metric' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('status').filter({ hasText: `Success metric ${m.name} created.` })).toBeVisible();
  await expect(page.getByRole('link', { name: m.name, exact: true })).toBeVisible();
}

test('a PM builds the register and a team lead reads the overview', async ({ page, browser }) => {
  test.setTimeout(120_000);
  const slug = unique('workspace');
  const name = 'Workspace churn';
  await createProject(page, { name, slug, problem: 'Predict customer churn' });

  // Success metric: latency 80 ms against a lower-better 100 ms target is achieved.
  await defineMetric(page, slug, {
    name: 'latency p95',
    kind: 'guardrail',
    direction: 'lower_better',
    start: '200',
    target: '100',
    unit: 'ms',
  });
  await page.getByRole('table', { name: 'Success metrics' }).getByRole('link', { name: 'latency p95' }).click();
  await expect(page.getByRole('heading', { name: 'latency p95', level: 1 })).toBeVisible();
  const checkIn = page.getByRole('form', { name: 'Check in a value' });
  await checkIn.getByLabel('Value (ms)').fill('fast');
  await checkIn.getByRole('button', { name: 'Check in' }).click();
  await expect(checkIn.getByText('Enter a number').first()).toBeVisible();
  await checkIn.getByLabel('Value (ms)').fill('80');
  await checkIn.getByRole('button', { name: 'Check in' }).click();
  await expect(checkIn.getByText('Checked in 80.')).toBeVisible();
  await expect(page.getByRole('region', { name: 'Where it stands' })).toContainText('Achieved');
  await expect(page.getByRole('table', { name: 'Check-ins of latency p95' })).toContainText('80');

  // Risk register: the seed's two risks, edited inline, filtered from the heat map.
  await addRisk(page, slug, {
    title: 'Data quality issues',
    likelihood: 'High',
    impact: 'High',
    plan: 'Implement data validation pipeline',
  });
  await addRisk(page, slug, {
    title: 'Model performance degradation',
    likelihood: 'Medium',
    impact: 'High',
    plan: 'Set up monitoring and retraining pipeline',
  });
  const register = page.getByRole('table', { name: 'Risk register' });
  await expect(register.getByRole('row').nth(1)).toContainText('Data quality issues');
  await expect(register.getByRole('row').nth(1)).toContainText('Critical');
  await page.getByLabel('Mitigation of Model performance degradation').selectOption('40');
  await expect(page.getByText('Saved Model performance degradation.')).toBeVisible();
  await page.reload();
  await expect(page.getByLabel('Mitigation of Model performance degradation')).toHaveValue('40');
  await expect(register.getByRole('row', { name: /Model performance degradation/ })).toContainText('3.6');
  await page.getByRole('button', { name: 'Likelihood High, impact High: 1 open risk, score 9' }).click();
  await expect(page).toHaveURL(/[?&]l=High&i=High/);
  await expect(register.getByRole('link', { name: 'Data quality issues' })).toBeVisible();
  await expect(register.getByRole('link', { name: 'Model performance degradation' })).toHaveCount(0);
  await page.getByRole('button', { name: 'Show all risks' }).click();
  await expect(register.getByRole('link', { name: 'Model performance degradation' })).toBeVisible();

  // Problem decomposition, two levels deep.
  await page.goto(`/${slug}/problem`);
  const add = page.getByRole('form', { name: 'Add a sub-problem' });
  for (const title of ['Identify churn indicators', 'Predict churn probability']) {
    await add.getByLabel('Sub-problem', { exact: true }).fill(title);
    await add.getByRole('button', { name: 'Add sub-problem' }).click();
    await expect(add.getByText(`Added “${title}”.`)).toBeVisible();
  }
  const tree = page.getByRole('list', { name: 'Problem decomposition' });
  await tree.getByText('Break down').nth(1).click();
  await page.getByLabel('Sub-problem of Predict churn probability').fill('Calibrate scores');
  await page
    .getByRole('form', { name: 'Break down Predict churn probability' })
    .getByRole('button', { name: 'Add sub-problem' })
    .click();
  await expect(tree).toContainText('Calibrate scores');
  await page.getByLabel('Status of Identify churn indicators').selectOption('done');
  await expect(page.getByText('Saved “Identify churn indicators”.')).toBeVisible();

  // Lifecycle: define's criteria are met now; skipping data collection needs a reason.
  await page.goto(`/${slug}`);
  const move = page.getByRole('form', { name: 'Move the project' });
  await move.getByLabel('Move to').selectOption('collect_data');
  await move.getByRole('button', { name: 'Move stage' }).click();
  await expect(move.getByText('Stage changed.')).toBeVisible();
  await move.getByLabel('Move to').selectOption('baseline');
  await move.getByRole('button', { name: 'Move stage' }).click();
  await expect(move.getByRole('alert')).toContainText('Exit criteria not met: A dataset version (Collect data)');
  await move.getByLabel('Reason').fill('Data comes from the CRM export we already have');
  await move.getByRole('button', { name: 'Move stage' }).click();
  await expect(move.getByText('Stage changed.')).toBeVisible();

  // The team lead, a viewer, reads the overview.
  const lead = { name: 'Lee Lead', email: `${unique('lead')}@example.com`, password: 'lead-password-123' };
  await createUser(page, lead);
  await addMember(page, slug, lead.email, 'viewer');
  const context = await browser.newContext({ storageState: { cookies: [], origins: [] } });
  const asLead = await context.newPage();
  await signIn(asLead, lead.email, lead.password);
  await asLead.goto(`/${slug}`);
  await expect(asLead.getByRole('heading', { name, level: 1 })).toBeVisible();
  const health = asLead.getByRole('status', { name: 'Project health' });
  await expect(health).toContainText('Project health: At risk.');
  await expect(health).toContainText('Project success: achieved.');
  await expect(health.getByRole('listitem')).toHaveText(['1 critical risk open in the register']);
  await expect(asLead.getByRole('button', { name: 'Write an update' })).toHaveCount(0);
  const scorecard = asLead.getByRole('list', { name: 'Success metric scorecard' });
  await expect(scorecard.getByRole('listitem').filter({ hasText: 'latency p95' })).toContainText('Achieved');
  const flagged = asLead.getByRole('list', { name: 'Critical and overdue risks' });
  await expect(flagged).toContainText('Data quality issues');
  await expect(flagged).toContainText('Critical');
  await expect(asLead.getByRole('list', { name: 'Lifecycle stage' }).locator('[aria-current="step"]')).toContainText(
    'Baseline',
  );
  await expect(asLead.getByRole('table', { name: 'Stage history' })).toContainText(
    'Data comes from the CRM export we already have',
  );
  await expect(asLead.getByRole('button', { name: 'Move stage' })).toHaveCount(0);
  await expect(asLead.getByRole('region', { name: 'Sprint progress' })).toContainText('No active sprint');
  await expect(asLead.getByRole('region', { name: 'Production model' })).toContainText('Nothing in Production yet');
  await flagged.getByRole('link', { name: 'Data quality issues' }).click();
  await expect(asLead.getByRole('heading', { name: 'Data quality issues', level: 1 })).toBeVisible();
  await expect(asLead.getByRole('table', { name: 'Score changes of Data quality issues' })).toContainText('9');
  await expect(asLead.getByRole('button', { name: 'Save risk' })).toHaveCount(0);
  await context.close();
});

test('two people saving the same risk or metric: other fields merge, the same field shows the first one’s value', async ({
  page,
}) => {
  const slug = unique('conflict');
  await createProject(page, { name: 'Conflict test', slug });
  await addRisk(page, slug, { title: 'Label noise', likelihood: 'High', impact: 'High', plan: 'Relabel a sample' });
  await page.getByRole('table', { name: 'Risk register' }).getByRole('link', { name: 'Label noise' }).click();
  await expect(page.getByRole('heading', { name: 'Label noise', level: 1 })).toBeVisible();
  const other = await page.context().newPage();
  await other.goto(page.url());

  const mine = page.getByRole('form', { name: 'Edit risk' });
  await mine.getByLabel('Likelihood').selectOption('Low');
  await mine.getByRole('button', { name: 'Save risk' }).click();
  await expect(mine.getByText('Saved.')).toBeVisible();
  const theirs = other.getByRole('form', { name: 'Edit risk' });
  await theirs.getByLabel('Impact').selectOption('Low');
  await theirs.getByRole('button', { name: 'Save risk' }).click();
  await expect(theirs.getByText('Saved.')).toBeVisible();
  await page.reload();
  await expect(page.getByRole('form', { name: 'Edit risk' }).getByLabel('Impact')).toHaveValue('Low');
  await expect(page.getByRole('form', { name: 'Edit risk' }).getByLabel('Likelihood')).toHaveValue('Low');

  await defineMetric(page, slug, {
    name: 'accuracy',
    kind: 'model',
    direction: 'higher_better',
    start: '0.7',
    target: '0.9',
    unit: '',
  });
  await page.getByRole('table', { name: 'Success metrics' }).getByRole('link', { name: 'accuracy' }).click();
  await expect(page.getByRole('heading', { name: 'accuracy', level: 1 })).toBeVisible();
  await other.goto(page.url());
  const form = page.getByRole('form', { name: 'Edit success metric' });
  await form.getByLabel('Target', { exact: true }).fill('0.92');
  await form.getByRole('button', { name: 'Save metric' }).click();
  await expect(form.getByText('Saved.')).toBeVisible();
  const stale = other.getByRole('form', { name: 'Edit success metric' });
  await stale.getByLabel('Target', { exact: true }).fill('0.8');
  await stale.getByRole('button', { name: 'Save metric' }).click();
  await expect(stale.getByRole('alert')).toContainText('Someone else saved this success metric since you opened it');
  await expect(other.getByRole('group', { name: 'Changed by both' })).toContainText('Keep theirs: 0.92');
  await other.close();
});

test('the report: narrative, preview, Markdown download and print view', async ({ page }) => {
  const slug = unique('report');
  await createProject(page, { name: 'Report test', slug, problem: 'Predict customer churn' });
  await addRisk(page, slug, {
    title: 'Data quality issues',
    likelihood: 'High',
    impact: 'High',
    plan: 'Implement data validation pipeline',
  });
  await page.goto(`/${slug}/report`);
  const editor = page.getByRole('form', { name: 'Methodology narrative editor' });
  await editor
    .getByLabel('Methodology narrative', { exact: true })
    .fill('We cleaned **labels** first.\n\n<b>raw html</b> stays out.');
  await editor.getByRole('button', { name: 'Save Methodology' }).click();
  await expect(editor.getByText('Methodology narrative saved.')).toBeVisible();
  const preview = page.getByRole('article', { name: 'Report preview' });
  await expect(
    preview.getByRole('heading', { name: 'Report test — ML Project Documentation', level: 1 }),
  ).toBeVisible();
  for (const section of ['Problem Statement', 'Data', 'Methodology', 'Results', 'Conclusions']) {
    await expect(preview.getByRole('heading', { name: section, level: 2, exact: true })).toBeVisible();
  }
  await expect(preview.locator('strong', { hasText: 'labels' })).toBeVisible();
  await expect(preview.locator('b')).toHaveCount(0);
  await expect(preview.getByRole('table').filter({ hasText: 'Data quality issues' })).toContainText('(critical)');

  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('link', { name: 'Download .md' }).click(),
  ]);
  expect(download.suggestedFilename()).toMatch(new RegExp(`^${slug}-report-\\d{4}-\\d{2}-\\d{2}\\.md$`));
  const markdown = fs.readFileSync((await download.path())!, 'utf8');
  expect(markdown).toContain('# Report test — ML Project Documentation');
  expect(markdown).toContain('We cleaned **labels** first.');
  expect(markdown).toContain('| Data quality issues **(critical)**');
  expect(markdown).toContain('## Conclusions');

  await page.getByRole('link', { name: 'Print view' }).click();
  const printable = page.getByRole('article', { name: 'Report' });
  await expect(
    printable.getByRole('heading', { name: 'Report test — ML Project Documentation', level: 1 }),
  ).toBeVisible();
  await expect(page.getByRole('button', { name: 'Print' })).toBeVisible();
  await page.emulateMedia({ media: 'print' });
  await expect(page.getByRole('navigation', { name: 'Report test sections' })).toBeHidden();
  await expect(page.getByRole('button', { name: 'Print' })).toBeHidden();
});
