import { type Page, expect, test } from '@playwright/test';
import { createToken, mlflow } from './api';
import { addRisk, createProject, unique } from './fixtures';

// Names typed in the UI or sent by an MLflow client are shown as text on every page that lists them: markup in a
// name never becomes markup (the literal text is visible), and no script in it runs.
const IMG = '<img src=x onerror="window.__xss=1">';
const SCRIPT = '<script>window.__xss=1</script>';

/** Opens `path` and checks each of `texts` shows literally, with no injected code run. */
async function expectShownAsText(page: Page, path: string, texts: string[]) {
  await page.goto(path);
  // Visible matches only: a closed menu (the project switcher) holds names too.
  for (const text of texts)
    await expect(page.getByText(text).filter({ visible: true }).first(), `${text} on ${path}`).toBeVisible();
  expect(
    await page.evaluate(() => (window as { __xss?: unknown }).__xss),
    `injected code ran on ${path}`,
  ).toBeUndefined();
}

test('names holding markup are shown as text everywhere and never run', async ({ page, request }) => {
  test.setTimeout(120_000);
  const dialogs: string[] = [];
  page.on('dialog', (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });

  const slug = unique('xss');
  const project = `Project ${IMG}`;
  await createProject(page, { name: project, slug, problem: `Problem ${SCRIPT}` });

  // Through the MLflow API, as a training script would send them.
  const api = mlflow(request, await createToken(page, slug));
  const experiment = `Experiment ${SCRIPT}`;
  const { experiment_id: experimentId } = (await api.post('experiments/create', { name: experiment })) as {
    experiment_id: string;
  };
  const run = `Run ${IMG}`;
  const runId = await api.finishedRun({ experimentId, name: run, params: { lr: IMG }, curve: [0.5, 0.6] });
  const model = `Model ${IMG}`;
  await api.post('registered-models/create', { name: model, description: `About ${SCRIPT}` });

  // Through the UI's forms.
  const risk = `Risk ${SCRIPT}`;
  await addRisk(page, slug, { title: risk, likelihood: 'High', impact: 'High', plan: `Plan ${IMG}` });

  const task = `Task ${IMG}`;
  await page.goto(`/${slug}/board?sprint=backlog`);
  await page.getByRole('button', { name: 'New task' }).click();
  const addTask = page.getByRole('dialog', { name: 'Add a task' });
  await addTask.getByLabel('Title').fill(task);
  await addTask.getByRole('button', { name: 'Add task' }).click();
  await expect(addTask).toBeHidden();
  await expect(page.getByRole('status').filter({ hasText: 'Created T-1.' })).toBeVisible();

  const subProblem = `Sub-problem ${SCRIPT}`;
  await page.goto(`/${slug}/problem`);
  const addSubProblem = page.getByRole('form', { name: 'Add a sub-problem' });
  await addSubProblem.getByLabel('Sub-problem', { exact: true }).fill(subProblem);
  await addSubProblem.getByRole('button', { name: 'Add sub-problem' }).click();
  await expect(addSubProblem.getByText(`Added “${subProblem}”.`)).toBeVisible();

  await expectShownAsText(page, '/', [project]);
  await expectShownAsText(page, `/${slug}`, [project, risk]);
  await expectShownAsText(page, `/${slug}/experiments`, [experiment]);
  await expectShownAsText(page, `/${slug}/runs/${runId}?tab=data`, [run, IMG]);
  await expectShownAsText(page, `/${slug}/models`, [model]);
  await expectShownAsText(page, `/${slug}/risks`, [risk]);
  await expectShownAsText(page, `/${slug}/board?sprint=backlog`, [task]);
  await expectShownAsText(page, `/${slug}/problem`, [subProblem]);
  await expectShownAsText(page, `/${slug}/report`, [project, risk, subProblem]);
  await expectShownAsText(page, `/${slug}/activity`, [risk]);
  expect(dialogs, 'a dialog opened').toEqual([]);
});
