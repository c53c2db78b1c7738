import { type Page, expect, test } from '@playwright/test';
import { addRisk, createProject, unique } from './fixtures';

/** Adds a risk and opens its page. */
async function addRiskAndOpen(page: Page, slug: string, title: string) {
  await addRisk(page, slug, { title });
  await page.getByRole('table', { name: 'Risk register' }).getByRole('link', { name: title }).click();
  await expect(page.getByRole('heading', { name: title, level: 1 })).toBeVisible();
  return page.url();
}

/** Plans Sprint 1 in the “New sprint” dialog and starts it. */
async function planAndStartSprint(page: Page, slug: string) {
  await page.goto(`/${slug}/sprints`);
  await page.getByRole('button', { name: 'New sprint' }).click();
  const plan = page.getByRole('dialog', { name: 'Plan a sprint' });
  await plan.getByRole('button', { name: 'Plan sprint' }).click();
  await expect(plan).toBeHidden();
  await expect(page.getByRole('status').filter({ hasText: /^Planned Sprint 1:/ })).toBeVisible();
  await page.getByRole('form', { name: 'Start Sprint 1' }).getByRole('button', { name: 'Start' }).click();
  await expect(page.getByText('Sprint 1 started.')).toBeVisible();
}

/** Plans and starts a sprint, then adds one card to its To do column. */
async function addTask(page: Page, slug: string, title: string) {
  await planAndStartSprint(page, slug);
  await page.goto(`/${slug}/board`);
  await page.getByRole('button', { name: 'New task' }).click();
  const add = page.getByRole('dialog', { name: 'Add a task' });
  await add.getByLabel('Title').fill(title);
  await add.getByRole('button', { name: 'Add task' }).click();
  await expect(add).toBeHidden();
  await expect(page.getByRole('status').filter({ hasText: 'Created T-1.' })).toBeVisible();
}

/** Reloads with unsaved changes: the page asks before leaving, and the person confirms. */
async function reloadConfirmingLeave(page: Page) {
  const prompts: string[] = [];
  page.once('dialog', (dialog) => {
    prompts.push(dialog.type());
    void dialog.accept();
  });
  await page.reload();
  expect(prompts).toEqual(['beforeunload']);
}

test('a risk description and a task description typed but not saved come back after a reload', async ({ page }) => {
  test.setTimeout(120_000);
  const slug = unique('drafts');
  await createProject(page, { name: 'Drafts test', slug });
  await addRiskAndOpen(page, slug, 'Label noise');

  const risk = page.getByRole('form', { name: 'Edit risk' });
  await risk.getByLabel('Description').click();
  await risk.getByLabel('Description').fill('Seen in the EU logs only');
  await reloadConfirmingLeave(page);
  await expect(page.getByText('Draft restored')).toBeVisible();
  await expect(page.getByRole('form', { name: 'Edit risk' }).getByLabel('Description')).toHaveValue(
    'Seen in the EU logs only',
  );
  await page.getByRole('form', { name: 'Edit risk' }).getByRole('button', { name: 'Save risk' }).click();
  await expect(page.getByRole('form', { name: 'Edit risk' }).getByText('Saved.')).toBeVisible();
  await page.reload();
  await expect(page.getByRole('form', { name: 'Edit risk' }).getByLabel('Description')).toHaveValue(
    'Seen in the EU logs only',
  );
  await expect(page.getByText('Draft restored')).toHaveCount(0);

  await addTask(page, slug, 'Relabel a sample');
  await page.getByRole('link', { name: 'Relabel a sample' }).click();
  const task = page.getByRole('form', { name: 'Edit task' });
  await task.getByLabel('Description (Markdown)').click();
  await task.getByLabel('Description (Markdown)').fill('Start with the 500 noisiest rows');
  await reloadConfirmingLeave(page);
  await expect(page.getByText('Draft restored')).toBeVisible();
  await expect(page.getByRole('form', { name: 'Edit task' }).getByLabel('Description (Markdown)')).toHaveValue(
    'Start with the 500 noisiest rows',
  );
  // Discard goes back to what is stored.
  await page.getByRole('button', { name: 'Discard draft' }).click();
  await expect(page.getByRole('form', { name: 'Edit task' }).getByLabel('Description (Markdown)')).toHaveValue('');
  await expect(page.getByText('Draft restored')).toHaveCount(0);
});

test('two people editing one risk: different fields both land; the same field offers both values', async ({
  page,
  browser,
}) => {
  test.setTimeout(120_000);
  const slug = unique('merge');
  await createProject(page, { name: 'Merge test', slug });
  const url = await addRiskAndOpen(page, slug, 'Privacy leak');
  const otherContext = await browser.newContext({ storageState: 'e2e/.auth/admin.json' });
  const other = await otherContext.newPage();
  await other.goto(url);

  const mine = page.getByRole('form', { name: 'Edit risk' });
  const theirs = other.getByRole('form', { name: 'Edit risk' });
  await mine.getByLabel('Likelihood').selectOption('Low');
  await mine.getByRole('button', { name: 'Save risk' }).click();
  await expect(mine.getByText('Saved.')).toBeVisible();
  await theirs.getByLabel('Description').fill('Customer emails in the training logs');
  await theirs.getByRole('button', { name: 'Save risk' }).click();
  await expect(theirs.getByText('Saved.')).toBeVisible();
  await page.reload();
  await expect(mine.getByLabel('Likelihood')).toHaveValue('Low');
  await expect(mine.getByLabel('Description')).toHaveValue('Customer emails in the training logs');

  // Both change the title, from the same version.
  await other.reload();
  await mine.getByLabel('Risk', { exact: true }).fill('Privacy leak in logs');
  await mine.getByRole('button', { name: 'Save risk' }).click();
  await expect(mine.getByText('Saved.')).toBeVisible();
  await theirs.getByLabel('Risk', { exact: true }).fill('PII leak');
  await theirs.getByLabel('Impact').selectOption('Low');
  await theirs.getByRole('button', { name: 'Save risk' }).click();
  const choice = other.getByRole('group', { name: 'Changed by both' });
  await expect(choice).toBeVisible();
  await expect(choice.getByText('Keep yours: PII leak')).toBeVisible();
  await expect(choice.getByText('Keep theirs: Privacy leak in logs')).toBeVisible();
  await choice.getByLabel('Keep theirs: Privacy leak in logs').check();
  await expect(theirs.getByLabel('Risk', { exact: true })).toHaveValue('Privacy leak in logs');
  await choice.getByLabel('Keep yours: PII leak').check();
  await expect(theirs.getByLabel('Risk', { exact: true })).toHaveValue('PII leak');
  await theirs.getByRole('button', { name: 'Save risk' }).click();
  await expect(theirs.getByText('Saved.')).toBeVisible();
  await page.reload();
  await expect(page.getByRole('heading', { name: 'PII leak', level: 1 })).toBeVisible();
  await expect(mine.getByLabel('Impact')).toHaveValue('Low');
  await expect(mine.getByLabel('Likelihood')).toHaveValue('Low');
  await otherContext.close();
});

test('a title input shows the server’s limit as you type, and a 200-character word wraps inside its card', async ({
  page,
}) => {
  test.setTimeout(120_000);
  const slug = unique('limits');
  await createProject(page, { name: 'Limits test', slug });
  const longTitle = 'W'.repeat(200);
  await planAndStartSprint(page, slug);
  await page.goto(`/${slug}/board`);
  const todo = page.getByRole('region', { name: 'To do', exact: true });
  const before = await todo.boundingBox();

  await page.getByRole('button', { name: 'New task' }).click();
  const add = page.getByRole('dialog', { name: 'Add a task' });
  const title = add.getByLabel('Title');
  await expect(title).toHaveAttribute('maxlength', '200');
  await expect(add.getByText('0 / 200 characters')).toBeVisible();
  await title.pressSequentially('Relabel');
  await expect(add.getByText('7 / 200 characters')).toBeVisible();
  await title.fill(longTitle);
  await expect(add.getByText('200 / 200 characters')).toBeVisible();
  await add.getByRole('button', { name: 'Add task' }).click();
  await expect(add).toBeHidden();

  const card = todo.getByRole('listitem').filter({ hasText: longTitle });
  await expect(card).toBeVisible();
  const after = await todo.boundingBox();
  const cardBox = await card.boundingBox();
  const linkBox = await card.getByRole('link', { name: longTitle }).boundingBox();
  expect(after!.width).toBe(before!.width);
  expect(cardBox!.x + cardBox!.width).toBeLessThanOrEqual(after!.x + after!.width);
  expect(linkBox!.x + linkBox!.width).toBeLessThanOrEqual(cardBox!.x + cardBox!.width);
  // The text itself stays inside the card: nothing scrolls or spills sideways.
  expect(await card.evaluate((el) => el.scrollWidth - el.clientWidth)).toBeLessThanOrEqual(0);
});

test('a new risk typed into its dialog survives closing the dialog and a reload, and is gone once added', async ({
  page,
}) => {
  const slug = unique('new-drafts');
  await createProject(page, { name: 'New risk drafts', slug });
  await page.goto(`/${slug}/risks`);
  const dialog = page.getByRole('dialog', { name: 'Add a risk' });
  const open = async () => {
    // A click before the page has hydrated finds no handler yet; opening twice is harmless.
    await expect(async () => {
      await page.getByRole('button', { name: 'New risk' }).click();
      await expect(dialog).toBeVisible({ timeout: 2_000 });
    }).toPass();
  };
  await open();
  await dialog.getByLabel('Risk', { exact: true }).fill('Holiday traffic');
  await dialog.getByLabel('Impact').selectOption('High');
  await dialog.getByLabel('Mitigation plan').fill('Warm up the cache');
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();

  const expectDraft = async () => {
    await expect(dialog.getByText('Draft restored')).toBeVisible();
    await expect(dialog.getByLabel('Risk', { exact: true })).toHaveValue('Holiday traffic');
    await expect(dialog.getByLabel('Impact')).toHaveValue('High');
    await expect(dialog.getByLabel('Mitigation plan')).toHaveValue('Warm up the cache');
  };
  await open();
  await expectDraft();
  await page.keyboard.press('Escape');
  await page.reload();
  await open();
  await expectDraft();

  await dialog.getByRole('button', { name: 'Add risk' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('status').filter({ hasText: 'Risk “Holiday traffic” added.' })).toBeVisible();
  await open();
  await expect(dialog.getByLabel('Risk', { exact: true })).toHaveValue('');
  await expect(dialog.getByLabel('Impact')).toHaveValue('Medium');
  await expect(dialog.getByText('Draft restored')).toHaveCount(0);
});
