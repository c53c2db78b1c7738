import { type Locator, type Page, expect, test } from '@playwright/test';
import { createToken, mlflow } from './api';
import { createProject, unique } from './fixtures';

// The demo project's runs log learning curves (val_accuracy) and final scores logged once per run (val_f1,
// val_log_loss, …), and its primary success metric is linked to the run metric val_accuracy.
const DEMO = '/demo';

// The compare page draws a chart per metric for every run: on a busy machine it needs more than the default time.
test.slow();

const runBoxes = (page: Page) => page.getByRole('checkbox', { name: /^Select run / });

/** The ids in the runs page's `?sel=`, in order. */
const selectedInUrl = (page: Page) => (new URL(page.url()).searchParams.get('sel') ?? '').split(',').filter(Boolean);

async function checkedCount(boxes: Locator) {
  return boxes.evaluateAll((els) => els.filter((el) => (el as HTMLInputElement).checked).length);
}

test('the ticked runs follow the URL on Back and Forward, and Compare takes exactly those runs', async ({ page }) => {
  await page.goto(`${DEMO}/runs`);
  const boxes = runBoxes(page);
  await boxes.nth(0).check();
  await boxes.nth(1).check();
  // A change that loads a new page of the view (the URL keeps the two ticks), then a third tick, which only
  // rewrites the URL: Back later restores the page as it was rendered, with two ticks.
  await page.getByLabel('Runs per page').selectOption('25');
  await expect(page).toHaveURL(/size=25/);
  await expect(boxes.nth(1)).toBeChecked();
  await boxes.nth(2).check();
  await expect(page.getByRole('link', { name: 'Compare (3)' })).toBeVisible();
  await expect.poll(() => selectedInUrl(page)).toHaveLength(3);
  const ids = selectedInUrl(page);

  await page.getByRole('link', { name: 'Compare (3)' }).click();
  await expect(page.getByRole('heading', { name: 'Compare 3 runs', level: 1 })).toBeVisible({ timeout: 30_000 });
  expect(new URL(page.url()).searchParams.get('runs')).toBe(ids.join(','));

  await page.goBack();
  await expect(page).toHaveURL(/\/runs\?/);
  expect(selectedInUrl(page)).toEqual(ids);
  await expect(boxes.nth(2)).toBeChecked();
  expect(await checkedCount(boxes)).toBe(3);
  await expect(page.getByRole('link', { name: 'Compare (3)' })).toHaveAttribute(
    'href',
    `${DEMO}/compare?runs=${ids.join(',')}`,
  );

  // Back again, to before the page-size change: the two ticks that URL holds.
  await page.goBack();
  await expect(page).not.toHaveURL(/size=25/);
  await expect.poll(() => selectedInUrl(page).length).toBeLessThan(3);
  await expect.poll(() => checkedCount(boxes)).toBe(selectedInUrl(page).length);
  await page.goForward();
  await expect(page).toHaveURL(/size=25/);
  await expect(page.getByRole('link', { name: 'Compare (3)' })).toBeVisible();
  expect(selectedInUrl(page)).toEqual(ids);
  expect(await checkedCount(boxes)).toBe(3);
});

test('compare draws every metric, single values as bars, with honest counts, the primary metric and every run', async ({
  page,
}) => {
  await page.goto(`${DEMO}/runs`);
  const boxes = runBoxes(page);
  const names: string[] = [];
  for (const i of [0, 1, 2]) {
    await boxes.nth(i).check();
    names.push((await boxes.nth(i).getAttribute('aria-label'))!.replace(/^Select run /, ''));
  }
  await page.getByRole('link', { name: 'Compare (3)' }).click();
  await expect(page.getByRole('heading', { name: 'Compare 3 runs', level: 1 })).toBeVisible({ timeout: 30_000 });

  const metrics = page.getByRole('region', { name: 'Metrics', exact: true });
  const charts = metrics.locator('figure');
  await expect(charts.first()).toBeVisible();
  await expect(metrics.getByText('Loading…')).toHaveCount(0);
  // Charts load after the page: count them once none is still a placeholder.
  await expect(metrics.getByText('Loading chart…')).toHaveCount(0);
  const count = await charts.count();
  expect(count).toBeGreaterThan(1);
  let barCharts = 0;
  for (let i = 0; i < count; i++) {
    const chart = charts.nth(i);
    const kind = await chart.getAttribute('data-chart-kind');
    const caption = chart.locator('figcaption');
    if (kind === 'values') {
      barCharts += 1;
      // One bar per run that logged it, and the caption says how many it drew.
      await expect(caption).toContainText(/one value per run, drawn as bars · \d+ of \d+ values? drawn/);
      const [, drawn] = /· (\d+) of \d+ values? drawn/.exec((await caption.textContent())!)!;
      await expect(chart.locator('.recharts-bar-rectangle path')).toHaveCount(Number(drawn));
      expect(Number(drawn)).toBeGreaterThan(0);
      // Each bar's run name fits under its bar: no label runs into the next.
      const labels = chart.locator('.recharts-xAxis-tick-labels text');
      await expect(labels).toHaveCount(Number(drawn));
      const spans = await labels.evaluateAll((ts) =>
        ts.map((t) => t.getBoundingClientRect()).map((r) => [r.left, r.right]),
      );
      for (let j = 1; j < spans.length; j++) expect(spans[j]![0]).toBeGreaterThanOrEqual(spans[j - 1]![1]!);
    } else {
      expect(kind).toBe('lines');
      await expect(caption).toContainText(/[\d,]+ of [\d,]+ points drawn/);
      // A line is visible when it joins at least two points; a run with one point gets a dot.
      const marks = await chart.evaluate(
        (el) =>
          [...el.querySelectorAll('.recharts-line-curve')].filter((p) => /[LC]/.test(p.getAttribute('d') ?? ''))
            .length + el.querySelectorAll('.recharts-line-dot').length,
      );
      expect(marks).toBeGreaterThan(0);
    }
  }
  expect(barCharts, 'the demo logs final scores once per run').toBeGreaterThan(0);
  // The primary metric's chart comes first.
  await expect(charts.first().getByRole('heading', { name: 'val_accuracy', exact: true })).toBeVisible();

  const parallel = page.getByRole('region', { name: 'Parallel coordinates' });
  await expect(
    parallel.getByRole('group', { name: /^Parallel coordinates of 3 runs over .*val_accuracy/ }),
  ).toBeVisible();

  // The differences table has a column for every compared run, also one hidden from the charts.
  const diff = page.getByRole('table', { name: /Differences between the compared runs/ });
  const headers = diff.locator('thead th');
  await expect(headers).toHaveCount(4);
  for (const [i, name] of names.entries()) await expect(headers.nth(i + 1)).toContainText(name);
  // Hiding the first run takes it out of the charts, not out of the table.
  await page.getByRole('list', { name: 'Compared runs' }).getByRole('button').first().click();
  await expect(page).toHaveURL(/hide=/);
  await expect(parallel.getByRole('group', { name: /^Parallel coordinates of 2 runs/ })).toBeVisible();
  await expect(headers).toHaveCount(4);
  await expect(headers.nth(1)).toContainText(names[0]!);
  await expect(headers.nth(1)).toContainText('hidden in the charts');
});

test('moving the smoothing slider redraws the learning curves', async ({ page }) => {
  await page.goto(`${DEMO}/runs`);
  const boxes = runBoxes(page);
  await boxes.nth(0).check();
  await boxes.nth(1).check();
  await page.getByRole('link', { name: 'Compare (2)' }).click();
  await expect(page.getByRole('heading', { name: 'Compare 2 runs', level: 1 })).toBeVisible({ timeout: 30_000 });
  const chart = page
    .getByRole('region', { name: 'Metrics', exact: true })
    .locator('figure[data-chart-kind="lines"]')
    .filter({ has: page.getByRole('heading', { name: 'val_accuracy', exact: true }) });
  const curve = chart.locator('.recharts-line-curve').first();
  await expect(curve).toHaveAttribute('d', /L/);
  const raw = await curve.getAttribute('d');
  const slider = page.getByRole('slider', { name: 'Smoothing' });
  await slider.fill('0.8');
  await expect(page.getByRole('region', { name: 'Metrics', exact: true }).locator('output')).toHaveText('0.80');
  await expect(page).toHaveURL(/smooth=0\.8/);
  await expect.poll(() => curve.getAttribute('d')).not.toBe(raw);
  await slider.fill('0');
  await expect.poll(() => curve.getAttribute('d')).toBe(raw);
});

test('long curves share one bucket grid, each line with its min–max band', async ({ page, request }) => {
  // Its own project, so the demo's run lists (which other tests open) keep their own runs.
  const slug = unique('grid');
  await createProject(page, { name: 'Grid e2e', slug });
  const client = mlflow(request, await createToken(page, slug, unique('compare-grid')));
  const experimentId = await client.defaultExperimentId();
  // 3,000 and 3,001 steps: both lines get buckets of the same 4 steps, and a spike stays inside its band.
  const logCurve = async (steps: number) => {
    const { run } = await client.post('runs/create', { experiment_id: experimentId, run_name: unique('grid') });
    for (let from = 0; from < steps; from += 1000)
      await client.post('runs/log-batch', {
        run_id: run.info.run_id,
        metrics: Array.from({ length: Math.min(1000, steps - from) }, (_, i) => ({
          key: 'grid_loss',
          value: from + i === 1_500 ? 9 : 1 / (1 + from + i),
          step: from + i,
          timestamp: Date.now(),
        })),
      });
    await client.post('runs/update', { run_id: run.info.run_id, status: 'FINISHED', end_time: Date.now() });
    return run.info.run_id as string;
  };
  const ids = [await logCurve(3_000), await logCurve(3_001)];
  await page.goto(`/${slug}/compare?runs=${ids.join(',')}`);
  const chart = page
    .getByRole('region', { name: 'Metrics', exact: true })
    .locator('figure[data-chart-kind="lines"]')
    .filter({ has: page.getByRole('heading', { name: 'grid_loss', exact: true }) });
  await expect(chart.locator('figcaption')).toContainText('6,001 points in buckets of 4 steps shared by every line');
  await expect(chart.locator('.recharts-area-area')).toHaveCount(2);
  await expect(chart.locator('.recharts-line-curve')).toHaveCount(2);

  // Long run names and the bands still fit a phone's width: the page never scrolls sideways.
  await page.setViewportSize({ width: 390, height: 900 });
  await expect(chart.locator('.recharts-line-curve')).toHaveCount(2);
  await expect
    .poll(() => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth))
    .toBeLessThanOrEqual(0);
});
