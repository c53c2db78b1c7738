import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestDb, openTestDb } from '../test-db';
import { createProject } from './projects';
import { getExperimentByName } from './experiments';
import { getMetricHistory, getMetricSeries, getSharedGridSeries } from './run-metrics';
import { searchRuns } from './run-search';
import { createRun, getRunDetails, logBatch, setRunLifecycle } from './runs';
import { createUser } from './users';

let t: TestDb;
let projectId: string;
let experimentId: number;
const actor = { id: '', isAdmin: true };

beforeAll(async () => {
  t = await openTestDb();
  const user = await createUser(t.db, null, { email: 'ds@example.com', name: 'DS', password: 'password-1' });
  actor.id = user.id;
  const project = await createProject(t.db, actor, { slug: 'track', name: 'Track', problemStatement: '' });
  projectId = project.id;
  experimentId = (await getExperimentByName(t.db, projectId, 'Default')).id;
});
afterAll(() => t.cleanup());

describe('log-batch', () => {
  it('keeps latest, min, max and count per metric, where latest is the highest step', async () => {
    const run = await createRun(t.db, actor, projectId, { experimentId, runName: 'r1' });
    await logBatch(t.db, projectId, run.id, {
      metrics: [
        { key: 'loss', value: 0.9, timestamp: 1000, step: 0 },
        { key: 'loss', value: 0.2, timestamp: 3000, step: 2 },
        { key: 'loss', value: 0.5, timestamp: 2000, step: 1 },
        { key: 'acc', value: Number.NaN, timestamp: 1000, step: 0 },
      ],
    });
    await logBatch(t.db, projectId, run.id, { metrics: [{ key: 'loss', value: 0.4, timestamp: 500, step: 1 }] });
    const { metrics } = await getRunDetails(t.db, projectId, run.id);
    const loss = metrics.find((m) => m.key === 'loss')!;
    expect(loss).toMatchObject({ value: 0.2, step: 2, timestamp: 3000, minValue: 0.2, maxValue: 0.9, count: 4 });
    const acc = metrics.find((m) => m.key === 'acc')!;
    expect(Number.isNaN(acc.value)).toBe(true);
    expect(acc.minValue).toBeNull();
    expect(await getMetricHistory(t.db, run.id, 'loss')).toHaveLength(4);
  });

  it('params are write-once: same value again is fine, a new value is refused and nothing in the batch lands', async () => {
    const run = await createRun(t.db, actor, projectId, { experimentId });
    await logBatch(t.db, projectId, run.id, { params: [{ key: 'lr', value: '0.1' }] });
    await logBatch(t.db, projectId, run.id, { params: [{ key: 'lr', value: '0.1' }] });
    await expect(
      logBatch(t.db, projectId, run.id, {
        params: [{ key: 'lr', value: '0.2' }],
        metrics: [{ key: 'm', value: 1, timestamp: 1, step: 0 }],
        tags: [{ key: 't', value: 'x' }],
      }),
    ).rejects.toThrow(/Changing param values is not allowed/);
    const details = await getRunDetails(t.db, projectId, run.id);
    expect(details.params).toEqual([{ key: 'lr', value: '0.1' }]);
    expect(details.metrics).toHaveLength(0);
    expect(details.tags.find((x) => x.key === 't')).toBeUndefined();
  });

  it('tags overwrite and well-known tags fill the run fields', async () => {
    const run = await createRun(t.db, actor, projectId, { experimentId });
    await logBatch(t.db, projectId, run.id, {
      tags: [
        { key: 'runboard.approach', value: 'model-centric' },
        { key: 'runboard.seed', value: '7' },
      ],
    });
    await logBatch(t.db, projectId, run.id, { tags: [{ key: 'runboard.approach', value: 'data-centric' }] });
    const { run: row } = await getRunDetails(t.db, projectId, run.id);
    expect(row.approach).toBe('data-centric');
    expect(row.seed).toBe(7);
  });

  it('refuses writes to a deleted run', async () => {
    const run = await createRun(t.db, actor, projectId, { experimentId });
    await setRunLifecycle(t.db, actor, projectId, run.id, 'deleted');
    await expect(logBatch(t.db, projectId, run.id, { tags: [{ key: 'a', value: 'b' }] })).rejects.toThrow(
      /must be in the 'active' state/,
    );
  });
});

describe('chart series', () => {
  it('downsamples 20,000 points into ≤ 1000 buckets whose envelope holds the true min and max', async () => {
    const run = await createRun(t.db, actor, projectId, { experimentId });
    const n = 20_000;
    for (let start = 0; start < n; start += 1000) {
      await logBatch(t.db, projectId, run.id, {
        metrics: Array.from({ length: 1000 }, (_, i) => {
          const step = start + i;
          return {
            key: 'curve',
            value: step === 12_345 ? 100 : Math.sin(step / 100),
            timestamp: 1_000_000 + step,
            step,
          };
        }),
      });
    }
    const series = await getMetricSeries(t.db, run.id, 'curve', { maxBuckets: 1000 });
    expect(series.buckets.length).toBeLessThanOrEqual(1000);
    expect(series.totalPoints).toBe(n);
    expect(series.buckets[0]).toMatchObject({ step: 0, count: 1 });
    expect(series.buckets.at(-1)).toMatchObject({ step: n - 1, value: Math.sin((n - 1) / 100) });
    expect(Math.max(...series.buckets.map((b) => b.max ?? -Infinity))).toBe(100);
    const zoom = await getMetricSeries(t.db, run.id, 'curve', { fromStep: 12_000, toStep: 12_500 });
    expect(zoom.exact).toBe(true);
    expect(zoom.buckets).toHaveLength(501);
  });
});

describe('compare series on a shared grid', () => {
  async function curveRun(steps: number, spikeAt: number) {
    const run = await createRun(t.db, actor, projectId, { experimentId });
    for (let start = 0; start < steps; start += 1000)
      await logBatch(t.db, projectId, run.id, {
        metrics: Array.from({ length: Math.min(1000, steps - start) }, (_, i) => {
          const step = start + i;
          return { key: 'grid', value: step === spikeAt ? 50 : 1 / (1 + step), timestamp: 5_000 + step, step };
        }),
      });
    return run.id;
  }

  it('gives runs of 6,400 and 6,401 steps the same buckets, each with its envelope, first and last point', async () => {
    const a = await curveRun(6_400, 3_001);
    const b = await curveRun(6_401, 4_999);
    const { gridWidth, series } = await getSharedGridSeries(t.db, [a, b, 'no-such-run'], 'grid', 1000);
    expect(gridWidth).toBe(7);
    const [sa, sb, missing] = series;
    expect(missing).toMatchObject({ runId: 'no-such-run', totalPoints: 0, buckets: [] });
    expect(sa!.totalPoints).toBe(6_400);
    expect(sb!.totalPoints).toBe(6_401);
    // Same grid: after the exact first point, bucket i of each run ends in the same 7-step cell.
    const cells = (s: typeof sa) => s!.buckets.slice(1).map((x) => Math.floor(x.step / gridWidth));
    expect(cells(sa)).toEqual(cells(sb).slice(0, cells(sa).length));
    expect(sa!.buckets.length).toBeLessThanOrEqual(1001);
    expect(sa!.buckets[0]).toMatchObject({ step: 0, value: 1, count: 1 });
    expect(sa!.buckets.at(-1)).toMatchObject({ step: 6_399, value: 1 / 6_400 });
    expect(sb!.buckets.at(-1)).toMatchObject({ step: 6_400, value: 1 / 6_401 });
    expect(Math.max(...sa!.buckets.map((x) => x.max ?? -Infinity))).toBe(50);
    expect(Math.max(...sb!.buckets.map((x) => x.max ?? -Infinity))).toBe(50);
    expect(sa!.buckets.reduce((n, x) => n + x.count, 0) - 1).toBe(6_400);
  });

  it('builds the grid from rollups when the longest run needs it, and the short runs share it', async () => {
    const short = await curveRun(3_000, 2_000);
    const long = await curveRun(20_000, 17_000);
    const { gridWidth, series } = await getSharedGridSeries(t.db, [short, long], 'grid', 1000);
    expect(gridWidth).toBe(128);
    const [s, l] = series;
    expect(l!.totalPoints).toBe(20_000);
    expect(s!.totalPoints).toBe(3_000);
    expect(s!.buckets.length).toBe(1 + Math.ceil(3_000 / 128));
    expect(Math.max(...l!.buckets.map((x) => x.max ?? -Infinity))).toBe(50);
    expect(Math.min(...l!.buckets.map((x) => x.min ?? Infinity))).toBe(1 / 20_000);
    expect(l!.buckets.at(-1)).toMatchObject({ step: 19_999, value: 1 / 20_000 });
  });
});

describe('search', () => {
  it('filters with the MLflow grammar and sorts by a param, missing values last', async () => {
    const exp = experimentId;
    const a = await createRun(t.db, actor, projectId, { experimentId: exp, runName: 'search-a' });
    const b = await createRun(t.db, actor, projectId, { experimentId: exp, runName: 'search-b' });
    await logBatch(t.db, projectId, a.id, {
      params: [{ key: 'depth', value: '3' }],
      metrics: [{ key: 'f1', value: 0.91, timestamp: 1, step: 0 }],
    });
    await logBatch(t.db, projectId, b.id, {
      params: [{ key: 'depth', value: '5' }],
      metrics: [{ key: 'f1', value: 0.95, timestamp: 1, step: 0 }],
    });
    const res = await searchRuns(t.db, projectId, {
      filter: "metrics.f1 > 0.9 and attributes.run_name LIKE 'search-%'",
      orderBy: ['params.depth DESC'],
      limit: 10,
    });
    expect(res.runs.map((r) => r.name)).toEqual(['search-b', 'search-a']);
    expect(res.total).toBe(2);
    const injected = await searchRuns(t.db, projectId, { filter: `params.depth = "3' or '1'='1"`, limit: 10 });
    expect(injected.total).toBe(0);
    await expect(searchRuns(t.db, projectId, { filter: 'metrics.f1 >> 1', limit: 10 })).rejects.toThrow(
      /Invalid filter/,
    );
  });
});
