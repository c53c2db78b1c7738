import { type Page, expect, test } from '@playwright/test';
import { addRisk, createProject, linksOn, unique } from './fixtures';

// The demo project's pages speak the reader's language: one date format, in their own time zone, and none of
// the words of how the demo was built.
const DEMO = '/demo';
const ONE_DAY = /\d{1,2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4}/;
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
    // The report reads like the pages it is built from (its file name alone keeps the ISO day).
    [`${DEMO}/report`, new RegExp(`Generated ${day}, \\d{2}:\\d{2} UTC`)],
    // Changed sprint dates in the activity log, too.
    [`${DEMO}/activity?entity=sprint`, new RegExp(`→ ${day}`)],
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

test('chart axes of an A/B test and a monitored model read dates in the one format, and captions stay in their box', async ({
  page,
}) => {
  const [test] = await linksOn(page, `${DEMO}/ab-tests`, /\/ab-tests\/[\w-]+$/);
  await page.goto(test!);
  const lift = page.getByRole('figure', { name: /^Cumulative relative lift of / });
  await expect(lift).toContainText(/\d{1,2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4}/);
  await expect(lift).not.toContainText(/\d{4}-\d{2}-\d{2}/);
  // The caption under the chart sits inside the section, not across its border.
  const outcome = page.getByRole('region', { name: 'Outcome' });
  const [caption, box] = await Promise.all([lift.locator('figcaption').boundingBox(), outcome.boundingBox()]);
  expect(caption!.y + caption!.height).toBeLessThanOrEqual(box!.y + box!.height);

  await page.goto(`${DEMO}/models/rain-tomorrow`);
  const timeline = page.getByRole('list', { name: 'Model timeline' });
  await expect(timeline).toContainText(ONE_DAY);
  await expect(timeline).not.toContainText(/\d{4}-\d{2}-\d{2}/);

  await page.goto(`${DEMO}/monitoring/rain-tomorrow`);
  const charts = page.getByRole('main').getByRole('figure', { name: / over time$/ });
  await expect(charts.first()).toContainText(/\d{1,2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)\b/);
  for (const chart of await charts.all())
    await expect(chart).not.toContainText(/\d{4}-\d{2}-\d{2}|\b\d{2}-\d{2} \d{2}:00/);
});

test.describe('in a browser set to British English', () => {
  // A native date input would show this browser's own "03/12/2026"; the interface's fields show "3 Dec 2026".
  test.use({ locale: 'en-GB' });

  test('date fields show and read the one format and send the day itself', async ({ page }) => {
    const slug = unique('dates');
    await createProject(page, { name: `Dates ${slug}`, slug });
    await page.goto(`/${slug}/sprints`);
    await page.getByRole('button', { name: 'New sprint' }).click();
    const dialog = page.getByRole('dialog', { name: 'Plan a sprint' });
    const start = dialog.getByLabel('Start');
    await expect(start).toHaveValue(ONE_FORMAT);
    await expect(dialog.getByRole('button', { name: 'Calendar for Start' })).toBeVisible();
    // A day written another way is stopped before it is sent, with the format to use.
    await start.fill('03/12/2026');
    await dialog.getByRole('button', { name: 'Plan sprint' }).click();
    expect(await start.evaluate((el: HTMLInputElement) => el.validationMessage)).toBe('Type a date like 3 Dec 2026');
    await start.fill('Jan 4, 2027');
    await dialog.getByLabel('End').fill('2027-01-15');
    await expect(start).toHaveValue('4 Jan 2027');
    await dialog.getByRole('button', { name: 'Plan sprint' }).click();
    await expect(dialog).toBeHidden();
    const sprints = page.getByRole('table', { name: 'Sprints', exact: true });
    await expect(sprints).toContainText('4 Jan 2027');
    await expect(sprints).toContainText('15 Jan 2027');

    // The risk register's inline date saves a typed day on Enter.
    await addRisk(page, slug, { title: 'Vendor API sunset' });
    const review = page.getByLabel('Next review of Vendor API sunset');
    await review.fill('24/12/2026');
    await review.press('Enter');
    expect(await review.evaluate((el: HTMLInputElement) => el.validationMessage)).toBe('Type a date like 3 Dec 2026');
    await review.fill('Dec 24, 2026');
    await review.press('Enter');
    await expect(page.getByRole('status').filter({ hasText: 'Saved Vendor API sunset.' })).toBeVisible();
    await expect(review).toHaveValue('24 Dec 2026');
    await page.reload();
    await expect(page.getByLabel('Next review of Vendor API sunset')).toHaveValue('24 Dec 2026');

    // The runs filter's days go into the URL as days once typed.
    await page.goto(`${DEMO}/runs`);
    const from = page.getByLabel('from (UTC day)');
    await from.fill('1 Jan 2020');
    await from.press('Enter');
    await expect(page).toHaveURL(/[?&]from=2020-01-01\b/);
    await expect(from).toHaveValue('1 Jan 2020');
  });
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
