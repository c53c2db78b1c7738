// Figure 12, opt-in (`BENCH_SCALE=1 npm run bench`, or alone: `npx tsx scripts/bench/scale.ts`): past one table's
// comfortable size. The run page's chart query, the runs search and ingest are timed on a database holding only
// their own data, then again after COPY has loaded 50,000,000 metric points of other runs (BENCH_SCALE_POINTS),
// right after the load (no planner statistics, as with autovacuum late) and after ANALYZE: each within 1.5×.
import { createHash } from 'node:crypto';
import { sql } from 'drizzle-orm';
import postgres from 'postgres';
import type { Db } from '@/db/client';
import { createExperiment } from '@/db/queries/experiments';
import { createProject } from '@/db/queries/projects';
import { getMetricSeries } from '@/db/queries/run-metrics';
import { searchRuns } from '@/db/queries/run-search';
import { createRun, insertMetricPoints } from '@/db/queries/runs';
import { copyMetricPoints } from '../lib/copy-points';
import { type Figure, fmtInt, fmtMs, median, timeRuns } from '../lib/util';
import { seedRuns } from './runs-table';
import { runFigureAlone } from './standalone';

export const SCALE_TARGET = 1.5;
const OTHER_RUNS = 500;
const SERIES_POINTS = 1_000_000;
const SEARCH = { filter: "params.optimizer = 'adam' and metrics.val_f1 > 0.5", orderBy: ['metrics.val_accuracy DESC'] };

type Figures = { chartMs: number; searchMs: number; ingestRate: number };

async function loadSeries(db: Db, runId: string, projectId: string, from: number, to: number) {
  const t0 = Date.now();
  for (let start = from; start < to; start += 1000) {
    const chunk = [];
    for (let step = start; step < Math.min(to, start + 1000); step++)
      chunk.push({ key: 'loss', step, timestamp: t0 + step, value: Math.exp(-step / 250_000) + (step % 89) / 1e4 });
    await insertMetricPoints(db, runId, chunk, projectId);
  }
}

/** The three figures, each the median of several runs; ingest appends 20 log-batch-sized batches to its own run. */
async function measure(db: Db, projectId: string, experimentId: number, chartRun: string, round: number) {
  const chartMs = median(await timeRuns(() => getMetricSeries(db, chartRun, 'loss', { maxBuckets: 1000 }), 9, 2));
  const searchMs = median(
    await timeRuns(() => searchRuns(db, projectId, { experimentIds: [experimentId], ...SEARCH, limit: 100 }), 9, 2),
  );
  const ingestRun = await createRun(db, null, projectId, { experimentId, runName: `ingest-${round}`, startTime: 0 });
  const started = performance.now();
  await loadSeries(db, ingestRun.id, projectId, 0, 20_000);
  const ingestRate = 20_000 / ((performance.now() - started) / 1000);
  return { chartMs, searchMs, ingestRate };
}

/** COPY of `points` points spread over OTHER_RUNS runs of another experiment, streamed (never held in memory). */
async function copyOtherRuns(databaseUrl: string, db: Db, projectId: string, points: number, log: (l: string) => void) {
  const other = await createExperiment(db, null, projectId, { name: 'Other runs' });
  await db.execute(sql`
    insert into runs (id, project_id, experiment_id, name, user_id, status, start_time)
    select md5('scale-run-' || i), ${projectId}::uuid, ${other.id}, 'other-' || i, 'bench', 'FINISHED', 0
    from generate_series(1, ${OTHER_RUNS}) as g(i)`);
  const md5s = Array.from({ length: OTHER_RUNS }, (_, i) =>
    createHash('md5')
      .update(`scale-run-${i + 1}`)
      .digest('hex'),
  );
  const perRun = Math.ceil(points / OTHER_RUNS);
  function* lines() {
    for (let r = 0; r < OTHER_RUNS; r++) {
      const run = md5s[r]!;
      for (let from = 0; from < perRun; from += 10_000) {
        let chunk = '';
        for (let step = from; step < Math.min(perRun, from + 10_000); step++)
          chunk += `${run}\tloss_${step % 4}\t${step}\t${1_700_000_000_000 + step}\t${(step % 997) / 997}\n`;
        yield chunk;
      }
    }
  }
  const client = postgres(databaseUrl, { max: 1, onnotice: () => {} });
  const started = performance.now();
  try {
    // Known-valid rows: skip the per-row foreign-key check, as a restore does.
    await client`set session_replication_role = replica`;
    await copyMetricPoints(client, lines());
  } finally {
    await client.end();
  }
  const seconds = (performance.now() - started) / 1000;
  log(`  COPY loaded ${fmtInt(perRun * OTHER_RUNS)} points of ${OTHER_RUNS} other runs in ${seconds.toFixed(0)} s`);
}

export async function benchScale(
  db: Db,
  databaseUrl: string,
  projectId: string,
  opts: { points?: number; log: (l: string) => void },
): Promise<Figure[]> {
  const { log } = opts;
  const points = opts.points ?? 50_000_000;
  const experiment = await createExperiment(db, null, projectId, { name: 'Scale bench' });
  const chartRun = await createRun(db, null, projectId, {
    experimentId: experiment.id,
    runName: 'chart',
    startTime: 0,
  });
  await loadSeries(db, chartRun.id, projectId, 0, SERIES_POINTS);
  await seedRuns(db, projectId, experiment.id, 10_000, 'scale-search');
  log(`  the measured data: one ${fmtInt(SERIES_POINTS)}-point series and 10,000 runs × 20 params × 10 metrics`);
  const empty = await measure(db, projectId, experiment.id, chartRun.id, 0);
  await copyOtherRuns(databaseUrl, db, projectId, points, log);
  const loaded = await measure(db, projectId, experiment.id, chartRun.id, 1);
  await db.execute(sql`analyze`);
  const analyzed = await measure(db, projectId, experiment.id, chartRun.id, 2);

  const figure = (name: string, pick: (f: Figures) => number, fmt: (n: number) => string, higherIsBetter = false) => {
    const ratios = [loaded, analyzed].map((f) => (higherIsBetter ? pick(empty) / pick(f) : pick(f) / pick(empty)));
    return {
      name: `12 ${name}, ${fmtInt(points)} other points`,
      measured: `${fmt(pick(loaded))} right after the load, ${fmt(pick(analyzed))} after ANALYZE`,
      baseline: `${fmt(pick(empty))} without them`,
      ratio: `${ratios.map((r) => `${r.toFixed(2)}×`).join(' / ')}`,
      target: `≤ ${SCALE_TARGET}×`,
      pass: ratios.every((r) => r <= SCALE_TARGET),
    } satisfies Figure;
  };
  return [
    figure('Run page chart query', (f) => f.chartMs, fmtMs),
    figure('Runs search, 10,000 runs', (f) => f.searchMs, fmtMs),
    figure(
      'Ingest, 1000-point batches',
      (f) => f.ingestRate,
      (n) => `${fmtInt(n)} points/s`,
      true,
    ),
  ];
}

runFigureAlone(import.meta.url, 'scale', async (handle, databaseUrl) => {
  const project = await createProject(handle.db, null, { slug: 'scale', name: 'Scale', problemStatement: '' });
  const points = Number(process.env.BENCH_SCALE_POINTS) || undefined;
  return { figures: await benchScale(handle.db, databaseUrl, project.id, { points, log: console.log }) };
});
