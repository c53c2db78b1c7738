// Figure 11: MLflow's get-history-bulk-interval on one metric of 1,000,000 points, against the full history of the
// same metric in the same run; and the latest-point query before the planner has any statistics of metric_points.
import { sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { getHistoryBulkInterval, getMetricHistory } from '@/db/queries/run-metrics';
import { createRun, insertMetricPoints } from '@/db/queries/runs';
import { createExperiment } from '@/db/queries/experiments';
import { createProject } from '@/db/queries/projects';
import { createUser } from '@/db/queries/users';
import { BULK_INTERVAL } from '@/lib/mlflow/schemas';
import { rowsOf } from '@/db/rows';
import { type Figure, fmtInt, fmtMs, median, timeRuns } from '../lib/util';
import { runFigureAlone } from './standalone';

const CHUNK = 25_000;
export const BULK_TARGETS = { speedup: 20, bulkMs: 50, latestMs: 10 };

export async function benchBulkInterval(
  db: Db,
  projectId: string,
  experimentId: number,
  points: number,
  log: (l: string) => void,
): Promise<{ figures: Figure[] }> {
  // Measured before any ANALYZE, so the latest-point plan can't lean on statistics.
  await db.execute(sql`alter table metric_points set (autovacuum_enabled = false)`);
  const run = await createRun(db, null, projectId, { experimentId, runName: 'bulk-interval', startTime: Date.now() });
  const t0 = Date.now();
  const started = performance.now();
  for (let from = 0; from < points; from += CHUNK) {
    const chunk = [];
    for (let step = from; step < Math.min(points, from + CHUNK); step++) {
      chunk.push({ key: 'acc', step, timestamp: t0 + step, value: 1 - Math.exp(-step / 100_000) });
    }
    await insertMetricPoints(db, run.id, chunk, projectId);
  }
  const seedSeconds = (performance.now() - started) / 1000;
  log(`  seeded ${fmtInt(points)} points through the ingest query in ${seedSeconds.toFixed(1)} s`);

  const latest = () =>
    db.execute(sql`select step, timestamp, value from metric_points where run_id = ${run.id} and key = 'acc'
      order by step desc, timestamp desc limit 1`);
  const latestMs = median(await timeRuns(latest, 9));
  // Within `npm run bench` autovacuum may have analyzed the table during figure 1; the figure says which it measured.
  const [stats] = rowsOf<{ n: number | string }>(
    await db.execute(
      sql`select count(*) as n from pg_stats where schemaname = current_schema() and tablename = 'metric_points'`,
    ),
  );
  const statistics = Number(stats?.n ?? 0) === 0 ? 'no planner statistics' : 'with planner statistics';
  const plan = await db.execute(sql`explain select step, timestamp, value from metric_points
    where run_id = ${run.id} and key = 'acc' order by step desc, timestamp desc limit 1`);
  log(`  latest-point plan, ${statistics}: ${JSON.stringify(plan).slice(0, 300)}`);
  await db.execute(sql`alter table metric_points reset (autovacuum_enabled)`);
  await db.execute(sql`analyze metric_points`);

  const maxResults = BULK_INTERVAL.maxResultsPerRun;
  let bulkRows = 0;
  const bulkMs = median(
    await timeRuns(async () => {
      bulkRows = (await getHistoryBulkInterval(db, projectId, [run.id], 'acc', { maxResults })).length;
    }, 9),
  );
  let historyRows = 0;
  const historyMs = median(
    await timeRuns(async () => {
      historyRows = (await getMetricHistory(db, run.id, 'acc')).length;
    }, 3),
  );
  if (historyRows !== points) throw new Error(`The full history returned ${historyRows} points, expected ${points}.`);
  if (bulkRows === 0 || bulkRows > maxResults + 1) throw new Error(`bulk-interval returned ${bulkRows} points`);
  const speedup = historyMs / bulkMs;
  return {
    figures: [
      {
        name: `11 get-history-bulk-interval (${fmtInt(bulkRows)} of ${fmtInt(points)} points), median`,
        measured: fmtMs(bulkMs),
        baseline: `full history ${fmtMs(historyMs)}`,
        ratio: `${speedup.toFixed(0)}× faster`,
        target: `≥ ${BULK_TARGETS.speedup}×, < ${BULK_TARGETS.bulkMs} ms`,
        pass: speedup >= BULK_TARGETS.speedup && bulkMs < BULK_TARGETS.bulkMs,
      },
      {
        name: `11 Latest point of the series, ${statistics}`,
        measured: fmtMs(latestMs),
        baseline: '—',
        ratio: '—',
        target: `< ${BULK_TARGETS.latestMs} ms`,
        pass: latestMs < BULK_TARGETS.latestMs,
      },
    ],
  };
}

runFigureAlone(import.meta.url, 'bulk-interval', async ({ db }) => {
  const user = await createUser(db, null, { email: 'bench@example.com', name: 'Bench', password: 'bench-password-1' });
  const actor = { id: user.id, isAdmin: false };
  const project = await createProject(db, actor, { slug: 'bench', name: 'Bench', problemStatement: '' });
  const experiment = await createExperiment(db, actor, project.id, { name: 'Bulk-interval bench' });
  const points = Number(process.env.BENCH_POINTS) > 0 ? Math.floor(Number(process.env.BENCH_POINTS)) : 1_000_000;
  return benchBulkInterval(db, project.id, experiment.id, points, console.log);
});
