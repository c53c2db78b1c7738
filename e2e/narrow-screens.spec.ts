import { type Page, expect, test } from '@playwright/test';
import { linksOn } from './fixtures';

// Every page of the demo project at a phone, a tablet and a desktop width: nothing may make the page itself
// wider than the window (wide tables and the board scroll inside their own box).
const DEMO = '/demo';
const WIDTHS = [390, 768, 1440] as const;

const SECTIONS = [
  '',
  '/problem',
  '/metrics',
  '/risks',
  '/experiments',
  '/runs',
  '/models',
  '/datasets',
  '/monitoring',
  '/ab-tests',
  '/board',
  '/backlog',
  '/sprints',
  '/report',
  '/activity',
  '/settings',
].map((p) => `${DEMO}${p}`);

/** The detail pages, found through the pages that list them. */
async function detailPages(page: Page): Promise<string[]> {
  const runs = await linksOn(page, `${DEMO}/runs`, /\/runs\/\w+$/);
  const runIds = runs.slice(0, 3).map((h) => h.split('/').pop());
  expect(runIds, 'three runs to compare').toHaveLength(3);
  const model = (await linksOn(page, `${DEMO}/models`, /\/models\/[^/?]+$/))[0]!;
  return [
    runs[0]!,
    `${DEMO}/compare?runs=${runIds.join(',')}`,
    model,
    (await linksOn(page, model, /\/models\/[^/]+\/versions\/\d+$/))[0]!,
    (await linksOn(page, `${DEMO}/monitoring`, /\/monitoring\/[^/?]+$/))[0]!,
    (await linksOn(page, `${DEMO}/ab-tests`, /\/ab-tests\/[\w-]+$/))[0]!,
  ];
}

test('no page is wider than the window at 390, 768 and 1440 px', async ({ page }) => {
  test.setTimeout(600_000);
  const pages = [...SECTIONS, ...(await detailPages(page)), '/admin/users', '/'];
  const failures: string[] = [];
  for (const width of WIDTHS) {
    await page.setViewportSize({ width, height: 900 });
    for (const path of pages) {
      await page.goto(path);
      await expect(page.getByRole('heading', { level: 1 }).first()).toBeVisible();
      const { scrollWidth, innerWidth } = await page.evaluate(() => ({
        scrollWidth: document.documentElement.scrollWidth,
        innerWidth: window.innerWidth,
      }));
      if (scrollWidth > innerWidth) failures.push(`${path} at ${width} px is ${scrollWidth} px wide`);
    }
  }
  expect(failures, failures.join('\n')).toEqual([]);
});

test('at 390 px the menu button opens the project sections and Escape closes them', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 800 });
  await page.goto(`${DEMO}/risks`);
  const menu = page.getByRole('button', { name: 'Menu', exact: true });
  const sections = page.getByRole('navigation', { name: /sections$/ });
  await expect(sections).toBeHidden();
  await expect(menu).toHaveAttribute('aria-expanded', 'false');

  await menu.click();
  await expect(menu).toHaveAttribute('aria-expanded', 'true');
  await expect(sections).toBeVisible();
  await expect(sections.getByRole('link', { name: 'Overview', exact: true })).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(sections).toBeHidden();
  await expect(menu).toBeFocused();
  await expect(menu).toHaveAttribute('aria-expanded', 'false');

  await menu.click();
  await sections.getByRole('button', { name: 'Close menu' }).click();
  await expect(sections).toBeHidden();

  await menu.click();
  await sections.getByRole('link', { name: 'Board', exact: true }).click();
  await expect(page).toHaveURL(new RegExp(`${DEMO}/board$`));
  await expect(sections).toBeHidden();
});

test('from 768 px the project sections are a sidebar without a menu button', async ({ page }) => {
  await page.setViewportSize({ width: 768, height: 800 });
  await page.goto(`${DEMO}/risks`);
  await expect(page.getByRole('navigation', { name: /sections$/ })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Menu', exact: true })).toBeHidden();
});
