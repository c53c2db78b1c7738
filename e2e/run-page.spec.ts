import { expect, test } from '@playwright/test';
import { createToken, mlflow } from './api';
import { createProject, unique } from './fixtures';

test('a finished run opens on its charts in the first screen; the tab is in the URL, survives a reload, and the title names the run', async ({
  page,
}) => {
  await page.goto('/demo/runs?status=FINISHED');
  const first = page.getByRole('main').locator('a[href^="/demo/runs/"]').filter({ hasText: /\S/ }).first();
  const href = (await first.getAttribute('href'))!;
  expect(href).toMatch(/^\/demo\/runs\/\w+$/);
  const name = (await first.innerText()).trim();
  await first.click();
  await expect(page.getByRole('heading', { name, level: 1 })).toBeVisible();
  await expect.poll(() => page.title()).toContain(name);

  const tabs = page.getByRole('navigation', { name: 'Page tabs' });
  await expect(tabs.getByRole('link', { name: 'Charts' })).toHaveAttribute('aria-current', 'page');
  const chart = page.getByRole('main').getByRole('figure').first();
  await expect(chart).toContainText(/[\d,]+ of [\d,]+ points?\b/);
  // At least half of the first chart shows without scrolling.
  await expect(chart).toBeInViewport({ ratio: 0.5 });

  await tabs.getByRole('link', { name: 'Params, metrics & tags' }).click();
  await expect(page).toHaveURL(/[?&]tab=data\b/);
  const metrics = page.getByRole('region', { name: 'Metrics' });
  await expect(metrics.getByRole('table')).toBeVisible();
  await page.reload();
  await expect(tabs.getByRole('link', { name: 'Params, metrics & tags' })).toHaveAttribute('aria-current', 'page');
  await expect(metrics.getByRole('table')).toBeVisible();
  await expect(page.getByRole('region', { name: 'Charts' })).toHaveCount(0);

  // Keys wrap after their separators (val_accuracy → val_ | accuracy), never in the middle of a word.
  const key = metrics.getByRole('cell', { name: 'val_accuracy', exact: true }).locator('span');
  await expect(key.locator('wbr')).not.toHaveCount(0);
  expect(await key.evaluate((el) => getComputedStyle(el).wordBreak)).not.toBe('break-all');

  // A link from before the tabs, to the artifacts section, still lands on the artifacts.
  await page.goto(`${href}#artifacts`);
  await expect(page).toHaveURL(/[?&]tab=artifacts#artifacts$/);
  await expect(page.getByRole('region', { name: 'Artifacts' })).toBeVisible();
  await expect(tabs.getByRole('link', { name: 'Artifacts' })).toHaveAttribute('aria-current', 'page');
});

test('registering from a run offers the project’s models, shows the run’s versions, warns before a duplicate and links to the new version', async ({
  page,
  request,
}) => {
  const slug = unique('register-run');
  await createProject(page, { name: 'Register from run e2e', slug });
  const api = mlflow(request, await createToken(page, slug));
  const runId = await api.finishedRun({
    experimentId: await api.defaultExperimentId(),
    name: 'forest',
    params: { depth: '4' },
    curve: [0.7, 0.8],
  });
  for (const name of ['churn', 'upsell']) await api.post('registered-models/create', { name });

  await page.goto(`/${slug}/runs/${runId}?tab=overview`);
  const form = page.getByRole('form', { name: 'Register as model version' });
  const model = form.getByRole('combobox', { name: 'Registered model' });
  // Nothing looks filled in: no existing name as a placeholder; the models come as a list to pick from.
  await expect(model).toHaveValue('');
  await expect(model).not.toHaveAttribute('placeholder');
  const listId = (await model.getAttribute('list'))!;
  expect(
    await page.locator(`datalist[id="${listId}"] option`).evaluateAll((os) => os.map((o) => o.getAttribute('value'))),
  ).toEqual(['churn', 'upsell']);
  await model.fill('churn');
  await expect(form.getByText('Adds the next version of churn.')).toBeVisible();
  await form.getByRole('button', { name: 'Register as model version' }).click();
  await expect(form.getByRole('link', { name: 'Registered churn version 1' })).toBeVisible();
  const versions = page.getByRole('list', { name: 'Registered versions from this run' });
  await expect(versions.getByRole('link', { name: 'churn version 1' })).toBeVisible();

  // The same model again: the form says this run already is version 1 and asks before a second one.
  await model.fill('churn');
  const already = form.getByRole('group', { name: 'Already registered' });
  await expect(already).toContainText('This run is already churn version 1 (None)');
  const anyway = already.getByRole('checkbox', { name: 'Register another version anyway' });
  await expect(anyway).toHaveAttribute('required', '');
  await anyway.check();
  await form.getByRole('button', { name: 'Register as model version' }).click();
  await form.getByRole('link', { name: 'Registered churn version 2' }).click();
  await expect(page).toHaveURL(new RegExp(`/${slug}/models/churn/versions/2$`));
});

test('a promotion that leaves an alias on the archived version says so, and the alias moves with one button', async ({
  page,
  request,
}) => {
  const slug = unique('stale-alias');
  await createProject(page, { name: 'Stale alias e2e', slug });
  const api = mlflow(request, await createToken(page, slug));
  const experimentId = await api.defaultExperimentId();
  await api.post('registered-models/create', { name: 'churn' });
  for (const name of ['v-one', 'v-two']) {
    const runId = await api.finishedRun({ experimentId, name, params: { variant: name }, curve: [0.7, 0.8] });
    await api.post('model-versions/create', { name: 'churn', source: `runs:/${runId}/model`, run_id: runId });
  }
  await api.post('model-versions/transition-stage', { name: 'churn', version: '1', stage: 'Production' });
  await api.post('registered-models/alias', { name: 'churn', alias: 'champion', version: '1' });

  await page.goto(`/${slug}/models/churn`);
  const stale = page.getByRole('region', { name: 'Aliases on archived versions' });
  await expect(stale).toHaveCount(0);
  const table = page.getByRole('table', { name: 'Versions of churn', exact: true });
  const v2 = table.getByRole('row', { name: /Version 2/ });
  await v2.getByRole('button', { name: 'Actions for version 2' }).click();
  await page.getByRole('menuitem', { name: 'Move to Production' }).click();
  const move = page.getByRole('dialog', { name: 'Move version 2 of churn' });
  await expect(move.getByLabel('Stage for version 2')).toHaveValue('Production');
  await move.getByRole('button', { name: 'Move version 2' }).click();
  await expect(move).toBeHidden();
  await expect(
    page.getByText('Version 2 is now in Production. @champion still points to archived version 1.'),
  ).toBeVisible();
  await expect(table.getByRole('row', { name: /Version 1/ })).toContainText('Archived');

  await expect(stale).toContainText('@champion still points to version 1, which is archived');
  await stale.getByRole('button', { name: 'Move @champion to version 2 (Production)' }).click();
  await expect(stale).toHaveCount(0);
  await expect(table.getByRole('row', { name: /Version 2/ })).toContainText('@champion');
  await expect(table.getByRole('row', { name: /Version 1/ })).not.toContainText('@champion');
  const res = await request.get('/api/2.0/mlflow/registered-models/alias', {
    headers: { Authorization: `Bearer ${await createToken(page, slug, 'check')}` },
    params: { name: 'churn', alias: 'champion' },
  });
  expect((await res.json()).model_version.version).toBe('2');
});
