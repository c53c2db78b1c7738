import { type Locator, type Page, expect, test } from '@playwright/test';
import { ADMIN, unique } from './fixtures';

// The main actions done with the keyboard alone: Tab to reach a control, then Enter, Space, arrows, Escape
// and typing. No test here clicks; page.goto only stands in for typing an address.

/**
 * Presses Tab until `target` has focus, as a keyboard user moves through the page, and checks that the focused
 * control shows a focus indicator (an outline, or the ring inputs draw with a box shadow).
 */
async function tabTo(page: Page, target: Locator, maxPresses = 120) {
  await expect(target).toBeVisible();
  for (let i = 0; i < maxPresses; i++) {
    await page.keyboard.press('Tab');
    if (await target.evaluate((el) => el === document.activeElement)) {
      const { outline, shadow } = await target.evaluate((el) => ({
        outline: getComputedStyle(el).outlineStyle,
        shadow: getComputedStyle(el).boxShadow,
      }));
      expect(outline !== 'none' || shadow !== 'none', 'the focused control shows where focus is').toBe(true);
      return;
    }
  }
  throw new Error(`Tab did not reach ${target} in ${maxPresses} presses`);
}

/** Creates a project through the New project form, typing into it and submitting with Enter. */
async function createProjectByKeyboard(page: Page, name: string): Promise<string> {
  const slug = unique('kbd');
  await page.goto('/projects/new');
  await tabTo(page, page.getByLabel('Name'));
  await page.keyboard.type(name);
  await page.keyboard.press('Tab');
  await expect(page.getByLabel('Slug')).toBeFocused();
  // The slug was filled in from the name; replace it with this test's unique one.
  await page.keyboard.press('ControlOrMeta+a');
  await page.keyboard.type(slug);
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(new RegExp(`/${slug}$`));
  await expect(page.getByRole('heading', { name, level: 1 })).toBeVisible();
  return slug;
}

const section = (page: Page, name: string) =>
  page.getByRole('navigation', { name: /sections$/ }).getByRole('link', { name, exact: true });

async function followLink(page: Page, link: Locator) {
  await tabTo(page, link);
  await page.keyboard.press('Enter');
  await expect(link).toHaveAttribute('aria-current', 'page');
}

test.describe('signed out', () => {
  test.use({ storageState: { cookies: [], origins: [] } });

  test('signing in takes Tab, typing and Enter', async ({ page }) => {
    await page.goto('/sign-in');
    await tabTo(page, page.getByLabel('Email'));
    await page.keyboard.type(ADMIN.email);
    await page.keyboard.press('Tab');
    await expect(page.getByLabel('Password')).toBeFocused();
    await page.keyboard.type(ADMIN.password);
    await page.keyboard.press('Enter');
    await expect(page.getByRole('heading', { name: 'Projects', level: 1 })).toBeVisible();
  });
});

test('every project section opens from the nav with Tab and Enter', async ({ page }) => {
  await page.goto('/demo');
  for (const name of [
    'Success metrics',
    'Risks',
    'Problem',
    'Board',
    'Experiments',
    'Models',
    'Datasets',
    'Monitoring',
    'A/B tests',
    'Report',
    'Activity',
    'Settings',
    'Overview',
  ]) {
    await followLink(page, section(page, name));
  }
});

test('a project and a risk are created from their forms by keyboard', async ({ page }) => {
  const slug = await createProjectByKeyboard(page, 'Keyboard risks');
  await followLink(page, section(page, 'Risks'));
  await tabTo(page, page.getByRole('button', { name: 'New risk' }));
  await page.keyboard.press('Enter');
  const form = page.getByRole('dialog', { name: 'Add a risk' });
  const title = unique('Labels drift between annotators');
  await expect(form.getByLabel('Risk', { exact: true })).toBeFocused();
  await page.keyboard.type(title);
  await page.keyboard.press('Tab'); // Category
  await page.keyboard.press('Tab');
  await expect(form.getByLabel('Likelihood')).toBeFocused();
  await page.keyboard.type('High'); // a closed select picks the option its label starts with
  await page.keyboard.press('Tab');
  await expect(form.getByLabel('Impact')).toBeFocused();
  await page.keyboard.type('High');
  await tabTo(page, form.getByRole('button', { name: 'Add risk' }));
  await page.keyboard.press('Enter');
  await expect(form).toBeHidden();
  await expect(page.getByRole('status').filter({ hasText: `Risk “${title}” added.` })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Likelihood High, impact High: 1 open risk, score 9' })).toBeVisible();
  await expect(page.getByRole('link', { name: title })).toHaveAttribute('href', new RegExp(`^/${slug}/risks/`));
});

test('a sprint is planned and started, a task added and moved across the board by keyboard', async ({ page }) => {
  await createProjectByKeyboard(page, 'Keyboard board');
  await followLink(page, section(page, 'Board'));
  await followLink(
    page,
    page.getByRole('navigation', { name: 'Board views' }).getByRole('link', { name: 'Sprints & charts' }),
  );

  const newSprint = page.getByRole('button', { name: 'New sprint' });
  await tabTo(page, newSprint);
  await page.keyboard.press('Enter');
  const plan = page.getByRole('dialog', { name: 'Plan a sprint' });
  await expect(plan.getByLabel('Name', { exact: true })).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(plan.getByLabel('Goal')).toBeFocused();
  await page.keyboard.type('Beat persistence on rainy days');
  await page.keyboard.press('Enter');
  await expect(plan).toBeHidden();
  await expect(page.getByRole('status').filter({ hasText: /^Planned Sprint 1:/ })).toBeVisible();
  await expect(newSprint).toBeFocused();
  const start = page.getByRole('form', { name: 'Start Sprint 1' });
  await tabTo(page, start.getByRole('button', { name: 'Start' }));
  await page.keyboard.press('Enter');
  await expect(page.getByText('Sprint 1 started.')).toBeVisible();

  await followLink(page, page.getByRole('navigation', { name: 'Board views' }).getByRole('link', { name: 'Board' }));
  const newTask = page.getByRole('button', { name: 'New task' });
  const title = unique('Backfill missing station days');
  await tabTo(page, newTask);
  await page.keyboard.press('Enter');
  const add = page.getByRole('dialog', { name: 'Add a task' });
  await expect(add.getByLabel('Title')).toBeFocused();
  await page.keyboard.type(title);
  await page.keyboard.press('Enter');
  await expect(add).toBeHidden();
  await expect(page.getByRole('status').filter({ hasText: 'Created T-1.' })).toBeVisible();
  await expect(newTask).toBeFocused();

  // dnd-kit's keyboard sensor: Space picks the card up, arrows move it, Space drops it; each step is announced.
  const column = (name: string) =>
    page.getByRole('region', { name, exact: true }).getByRole('listitem').filter({ hasText: title });
  await tabTo(page, page.getByRole('button', { name: `Move T-1: ${title}` }));
  const announced = page.getByRole('status').filter({ hasText: `T-1 ${title}` });
  await page.keyboard.press('Space');
  await expect(announced).toContainText('in To do');
  await page.keyboard.press('ArrowRight');
  await expect(announced).toContainText('in In progress');
  await page.keyboard.press('Space');
  await expect(announced).toContainText(`Dropped T-1 ${title} in In progress, position 1 of 1`);
  await expect(column('In progress')).toBeVisible();
  await page.reload();
  await expect(column('In progress')).toBeVisible();
  await expect(column('To do')).toHaveCount(0);
});

test('Escape closes the project menu and the column picker and gives focus back', async ({ page }) => {
  await page.goto('/demo/runs');
  const menu = page.getByRole('banner').locator('summary');
  await tabTo(page, menu);
  await page.keyboard.press('Enter');
  const newProject = page.getByRole('link', { name: '+ New project' });
  await expect(newProject).toBeVisible();
  await page.keyboard.press('Tab');
  await expect(page.getByRole('banner').getByRole('list').locator(':focus')).toHaveCount(1);
  await page.keyboard.press('Escape');
  await expect(newProject).toBeHidden();
  await expect(menu).toBeFocused();

  const columns = page.getByRole('main').locator('summary', { hasText: /^Columns \(\d+ chosen\)$/ });
  await tabTo(page, columns);
  await page.keyboard.press('Enter');
  const find = page.getByLabel('Find a key');
  await expect(find).toBeVisible();
  await page.keyboard.press('Tab');
  await expect(find).toBeFocused();
  await page.keyboard.type('val_');
  await page.keyboard.press('Escape');
  await expect(find).toBeHidden();
  await expect(columns).toBeFocused();
});

test('the theme toggles by keyboard and stays chosen after a reload', async ({ page }) => {
  await page.goto('/demo');
  const html = page.locator('html');
  await expect(html).not.toHaveClass(/\bdark\b/);
  await tabTo(page, page.getByRole('button', { name: 'Switch to dark theme' }));
  await page.keyboard.press('Enter');
  await expect(html).toHaveClass(/\bdark\b/);
  await expect(page.getByRole('button', { name: 'Switch to light theme' })).toBeFocused();
  await page.reload();
  await expect(html).toHaveClass(/\bdark\b/);
  await tabTo(page, page.getByRole('button', { name: 'Switch to light theme' }));
  await page.keyboard.press('Space');
  await expect(html).not.toHaveClass(/\bdark\b/);
});
