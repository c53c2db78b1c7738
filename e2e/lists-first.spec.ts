import { type Locator, type Page, expect, test } from '@playwright/test';
import { createToken, mlflow } from './api';
import { expectAccessibleInBothThemes } from './axe';
import { createProject, unique } from './fixtures';

/**
 * The list (or its empty state) opens the page: it starts in the top half of the window, and no form in the
 * page comes before it; creating happens in a dialog opened from a "New …" button.
 */
async function expectListFirst(page: Page, list: Locator) {
  await expect(list).toBeVisible();
  const box = await list.boundingBox();
  expect(box!.y, 'the list starts in the top half of the window').toBeLessThan(page.viewportSize()!.height / 2);
  const formsBefore = await list.evaluate(
    (el) =>
      Array.from(document.querySelectorAll('main form')).filter(
        (form) => form.compareDocumentPosition(el) & Node.DOCUMENT_POSITION_FOLLOWING,
      ).length,
  );
  expect(formsBefore, 'forms placed before the list').toBe(0);
}

async function openDialog(page: Page, button: string, title: string) {
  await page.getByRole('button', { name: button, exact: true }).click();
  const dialog = page.getByRole('dialog', { name: title });
  await expect(dialog).toBeVisible();
  return dialog;
}

test('models, success metrics, sprints, datasets and A/B tests list first; "New …" creates in a dialog that closes onto the new row', async ({
  page,
}) => {
  test.setTimeout(120_000);
  const slug = unique('lists');
  await createProject(page, { name: 'Lists e2e', slug });

  // Models: a refused name is explained inside the dialog, under the field; a good one closes it onto the row.
  await page.goto(`/${slug}/models`);
  await expectListFirst(page, page.getByText('No registered models yet'));
  const model = unique('churn-model');
  let dialog = await openDialog(page, 'New model', 'Register a model');
  await dialog.getByLabel('Model name').fill(model);
  await dialog.getByRole('button', { name: 'Create model' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('status').filter({ hasText: `Model ${model} created.` })).toBeVisible();
  await expect(page.getByRole('link', { name: model, exact: true })).toBeVisible();
  dialog = await openDialog(page, 'New model', 'Register a model');
  await dialog.getByLabel('Model name').fill(model);
  await dialog.getByRole('button', { name: 'Create model' }).click();
  await expect(dialog.getByLabel('Model name')).toHaveAttribute('aria-invalid', 'true');
  await expect(dialog.getByLabel('Model name')).toHaveAccessibleDescription(/already exists/);
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('button', { name: 'New model', exact: true })).toBeFocused();

  // Success metrics.
  await page.goto(`/${slug}/metrics`);
  await expectListFirst(page, page.getByText('No success metrics yet'));
  dialog = await openDialog(page, 'New success metric', 'Define a success metric');
  await dialog.getByLabel('Metric name').fill('weekly churn');
  await dialog.getByLabel('Start value').fill('12');
  await dialog.getByLabel('Target', { exact: true }).fill('8');
  await dialog.getByRole('button', { name: 'Add metric' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('link', { name: 'weekly churn', exact: true })).toBeVisible();

  // Sprints.
  await page.goto(`/${slug}/sprints`);
  await expectListFirst(page, page.getByText('No sprints yet'));
  dialog = await openDialog(page, 'New sprint', 'Plan a sprint');
  await dialog.getByLabel('Goal').fill('Ship the first churn model');
  await dialog.getByRole('button', { name: 'Plan sprint' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('table', { name: /sprints/i }).getByText('Sprint 1', { exact: true })).toBeVisible();

  // Datasets.
  await page.goto(`/${slug}/datasets`);
  await expectListFirst(page, page.getByText('No dataset versions yet'));
  dialog = await openDialog(page, 'New dataset version', 'Register a dataset version');
  await dialog.getByLabel('Dataset name').fill('churn-labels');
  await dialog.getByLabel('CSV file').setInputFiles({
    name: 'churn.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from('customer,churned\na,1\nb,0\n'),
  });
  await dialog.getByRole('button', { name: 'Upload and register' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('link', { name: 'churn-labels' })).toBeVisible();

  // A/B tests: with no model holding two versions, the dialog says what to do first and links there.
  await page.goto(`/${slug}/ab-tests`);
  await expectListFirst(page, page.getByText('No A/B tests yet'));
  dialog = await openDialog(page, 'New A/B test', 'Define an A/B test');
  await expect(dialog.getByText('No model has two versions yet')).toBeVisible();
  await expect(dialog.getByRole('link', { name: 'Register a version from a run' })).toHaveAttribute(
    'href',
    `/${slug}/runs?status=FINISHED`,
  );
});

test('a model version row keeps its stage moves in an actions menu that works by keyboard', async ({
  page,
  request,
}) => {
  const slug = unique('rowmenu');
  await createProject(page, { name: 'Row menu e2e', slug });
  const api = mlflow(request, await createToken(page, slug));
  const runId = await api.finishedRun({
    experimentId: await api.defaultExperimentId(),
    name: 'menu-run',
    params: { depth: '3' },
    curve: [0.6, 0.7],
  });
  await api.post('registered-models/create', { name: 'menu-model' });
  await api.post('model-versions/create', { name: 'menu-model', source: `runs:/${runId}/model`, run_id: runId });

  await page.goto(`/${slug}/models/menu-model`);
  const row = page.getByRole('table', { name: 'Versions of menu-model' }).getByRole('row', { name: /Version 1/ });
  await expect(row).toBeVisible();
  // No promote form sits in the row any more: only its menu button.
  await expect(row.getByRole('combobox')).toHaveCount(0);
  await expect(row.getByRole('button', { name: 'Move version 1' })).toHaveCount(0);
  const actions = row.getByRole('button', { name: 'Actions for version 1' });
  await expect(actions).toHaveAttribute('aria-haspopup', 'menu');
  await expect(actions).toHaveAttribute('aria-expanded', 'false');

  await actions.focus();
  await page.keyboard.press('Enter');
  const menu = page.getByRole('menu', { name: 'Actions for version 1' });
  await expect(menu).toBeVisible();
  await expect(actions).toHaveAttribute('aria-expanded', 'true');
  const items = menu.getByRole('menuitem');
  await expect(items).toHaveText(['Move to Staging', 'Move to Production', 'Move to Archived']);
  await expect(items.nth(0)).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await expect(items.nth(1)).toBeFocused();
  await page.keyboard.press('ArrowUp');
  await page.keyboard.press('ArrowUp');
  await expect(items.nth(2)).toBeFocused();
  await page.keyboard.press('Home');
  await expect(items.nth(0)).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(menu).toBeHidden();
  await expect(actions).toBeFocused();
  await expect(actions).toHaveAttribute('aria-expanded', 'false');

  // ArrowUp opens on the last item; Enter on an item opens the move in a dialog, Escape returns to the button.
  await page.keyboard.press('ArrowUp');
  await expect(items.nth(2)).toBeFocused();
  await page.keyboard.press('ArrowUp');
  await expect(items.nth(1)).toBeFocused();
  await page.keyboard.press('Enter');
  const move = page.getByRole('dialog', { name: 'Move version 1 of menu-model' });
  await expect(move.getByLabel('Stage for version 1')).toHaveValue('Production');
  await page.keyboard.press('Escape');
  await expect(move).toBeHidden();
  await expect(actions).toBeFocused();

  await actions.click();
  await page.getByRole('menuitem', { name: 'Move to Staging' }).click();
  await expect(move.getByLabel('Stage for version 1')).toHaveValue('Staging');
  await move.getByLabel('Why (version 1)').fill('ready for shadow traffic');
  await move.getByRole('button', { name: 'Move version 1' }).click();
  await expect(move).toBeHidden();
  await expect(row.getByRole('status')).toHaveText('Version 1 is now in Staging.');
  await expect(row).toContainText('Staging');
});

// With each creation dialog (and a version's move dialog) open, in the light and the dark theme.
const DIALOGS: ReadonlyArray<{ path: string; open: (page: Page) => Promise<void> }> = [
  ...(
    [
      ['/models', 'New model', 'Register a model'],
      ['/ab-tests', 'New A/B test', 'Define an A/B test'],
      ['/metrics', 'New success metric', 'Define a success metric'],
      ['/sprints', 'New sprint', 'Plan a sprint'],
      ['/datasets', 'New dataset version', 'Register a dataset version'],
      ['/board', 'New task', 'Add a task'],
    ] as const
  ).map(([path, button, title]) => ({
    path,
    open: async (page: Page) => {
      await openDialog(page, button, title);
    },
  })),
  {
    path: '/models/rain-tomorrow',
    open: async (page: Page) => {
      await page.getByRole('button', { name: 'Actions for version 1', exact: true }).click();
      await page.getByRole('menuitem').first().click();
      await expect(page.getByRole('dialog', { name: /^Move version 1 of rain-tomorrow/ })).toBeVisible();
    },
  },
];

for (const { path, open } of DIALOGS) {
  test(`axe: ${path} with its dialog open has no serious violations in either theme`, async ({ page }) => {
    await expectAccessibleInBothThemes(page, `/demo${path}`, open);
  });
}
