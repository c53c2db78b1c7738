import { type Page, expect, test } from '@playwright/test';
import { linksOn } from './fixtures';

// The demo project's pages speak the reader's language: one date format, in their own time zone, and none of
// the words of how the demo was built.
const DEMO = '/demo';
const ONE_FORMAT = /^\d{1,2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4}(, \d{2}:\d{2})?$/;

test.use({ timezoneId: 'America/New_York' });

async function firstRunPage(page: Page): Promise<string> {
  const hrefs = await linksOn(page, `${DEMO}/runs`, /\/runs\/\w+$/);
  // A finished run opens on its charts; its start and end dates are on the Overview tab.
  return `${hrefs[0]!}?tab=overview`;
}

test('the overview, activity and a run show dates in one format, in the reader’s time zone', async ({ page }) => {
  const pages = [DEMO, `${DEMO}/activity`, await firstRunPage(page)];
  for (const path of pages) {
    await page.goto(path);
    await expect(page.getByText('Times are shown in your time zone, America/New_York.')).toBeVisible();
    const times = page.getByRole('main').locator('time');
    await expect(times.first()).toBeVisible();
    const texts = await times.allTextContents();
    const odd = texts.filter((t) => !ONE_FORMAT.test(t.trim()));
    expect(odd, `${path}: dates not in the one format`).toEqual([]);
    await expect(page.getByRole('main')).not.toContainText(/\b\d{2}\/\d{2}\/\d{4}\b/);
  }
});

test('the board’s sprint dates and the experiments and monitoring tables use the one format, in the reader’s zone', async ({
  page,
}) => {
  const day = String.raw`\d{1,2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4}`;
  // Calendar days (sprint dates, deadlines) read like every other date, not as "2026-12-03".
  for (const [path, shown] of [
    [`${DEMO}/board`, new RegExp(`${day} to ${day}`)],
    [`${DEMO}/metrics`, new RegExp(day)],
    [`${DEMO}/sprints`, new RegExp(day)],
    [DEMO, new RegExp(`by ${day}`)],
  ] as const) {
    await page.goto(path);
    await expect(page.getByRole('main')).toContainText(shown);
    await expect(page.getByRole('main')).not.toContainText(/\b\d{4}-\d{2}-\d{2}\b/);
  }
  for (const path of [`${DEMO}/experiments`, `${DEMO}/monitoring`]) {
    await page.goto(path);
    const table = page.getByRole('main').getByRole('table').first();
    const times = table.locator('time');
    await expect(times.first()).toBeVisible();
    const odd = (await times.allTextContents()).filter((t) => !ONE_FORMAT.test(t.trim()));
    expect(odd, `${path}: dates not in the one format`).toEqual([]);
    // Every time in the table is the reader's: none is left in the server's UTC.
    await expect(table).not.toContainText('UTC');
  }
});

test('no page of the demo project uses the word for how it was filled', async ({ page }) => {
  const internal = /demo[- ]seed|seeded|\bseed['’]s\b|scripts\/demo\/seed/i;
  const found: string[] = [];
  for (const path of ['', '/report', '/backlog', '/settings', '/activity', '/runs']) {
    await page.goto(`${DEMO}${path}`);
    await expect(page.getByRole('heading', { level: 1 }).first()).toBeVisible();
    const text = await page.locator('body').innerText();
    const match = internal.exec(text);
    if (match) found.push(`${path || '/'}: “${match[0]}”`);
  }
  expect(found, found.join('\n')).toEqual([]);
});
