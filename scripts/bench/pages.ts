// The page bench (issue 17, item 4): how each page's cost grows with its data, measured in Chromium. For five pages
// it loads a small and a big case into one fresh Postgres database, then times a fresh browser context from
// navigation to the chart or rows being visible (the board also times picking a card up by keyboard and, after a
// move, the drop until its save request leaves), big ÷ small,
// first without planner statistics (as right after a bulk load with autovacuum late or off), then after ANALYZE.
// Not part of CI or `npm run bench` (it takes minutes and needs Chromium and a build):
//   npx next build && npx tsx scripts/bench/pages.ts        (CHROMIUM_PATH, default /usr/bin/chromium)
// BENCH_PAGES=board,runs seeds and measures only those pairs (run, compare, runs, board, monitoring; default all).
import { sql } from 'drizzle-orm';
import { type Browser, type Page, chromium } from '@playwright/test';
import { type DbHandle, openDb } from '@/db/client';
import { migrateDb } from '@/db/migrate';
import { createExperiment } from '@/db/queries/experiments';
import { createModelVersion, createRegisteredModel } from '@/db/queries/registry';
import { ensureMonitor } from '@/db/queries/monitoring';
import { insertPredictionRows } from '@/db/queries/predictions';
import { createProject } from '@/db/queries/projects';
import { createRun, insertMetricPoints } from '@/db/queries/runs';
import { createSprint, startSprint } from '@/db/queries/sprints';
import { createTask } from '@/db/queries/tasks';
import { createUser } from '@/db/queries/users';
import { createFreshPostgresDatabase } from '@/db/test-db';
import { type PredictionRow, sampleKeyOf } from '@/lib/monitoring/ingest';
import { type RunningServer, buildState, startNextServer } from '../lib/next-server';
import { fmtMs, median, runScript } from '../lib/util';
import { seedRuns } from './runs-table';

const ADMIN = { email: 'pages-bench@example.com', name: 'Page Bench', password: 'page-bench-password-1' };
const ROUNDS = 5;
const log = (line: string) => console.log(line);

const COLUMNS = ['todo', 'in_progress', 'review', 'done'] as const;
const GROUPS = ['run', 'compare', 'runs', 'board', 'monitoring'] as const;
type Group = (typeof GROUPS)[number];

function selectedGroups(value = process.env.BENCH_PAGES): Set<Group> {
  const names = (value ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  if (names.length === 0) return new Set(GROUPS);
  const unknown = names.filter((n) => !(GROUPS as readonly string[]).includes(n));
  if (unknown.length > 0) throw new Error(`BENCH_PAGES: unknown ${unknown.join(', ')}; known: ${GROUPS.join(', ')}`);
  return new Set(names as Group[]);
}

type Actor = { id: string; isAdmin: boolean };
/** `steps`: timings taken on the ready page, by what they time (e.g. ": pick a card up by keyboard"). */
type Case = {
  url: string;
  ready: (page: Page) => Promise<void>;
  steps?: (page: Page) => Promise<Record<string, number>>;
};
type PagePair = { name: string; small: Case; big: Case; sizes: string };

const chartDrawn = (page: Page) => page.locator('.recharts-line-curve').first().waitFor({ timeout: 120_000 });

async function metricRun(db: DbHandle['db'], actor: Actor, projectId: string, experimentId: number, steps: number) {
  const run = await createRun(db, actor, projectId, { experimentId, runName: `loss-${steps}`, startTime: Date.now() });
  const t0 = Date.now();
  for (let from = 0; from < steps; from += 25_000) {
    const chunk = [];
    for (let step = from; step < Math.min(steps, from + 25_000); step++)
      chunk.push({ key: 'loss', step, timestamp: t0 + step, value: Math.exp(-step / (steps / 4)) + (step % 97) / 1e4 });
    await insertMetricPoints(db, run.id, chunk, projectId);
  }
  await db.execute(sql`update runs set status = 'FINISHED', end_time = ${Date.now()} where id = ${run.id}`);
  return run.id;
}

async function boardProject(db: DbHandle['db'], actor: Actor, slug: string, cards: number) {
  const project = await createProject(db, actor, { slug, name: slug, problemStatement: '' });
  const today = new Date().toISOString().slice(0, 10);
  const sprint = await createSprint(db, actor, project.id, { name: 'Sprint 1', goal: 'Ship', startDate: today });
  await startSprint(db, actor, project.id, sprint.id, today);
  for (let i = 0; i < cards; i++)
    await createTask(db, actor, project.id, {
      title: `Card ${i + 1} of ${cards}`,
      status: COLUMNS[i % COLUMNS.length]!,
      priority: i % 4,
      effort: 1 + (i % 5),
      sprintId: sprint.id,
    });
  return slug;
}

async function monitoredProject(db: DbHandle['db'], actor: Actor, slug: string, predictions: number) {
  const project = await createProject(db, actor, { slug, name: slug, problemStatement: '' });
  await createRegisteredModel(db, actor, project.id, { name: 'churn' });
  await createModelVersion(db, actor, project.id, { name: 'churn' });
  const { monitor } = await ensureMonitor(db, actor, project.id, 'churn');
  const t0 = Date.now() - predictions * 1000;
  for (let from = 0; from < predictions; from += 10_000) {
    const rows: PredictionRow[] = [];
    for (let i = from; i < Math.min(predictions, from + 10_000); i++)
      rows.push({
        id: `p-${i}`,
        ts: new Date(t0 + i * 1000),
        features: { tenure: i % 72, plan: i % 3 === 0 ? 'pro' : 'basic' },
        prediction: (i * 7919) % 100 > 70 ? 1 : 0,
        actual: null,
        sampleKey: sampleKeyOf(`p-${i}`),
      });
    await insertPredictionRows(db, monitor.id, null, rows);
  }
  return slug;
}

async function seed(handle: DbHandle, groups: Set<Group>): Promise<PagePair[]> {
  const db = handle.db;
  const user = await createUser(db, null, { ...ADMIN, isAdmin: true });
  const actor = { id: user.id, isAdmin: true };
  const project = await createProject(db, actor, { slug: 'pages', name: 'Page bench', problemStatement: '' });
  const started = performance.now();
  const pairs: PagePair[] = [];

  if (groups.has('run')) {
    const charts = await createExperiment(db, actor, project.id, { name: 'Charts' });
    const smallRun = await metricRun(db, actor, project.id, charts.id, 1_000);
    const bigRun = await metricRun(db, actor, project.id, charts.id, 1_000_000);
    log(`  run page: 1,000 and 1,000,000 steps (${((performance.now() - started) / 1000).toFixed(0)} s so far)`);
    pairs.push({
      name: 'Run page, chart drawn',
      sizes: '1M steps ÷ 1k',
      small: { url: `/pages/runs/${smallRun}`, ready: chartDrawn },
      big: { url: `/pages/runs/${bigRun}`, ready: chartDrawn },
    });
  }

  if (groups.has('compare')) {
    const compareSmall: string[] = [];
    const compareBig: string[] = [];
    const compare = await createExperiment(db, actor, project.id, { name: 'Compare' });
    for (let i = 0; i < 20; i++) {
      compareSmall.push(await metricRun(db, actor, project.id, compare.id, 100));
      compareBig.push(await metricRun(db, actor, project.id, compare.id, 10_000));
    }
    log(`  compare: 20 runs × 100 and 20 runs × 10,000 steps (${((performance.now() - started) / 1000).toFixed(0)} s)`);
    pairs.push({
      name: 'Compare, chart drawn',
      sizes: '20 × 10k steps ÷ 20 × 100',
      small: { url: `/pages/compare?runs=${compareSmall.join(',')}`, ready: chartDrawn },
      big: { url: `/pages/compare?runs=${compareBig.join(',')}`, ready: chartDrawn },
    });
  }

  if (groups.has('runs')) {
    const few = await createExperiment(db, actor, project.id, { name: 'Runs 100' });
    const many = await createExperiment(db, actor, project.id, { name: 'Runs 10000' });
    await seedRuns(db, project.id, few.id, 100, 'few');
    await seedRuns(db, project.id, many.id, 10_000, 'many');
    log(`  runs table: 100 and 10,000 runs × 20 params × 10 metrics`);
    const table = (experimentId: number, query: string): Case => ({
      url: `/pages/experiments/${experimentId}?${query}`,
      ready: (page) => page.getByRole('link', { name: /^run-/ }).first().waitFor({ timeout: 120_000 }),
    });
    const filter = new URLSearchParams({ filter: "params.optimizer = 'adam' and metrics.val_f1 > 0.5" }).toString();
    const sort = new URLSearchParams({ sort: 'metrics.val_accuracy', order: 'desc' }).toString();
    pairs.push(
      {
        name: 'Runs table, filtered',
        sizes: '10,000 runs ÷ 100',
        small: table(few.id, filter),
        big: table(many.id, filter),
      },
      { name: 'Runs table, sorted', sizes: '10,000 runs ÷ 100', small: table(few.id, sort), big: table(many.id, sort) },
    );
  }

  if (groups.has('board')) {
    const boardSmall = await boardProject(db, actor, 'board-20', 20);
    const boardBig = await boardProject(db, actor, 'board-500', 500);
    log(`  board: 20 and 500 cards`);
    const board = (slug: string): Case => ({
      url: `/${slug}/board`,
      ready: (page) => page.getByRole('button', { name: /^Move T-1:/ }).waitFor({ timeout: 120_000 }),
      // Focus the first card's move button, press space, and wait for the live region to say it is picked up; then
      // move it one place and time the drop until its save (the server action's POST) leaves the browser.
      steps: async (page) => {
        // Hydrated and following live changes: before that the keyboard sensor is not listening yet.
        await page.getByText('Live', { exact: true }).waitFor({ timeout: 60_000 });
        await page.getByRole('button', { name: /^Move T-1:/ }).focus();
        const status = page.getByRole('status');
        let t = performance.now();
        await page.keyboard.press('Space');
        await status
          // dnd-kit says "Picked up T-1 …", then at once "T-1 … is now in To do, …" as the card hovers its own place.
          .filter({ hasText: /^(Picked up T-1 |T-1 .* is now in )/ })
          .waitFor({ timeout: 60_000 });
        const pickUp = performance.now() - t;
        const announced = await status.filter({ hasText: /position \d+ of/ }).textContent();
        // Each visit moves T-1 between the first and second place, so every round does the same work.
        const down = Number(/position (\d+) of/.exec(announced ?? '')?.[1]) === 1;
        await page.keyboard.press(down ? 'ArrowDown' : 'ArrowUp');
        await status.filter({ hasText: `position ${down ? 2 : 1} of` }).waitFor({ timeout: 60_000 });
        const save = page.waitForRequest((r) => r.method() === 'POST' && r.headers()['next-action'] !== undefined);
        t = performance.now();
        await page.keyboard.press('Space');
        const request = await save;
        const drop = performance.now() - t;
        await request.response();
        return { ': pick a card up by keyboard': pickUp, ': drop a moved card until its save leaves': drop };
      },
    });
    pairs.push({ name: 'Board', sizes: '500 cards ÷ 20', small: board(boardSmall), big: board(boardBig) });
  }

  if (groups.has('monitoring')) {
    const monitorSmall = await monitoredProject(db, actor, 'monitor-1k', 1_000);
    const monitorBig = await monitoredProject(db, actor, 'monitor-1m', 1_000_000);
    log(
      `  monitoring: 1,000 and 1,000,000 predictions (${((performance.now() - started) / 1000).toFixed(0)} s in all)`,
    );
    const monitoring = (slug: string): Case => ({
      url: `/${slug}/monitoring`,
      ready: (page) => page.getByRole('link', { name: 'churn' }).first().waitFor({ timeout: 120_000 }),
    });
    pairs.push({
      name: 'Monitoring list',
      sizes: '1M predictions ÷ 1k',
      small: monitoring(monitorSmall),
      big: monitoring(monitorBig),
    });
  }
  return pairs;
}

async function signedInState(browser: Browser, baseURL: string) {
  const context = await browser.newContext({ baseURL });
  const page = await context.newPage();
  await page.goto('/sign-in');
  await page.getByLabel('Email').fill(ADMIN.email);
  await page.getByLabel('Password').fill(ADMIN.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { name: 'Projects' }).waitFor();
  const state = await context.storageState();
  await context.close();
  return state;
}

/** `bytes`: the document as sent (its HTML and the inline RSC payload); `elements`: the DOM once ready. */
type Timing = { load: number; steps: Record<string, number>; bytes: number; elements: number };

async function visit(browser: Browser, baseURL: string, state: Awaited<ReturnType<typeof signedInState>>, c: Case) {
  const context = await browser.newContext({ baseURL, storageState: state, viewport: { width: 1440, height: 900 } });
  const page = await context.newPage();
  const t = performance.now();
  const response = await page.goto(c.url, { waitUntil: 'commit' });
  await c.ready(page);
  const load = performance.now() - t;
  const bytes = (await response?.body())?.length ?? 0;
  const elements = await page.evaluate(() => document.getElementsByTagName('*').length);
  const steps = c.steps ? await c.steps(page) : {};
  await context.close();
  return { load, steps, bytes, elements };
}

async function measure(browser: Browser, baseURL: string, pairs: PagePair[], label: string) {
  const state = await signedInState(browser, baseURL);
  const rows: string[] = [];
  for (const pair of pairs) {
    const small: Timing[] = [];
    const big: Timing[] = [];
    await visit(browser, baseURL, state, pair.small); // warm-up: compiled routes, connections
    await visit(browser, baseURL, state, pair.big);
    for (let i = 0; i < ROUNDS; i++) {
      small.push(await visit(browser, baseURL, state, pair.small));
      big.push(await visit(browser, baseURL, state, pair.big));
    }
    const ratio = (pick: (t: Timing) => number | null, what: string) => {
      const s = median(small.map(pick).filter((x): x is number => x !== null));
      const b = median(big.map(pick).filter((x): x is number => x !== null));
      rows.push(
        `| ${label} | ${pair.name}${what} | ${pair.sizes} | ${fmtMs(s)} | ${fmtMs(b)} | ${(b / s).toFixed(2)}× |`,
      );
    };
    ratio((t) => t.load, '');
    const kib = (ts: Timing[]) => `${(median(ts.map((x) => x.bytes)) / 1024).toFixed(0)} KiB`;
    const els = (ts: Timing[]) => median(ts.map((x) => x.elements)).toLocaleString('en');
    log(`  ${pair.name}: document ${kib(small)} → ${kib(big)}, ${els(small)} → ${els(big)} elements`);
    for (const step of Object.keys(small[0]?.steps ?? {})) ratio((t) => t.steps[step] ?? null, step);
  }
  return rows;
}

async function main(): Promise<number> {
  const build = buildState();
  if (!build.ok) {
    log(`page bench: ${build.reason}`);
    return 1;
  }
  const fresh = await createFreshPostgresDatabase('runboard_pages');
  log(`page bench on a fresh Postgres database ${fresh.name}`);
  const config = { databaseUrl: fresh.url, dataDir: '' };
  let handle: DbHandle | null = null;
  let server: RunningServer | null = null;
  let browser: Browser | null = null;
  try {
    handle = await openDb(config);
    await migrateDb(handle, config);
    const pairs = await seed(handle, selectedGroups());
    server = await startNextServer({ databaseUrl: fresh.url, env: { RUNBOARD_SCHEDULER: 'off' }, log });
    browser = await chromium.launch({
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking'],
    });
    const rows = await measure(browser, server.baseUrl, pairs, 'no statistics');
    await handle.db.execute(sql`analyze`);
    rows.push(...(await measure(browser, server.baseUrl, pairs, 'after ANALYZE')));
    log(
      `\nmedian of ${ROUNDS} fresh browser contexts, navigation → chart or rows visible\n\n| Planner | Page | Sizes | Small | Big | Big ÷ small |\n| --- | --- | --- | --- | --- | --- |\n${rows.join('\n')}\n`,
    );
    return 0;
  } finally {
    await browser?.close();
    await server?.stop();
    await handle?.close();
    await fresh.drop();
  }
}

runScript('page bench', main);
