// Figure 2: one metric with 1,000,000 points; the chart query (≤ 1000 buckets) against reading the full history.
import { sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { getMetricHistory, getMetricSeries } from '@/db/queries/run-metrics';
import { createRun, insertMetricPoints } from '@/db/queries/runs';
import { median, timeRuns } from '../lib/util';

export type SeriesResult = {
  seriesMs: number;
  historyMs: number;
  buckets: number;
  historyRows: number;
  seedSeconds: number;
};

const CHUNK = 25_000;

export async function benchSeries(
  db: Db,
  projectId: string,
  experimentId: number,
  points: number,
  log: (l: string) => void,
): Promise<SeriesResult> {
  const run = await createRun(db, null, projectId, {
    experimentId,
    runName: 'million-point-series',
    startTime: Date.now(),
  });
  const t0 = Date.now();
  const started = performance.now();
  // Through the real ingest query, so the summary and rollups the chart reads are the ones ingest builds.
  for (let from = 0; from < points; from += CHUNK) {
    const chunk = [];
    for (let step = from; step < Math.min(points, from + CHUNK); step++) {
      chunk.push({
        key: 'loss',
        step,
        timestamp: t0 + step,
        value: 2 * Math.exp(-step / 200_000) + Math.sin(step / 977) * 0.05,
      });
    }
    await insertMetricPoints(db, run.id, chunk, projectId);
  }
  const seedSeconds = (performance.now() - started) / 1000;
  log(`  seeded ${points.toLocaleString('en-US')} points through the ingest query in ${seedSeconds.toFixed(1)} s`);
  await db.execute(sql`analyze metric_points`);
  await db.execute(sql`analyze metric_rollups`);

  let buckets = 0;
  const seriesTimes = await timeRuns(async () => {
    buckets = (await getMetricSeries(db, run.id, 'loss', { maxBuckets: 1000 })).buckets.length;
  }, 9);
  let historyRows = 0;
  const historyTimes = await timeRuns(async () => {
    historyRows = (await getMetricHistory(db, run.id, 'loss')).length;
  }, 3);
  if (historyRows !== points) throw new Error(`The full history returned ${historyRows} points, expected ${points}.`);
  if (buckets > 1000) throw new Error(`The chart query returned ${buckets} buckets, more than the 1000 asked for.`);
  return { seriesMs: median(seriesTimes), historyMs: median(historyTimes), buckets, historyRows, seedSeconds };
}
