// metrics/get-history-bulk-interval against a plain transcription of MLflow's handler (get_metric_history_bulk_interval_impl
// with _get_sampled_steps_from_steps), over even, uneven, duplicated, negative and out-of-order steps of several runs.
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runMetrics } from '@/db/schema';
import { type MlflowApp, newRun, openMlflowApp } from './helpers/mlflow';

type Point = { key: string; value: unknown; timestamp: number; step: number; run_id?: string };
type Logged = { step: number; timestamp: number; value: number };

let m: MlflowApp;
const logged = new Map<string, Logged[]>();

/** Logs the points in batches of at most 1000, in the order given, and remembers them for the reference. */
async function log(runId: string, key: string, points: Logged[]) {
  for (let i = 0; i < points.length; i += 1000) {
    const metrics = points.slice(i, i + 1000).map((p) => ({ key, ...p }));
    const res = await m.post('runs/log-batch', { run_id: runId, metrics });
    expect(res.status).toBe(200);
  }
  logged.set(`${runId}/${key}`, [...(logged.get(`${runId}/${key}`) ?? []), ...points]);
}

/** MLflow's handler, step for step, over everything logged. */
function reference(runIds: string[], key: string, opts: { start?: number; end?: number; max?: number }) {
  const maxResults = opts.max ?? 2500;
  const allRuns = runIds.map((id) => (logged.get(`${id}/${key}`) ?? []).map((p) => p.step));
  let minsAndMaxes = new Set(allRuns.filter((r) => r.length).flatMap((r) => [Math.min(...r), Math.max(...r)]));
  const allSteps = [...new Set(allRuns.flat())].sort((a, b) => a - b);
  const start = opts.start ?? 0;
  const end = opts.end ?? (allSteps.length ? allSteps.at(-1)! : 0);
  minsAndMaxes = new Set([...minsAndMaxes].filter((s) => start <= s && s <= end));
  const startIdx =
    allSteps.findIndex((s) => s >= start) === -1 ? allSteps.length : allSteps.findIndex((s) => s >= start);
  const endIdx = allSteps.filter((s) => s <= end).length;
  let sampled: number[];
  if (endIdx - startIdx <= maxResults) sampled = allSteps.slice(startIdx, endIdx);
  else {
    const numSteps = endIdx - startIdx;
    const interval = numSteps / maxResults;
    sampled = [];
    for (let i = 0; i < maxResults; i++) {
      const idx = startIdx + Math.trunc(i * interval);
      if (idx < numSteps) sampled.push(allSteps[idx]!);
    }
    sampled.push(allSteps[endIdx - 1]!);
  }
  const steps = new Set([...sampled, ...minsAndMaxes]);
  return [...runIds].sort().flatMap((id) =>
    (logged.get(`${id}/${key}`) ?? [])
      .filter((p) => steps.has(p.step))
      .sort((a, b) => a.step - b.step || a.timestamp - b.timestamp)
      .map((p) => ({ key, value: p.value, timestamp: p.timestamp, step: p.step, run_id: id })),
  );
}

async function bulk(runIds: string[], key: string, opts: { start?: number; end?: number; max?: number } = {}) {
  const res = await m.get('metrics/get-history-bulk-interval', {
    run_ids: runIds,
    metric_key: key,
    ...(opts.start === undefined ? {} : { start_step: opts.start, end_step: opts.end! }),
    ...(opts.max === undefined ? {} : { max_results: opts.max }),
  });
  expect(res.status).toBe(200);
  return (res.json.metrics ?? []) as Point[];
}

const stepsOf = (points: Point[], runId?: string) => [
  ...new Set(points.filter((p) => !runId || p.run_id === runId).map((p) => p.step)),
];

/** A small deterministic generator, so "random" step sets are the same on every run. */
function lcg(seed: number) {
  let s = seed;
  return () => {
    s = (s * 1103515245 + 12345) % 2 ** 31;
    return s / 2 ** 31;
  };
}

const at = (steps: number[], t0 = 1000) => steps.map((step, i) => ({ step, timestamp: t0 + i, value: step / 7 }));

let even: string;
let tenths: string;
let late: string;
const randomRuns: string[] = [];

beforeAll(async () => {
  m = await openMlflowApp();
  even = await newRun(m, { run_name: 'even' });
  tenths = await newRun(m, { run_name: 'tenths' });
  late = await newRun(m, { run_name: 'late' });
  await log(even, 'loss', at(Array.from({ length: 3000 }, (_, i) => i)));
  await log(tenths, 'loss', at(Array.from({ length: 300 }, (_, i) => i * 10)));
  await log(late, 'loss', at(Array.from({ length: 50 }, (_, i) => 5000 + i * 10)));
  const rand = lcg(17);
  for (let r = 0; r < 4; r++) {
    const id = await newRun(m, { run_name: `random-${r}` });
    randomRuns.push(id);
    const steps = Array.from({ length: 400 + r * 150 }, () => Math.floor(rand() * 2000) - 50);
    // Several batches, some re-logging steps already there, some filling in below the highest step.
    await log(id, 'acc', at(steps.slice(0, 200), 1));
    await log(id, 'acc', at(steps.slice(100, 300), 5000));
    await log(id, 'acc', at(steps.slice(300), 9000));
  }
}, 120_000);
afterAll(() => m?.cleanup());

describe('metrics/get-history-bulk-interval', () => {
  it('samples evenly spaced steps by arithmetic: max_results spread over the steps plus the last', async () => {
    const points = await bulk([even], 'loss', { max: 4 });
    expect(stepsOf(points)).toEqual([0, 750, 1500, 2250, 2999]);
    expect(points).toEqual(reference([even], 'loss', { max: 4 }));
    const [summary] = await m.db
      .select()
      .from(runMetrics)
      .where(and(eq(runMetrics.runId, even), eq(runMetrics.key, 'loss')));
    expect(summary).toMatchObject({ firstStep: 0, step: 2999, stepCount: 3000, stepGcd: 1 });
  });

  it('samples 2500 of 3000 steps by default, every point at a chosen step', async () => {
    const points = await bulk([even], 'loss');
    expect(points).toHaveLength(2501);
    expect(points).toEqual(reference([even], 'loss', {}));
  });

  it('returns every step when max_results exceeds their number', async () => {
    expect(stepsOf(await bulk([tenths], 'loss', { max: 1000 }))).toHaveLength(300);
    expect(await bulk([tenths], 'loss', { max: 1000 })).toEqual(reference([tenths], 'loss', { max: 1000 }));
  });

  it('limits sampling to [start_step, end_step], with MLflow’s indices', async () => {
    for (const [start, end, max] of [
      [100, 2000, 7],
      [1, 1, 3],
      [2990, 5000, 4],
      [3001, 4000, 5],
      [-10, 40, 3],
    ] as const) {
      expect(await bulk([even], 'loss', { start, end, max })).toEqual(reference([even], 'loss', { start, end, max }));
    }
  });

  it('samples over the union of several runs’ steps and keeps each run’s first and last step', async () => {
    const runIds = [even, tenths, late];
    const points = await bulk(runIds, 'loss', { max: 6 });
    expect(points).toEqual(reference(runIds, 'loss', { max: 6 }));
    expect(stepsOf(points, late)).toEqual([5000, 5490]);
    expect(stepsOf(points, tenths)).toContain(2990);
    for (const [start, end, max] of [
      [0, 6000, 9],
      [2500, 5200, 11],
      [10, 20, 50],
    ] as const) {
      expect(await bulk(runIds, 'loss', { start, end, max })).toEqual(reference(runIds, 'loss', { start, end, max }));
    }
  });

  it('matches MLflow on uneven, repeated, negative and out-of-order steps', async () => {
    for (const runIds of [[randomRuns[0]!], randomRuns, [randomRuns[1]!, even, randomRuns[3]!]]) {
      for (const key of ['acc', 'loss']) {
        for (const opts of [
          {},
          { max: 1 },
          { max: 13 },
          { max: 2500 },
          { start: -40, end: 700, max: 9 },
          { start: 300, end: 310, max: 2 },
        ]) {
          expect(await bulk(runIds, key, opts)).toEqual(reference(runIds, key, opts));
        }
      }
    }
  });

  it('keeps the summary exact when a batch re-logs steps it already has, and gives up when one fills a gap', async () => {
    const id = await newRun(m, { run_name: 'relog' });
    await log(id, 'x', at([0, 2, 4, 6, 8]));
    await log(id, 'x', at([4, 6, 10]));
    const read = async () =>
      (
        await m.db
          .select()
          .from(runMetrics)
          .where(and(eq(runMetrics.runId, id), eq(runMetrics.key, 'x')))
      )[0];
    expect(await read()).toMatchObject({ firstStep: 0, step: 10, stepCount: 6, stepGcd: 2 });
    await log(id, 'x', at([-2]));
    expect(await read()).toMatchObject({ firstStep: -2, step: 10, stepCount: 7, stepGcd: 2 });
    await log(id, 'x', at([5]));
    expect(await read()).toMatchObject({ firstStep: -2, step: 10, stepCount: null, stepGcd: 1 });
    expect(await bulk([id], 'x', { max: 3 })).toEqual(reference([id], 'x', { max: 3 }));
    expect(await bulk([id], 'x', { start: -5, end: 20, max: 4 })).toEqual(
      reference([id], 'x', { start: -5, end: 20, max: 4 }),
    );
  });
});
