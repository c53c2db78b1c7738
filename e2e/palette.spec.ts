import { type Locator, type Page, expect, test } from '@playwright/test';
import { expectNoSeriousViolations } from './axe';
import { createProject, openNewTask, unique } from './fixtures';

// Linear-style keyboard work: the command palette (Ctrl-K), the `?` shortcut list, the backlog's manual
// ranking (pointer and keyboard), Undo after "Prioritise", and board filters kept in the URL.

const palette = (page: Page) => page.getByRole('dialog', { name: 'Command palette' });
const paletteInput = (page: Page) => palette(page).getByRole('combobox');

/** Opens the palette with Ctrl-K, types `text` and waits until the search has answered. */
async function search(page: Page, text: string) {
  // A press before the page has hydrated finds no listener yet; Ctrl-K only ever opens, so pressing again is safe.
  await expect(async () => {
    await page.keyboard.press('Control+k');
    await expect(palette(page)).toBeVisible({ timeout: 2_000 });
  }).toPass();
  await expect(paletteInput(page)).toBeFocused();
  await paletteInput(page).fill(text);
  await expect(palette(page).getByText(/^\d+ results?\./)).toBeVisible();
}

/** Moves the palette's highlight down with the arrow key until `option` is the chosen one. */
async function choose(page: Page, option: Locator) {
  const count = await palette(page).getByRole('option').count();
  for (let i = 0; i < count && (await option.getAttribute('aria-selected')) !== 'true'; i++) {
    await page.keyboard.press('ArrowDown');
  }
  await expect(option).toHaveAttribute('aria-selected', 'true');
}

test.describe('command palette on the demo project', () => {
  for (const { text, kind, url, heading } of [
    { text: 'Weather station outage', kind: 'Risk', url: /\/demo\/risks\/[\w-]+$/, heading: /Weather station outage/ },
    {
      text: 'logreg data: history + balanced',
      kind: 'Run',
      url: /\/demo\/runs\/\w+$/,
      heading: /logreg data: history \+ balanced/,
    },
    {
      text: 'Try gradient boosting',
      kind: 'Task',
      url: /\/demo\/board\/tasks\/[\w-]+$/,
      heading: /Try gradient boosting/,
    },
  ]) {
    test(`Ctrl+K, type a ${kind.toLowerCase()}'s name, Enter: its page opens`, async ({ page }) => {
      await page.goto('/demo');
      await search(page, text);
      const first = palette(page).getByRole('option').first();
      await expect(first).toContainText(text);
      await expect(first).toContainText(kind);
      await expect(first).toHaveAttribute('aria-selected', 'true');
      await page.keyboard.press('Enter');
      await expect(page).toHaveURL(url);
      await expect(page.getByRole('heading', { level: 1, name: heading })).toBeVisible();
      await expect(palette(page)).toHaveCount(0);
    });
  }

  test('arrows choose among results, pages are listed, Escape closes', async ({ page }) => {
    await page.goto('/demo');
    await search(page, 'mon');
    await expect(palette(page).getByRole('option', { name: /^Monitoring\s*Page$/ })).toBeVisible();
    await paletteInput(page).fill('Sprints');
    await expect(palette(page).getByText(/^\d+ results?\./)).toBeVisible();
    await choose(page, palette(page).getByRole('option', { name: /^Sprints\s*Page$/ }));
    await page.keyboard.press('Enter');
    await expect(page).toHaveURL(/\/demo\/sprints$/);
    await page.keyboard.press('Control+k');
    await expect(palette(page)).toBeVisible();
    await page.keyboard.press('Escape');
    await expect(palette(page)).toHaveCount(0);
  });

  test('is free of serious accessibility issues when open, in both themes', async ({ page }) => {
    for (const theme of ['light', 'dark'] as const) {
      await page.context().addCookies([{ name: 'theme', value: theme, url: test.info().project.use.baseURL! }]);
      await page.goto('/demo/risks');
      await search(page, 'weather');
      await expectNoSeriousViolations(page, `the open palette in the ${theme} theme`);
    }
    await page.context().clearCookies({ name: 'theme' });
  });
});

test('the palette creates a task from what was typed, and its commands lead to the create forms', async ({ page }) => {
  const slug = unique('palette');
  await createProject(page, { name: 'Palette e2e', slug });
  const title = unique('Label the new station data');
  await search(page, title);
  const create = palette(page).getByRole('option', { name: new RegExp(`^Create task “${title}”`) });
  await expect(create).toHaveAttribute('aria-selected', 'true');
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(new RegExp(`/${slug}/board/tasks/[\\w-]+$`));
  await expect(page.getByRole('heading', { level: 1, name: new RegExp(title) })).toBeVisible();
  await page.goto(`/${slug}/backlog`);
  await expect(backlogRow(page, 1)).toContainText(title);

  // From another page, and again from the page itself: each time the command opens the "New risk" dialog.
  for (const from of ['backlog', 'risks']) {
    await expect(page).toHaveURL(new RegExp(`/${slug}/${from}$`));
    await search(page, 'Create risk');
    await choose(page, palette(page).getByRole('option', { name: /^Create risk\s*Command$/ }));
    await page.keyboard.press('Enter');
    await expect(page).toHaveURL(new RegExp(`/${slug}/risks#new-risk$`));
    const dialog = page.getByRole('dialog', { name: 'Add a risk' });
    await expect(dialog.getByLabel('Risk', { exact: true })).toBeVisible();
    await page.keyboard.press('Escape');
    await expect(dialog).toBeHidden();
  }
  await search(page, 'Plan a sprint');
  await choose(page, palette(page).getByRole('option', { name: /^Plan a sprint\s*Command$/ }));
  await page.keyboard.press('Enter');
  await expect(page.getByRole('dialog', { name: 'Plan a sprint' })).toBeVisible();
});

test('C opens the page’s “New …” form, or the backlog’s task form on a page without one', async ({ page }) => {
  await page.goto('/demo/risks');
  const dialog = page.getByRole('dialog', { name: 'Add a risk' });
  // A press before the page has hydrated finds no listener yet.
  await expect(async () => {
    await page.keyboard.press('c');
    await expect(dialog).toBeVisible({ timeout: 2_000 });
  }).toPass();
  await expect(dialog.getByLabel('Risk', { exact: true })).toBeFocused();
  await page.keyboard.type('cc');
  await expect(dialog.getByLabel('Risk', { exact: true })).toHaveValue('cc');
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();

  await page.goto('/demo/backlog');
  const form = page.getByRole('dialog', { name: 'Add to the backlog' });
  await expect(async () => {
    await page.keyboard.press('c');
    await expect(form.getByLabel('Title')).toBeFocused({ timeout: 2_000 });
  }).toPass();
  await page.keyboard.press('Escape');
  await expect(form).toBeHidden();

  await page.goto('/demo/runs');
  const filter = page.getByRole('searchbox', { name: 'Filter runs' });
  await filter.focus();
  await page.keyboard.type('c');
  await expect(filter).toHaveValue('c');
  await expect(page).toHaveURL(/\/demo\/runs/);
  await page.getByRole('heading', { level: 1 }).click();
  await page.keyboard.press('c');
  await expect(page).toHaveURL(/\/demo\/backlog#new-task$/);
  await expect(page.getByRole('dialog', { name: 'Add to the backlog' })).toBeVisible();
  await expect(page.getByRole('dialog').getByLabel('Title')).toBeFocused();
});

test('`?` lists the keyboard shortcuts, but not while typing in a field', async ({ page }) => {
  await page.goto('/demo/runs');
  const filter = page.getByRole('searchbox', { name: 'Filter runs' });
  await filter.focus();
  await page.keyboard.type('?');
  await expect(page.getByRole('dialog', { name: 'Keyboard shortcuts' })).toHaveCount(0);
  await filter.fill('');
  await page.getByRole('heading', { level: 1 }).click();
  await page.keyboard.press('Shift+?');
  const dialog = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
  await expect(dialog).toBeVisible();
  for (const does of [
    /command palette/,
    /Show these keyboard shortcuts/,
    /Create: open/,
    /pick the card up/,
    /pick the row up/,
  ]) {
    await expect(dialog.getByRole('row').filter({ hasText: does })).toBeVisible();
  }
  await expect(dialog.getByRole('row').filter({ hasText: /command palette/ })).toContainText('Ctrl K');
  await page.keyboard.press('Escape');
  await expect(dialog).toHaveCount(0);
  await page.getByRole('button', { name: 'Shortcuts' }).click();
  await expect(dialog).toBeVisible();
});

const backlogTable = (page: Page) => page.getByRole('table', { name: 'Backlog' });
/** The n-th task row of the backlog table (1-based; row 0 is the header). */
const backlogRow = (page: Page, n: number) => backlogTable(page).getByRole('row').nth(n);

async function backlogOrder(page: Page): Promise<string[]> {
  const refs = await backlogTable(page)
    .getByRole('row')
    .evaluateAll((rows) => rows.slice(1).map((r) => /T-\d+/.exec(r.textContent ?? '')?.[0] ?? ''));
  return refs;
}

/** A backlog project holding tasks T-1… with the given priorities (added through the backlog's form). */
async function backlogProject(page: Page, priorities: string[]) {
  const slug = unique('rank');
  await createProject(page, { name: 'Rank e2e', slug });
  await page.goto(`/${slug}/backlog`);
  const add = await openNewTask(page, 'Add to the backlog');
  for (const [i, priority] of priorities.entries()) {
    await add.getByLabel('Title').fill(`Task ${i + 1}`);
    await add.getByLabel('Priority').selectOption(priority);
    await add.getByRole('button', { name: 'Add task' }).click();
    await expect(add.getByText(`Created T-${i + 1}.`)).toBeVisible();
  }
  await add.getByRole('button', { name: 'Cancel' }).click();
  await expect(backlogRow(page, priorities.length)).toContainText(`T-${priorities.length}`);
  return slug;
}

/** A pointer drag of a row by its rank handle, held over the target until the row has moved there. */
async function dragRow(page: Page, handle: Locator, target: Locator, arrived: () => Promise<void>) {
  let from = (await handle.boundingBox())!;
  // A press that lands before the page has hydrated (or on a spot the layout has since moved) starts
  // nothing: cancel whatever began, measure the handle again and press again until it picks up.
  await expect(async () => {
    await handle.scrollIntoViewIfNeeded();
    from = (await handle.boundingBox())!;
    const x = from.x + from.width / 2;
    const y = from.y + from.height / 2;
    const pressed = await page.evaluate((at) => document.elementFromPoint(at.x, at.y)?.closest('button')?.ariaLabel, {
      x,
      y,
    });
    await page.mouse.move(x, y);
    await page.mouse.down();
    await page.mouse.move(x, y + 10, { steps: 4 });
    try {
      await expect(page.getByRole('status').filter({ hasText: /^Picked up / }), `pressed on ${pressed}`).toBeVisible({
        timeout: 3_000,
      });
    } catch (error) {
      await page.keyboard.press('Escape');
      await page.mouse.up();
      throw error;
    }
  }).toPass();
  const to = (await target.boundingBox())!;
  let wiggle = 0;
  await expect(async () => {
    await page.mouse.move(from.x + from.width / 2, to.y + to.height / 2 + (wiggle++ % 2), { steps: 5 });
    await arrived();
  }).toPass();
  await page.mouse.up();
}

test('backlog rows re-rank by keyboard and by pointer, and the order is stored', async ({ page }) => {
  const slug = await backlogProject(page, ['3', '3', '3']);
  expect(await backlogOrder(page)).toEqual(['T-1', 'T-2', 'T-3']);

  await page.getByRole('button', { name: /^Re-rank T-3:/ }).focus();
  await page.keyboard.press('Space');
  await expect(page.getByRole('status').filter({ hasText: 'Picked up T-3' })).toContainText('rank 3 of 3');
  await page.keyboard.press('ArrowUp');
  await expect(page.getByRole('status').filter({ hasText: 'T-3 Task 3 is now' })).toContainText('rank 2 of 3');
  await page.keyboard.press('ArrowUp');
  await expect(page.getByRole('status').filter({ hasText: 'T-3 Task 3 is now' })).toContainText('rank 1 of 3');
  await page.keyboard.press('Space');
  await expect(page.getByText('T-3 is now rank 1.')).toBeVisible();
  await page.reload();
  await expect(backlogRow(page, 1)).toContainText('T-3');
  expect(await backlogOrder(page)).toEqual(['T-3', 'T-1', 'T-2']);

  await dragRow(page, page.getByRole('button', { name: /^Re-rank T-1:/ }), backlogRow(page, 3), async () => {
    await expect(page.getByRole('status').filter({ hasText: 'T-1 Task 1 is now' })).toContainText('rank 3 of 3', {
      timeout: 1_000,
    });
  });
  await expect(page.getByText('T-1 is now rank 3.')).toBeVisible();
  await page.goto(`/${slug}/backlog`);
  await expect(backlogRow(page, 3)).toContainText('T-1');
  expect(await backlogOrder(page)).toEqual(['T-3', 'T-2', 'T-1']);
});

test('Prioritise, then Undo puts the backlog back in the order it had', async ({ page }) => {
  const slug = await backlogProject(page, ['4', '1', '3']);
  expect(await backlogOrder(page)).toEqual(['T-1', 'T-2', 'T-3']);
  const prioritise = page.getByRole('group', { name: 'Prioritise the backlog' });
  await prioritise.getByRole('button', { name: 'Prioritise', exact: true }).click();
  await expect(prioritise.getByText('Reordered 3 tasks')).toBeVisible();
  await expect(backlogRow(page, 1)).toContainText('T-2');
  expect(await backlogOrder(page)).toEqual(['T-2', 'T-3', 'T-1']);
  await prioritise.getByRole('button', { name: 'Undo prioritise' }).click();
  await expect(prioritise.getByText('Restored the order of 3 tasks.')).toBeVisible();
  await expect(backlogRow(page, 1)).toContainText('T-1');
  await page.goto(`/${slug}/backlog`);
  await expect(backlogRow(page, 3)).toContainText('T-3');
  expect(await backlogOrder(page)).toEqual(['T-1', 'T-2', 'T-3']);
});

test('board filters by assignee, label and priority hide other cards, sit in the URL and survive a reload', async ({
  page,
}) => {
  const slug = unique('filters');
  await createProject(page, { name: 'Filters e2e', slug });
  await page.goto(`/${slug}/board?sprint=backlog`);
  const add = await openNewTask(page);
  const tasks = [
    { title: 'Mine, data, urgent', assignee: 'Ada Admin', labels: 'data', priority: '1' },
    { title: 'Nobody, data, low', assignee: 'Nobody', labels: 'data', priority: '4' },
    { title: 'Mine, ui, low', assignee: 'Ada Admin', labels: 'ui', priority: '4' },
  ];
  for (const [i, t] of tasks.entries()) {
    await add.getByLabel('Title').fill(t.title);
    await add.getByLabel('Assignee').selectOption({ label: t.assignee });
    await add.getByLabel('Labels').fill(t.labels);
    await add.getByLabel('Priority').selectOption(t.priority);
    await add.getByRole('button', { name: 'Add task' }).click();
    await expect(add.getByText(`Created T-${i + 1}.`)).toBeVisible();
  }
  await add.getByRole('button', { name: 'Cancel' }).click();
  const cards = page.getByRole('list', { name: 'To do cards' }).getByRole('listitem');
  await expect(cards).toHaveCount(3);
  const filters = page.getByRole('form', { name: 'Filter cards' });

  // A filter applies as soon as it is picked.
  await filters.getByLabel('Filter by assignee').selectOption({ label: 'Ada Admin' });
  await expect(page).toHaveURL(/[?&]assignee=[^&]+/);
  await expect(cards).toHaveText([/Mine, data, urgent/, /Mine, ui, low/]);

  await filters.getByLabel('Filter by label').selectOption('data');
  await expect(page).toHaveURL(/[?&]label=data/);
  await expect(cards).toHaveText([/Mine, data, urgent/]);

  await filters.getByLabel('Filter by assignee').selectOption('');
  await filters.getByLabel('Filter by priority').selectOption({ label: 'P4 low' });
  await expect(page).toHaveURL(/[?&]priority=4/);
  await expect(cards).toHaveText([/Nobody, data, low/]);
  await expect(page.getByText('1 of 3 shown')).toBeVisible();

  await page.reload();
  await expect(cards).toHaveText([/Nobody, data, low/]);
  await expect(filters.getByLabel('Filter by priority')).toHaveValue('4');
  await filters.getByRole('link', { name: 'Clear filters' }).click();
  await expect(cards).toHaveCount(3);
  await expect(filters.getByLabel('Filter by priority')).toHaveValue('');
});
