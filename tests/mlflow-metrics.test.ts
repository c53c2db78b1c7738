// Contract tests of metrics/get-history and metrics/get-history-bulk-interval (GET, fields in the query string).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type MlflowApp, errorOf, newRun, openMlflowApp } from './helpers/mlflow';

let m: MlflowApp;
let runA: string;
let runB: string;
type Point = { key: string; value: unknown; timestamp: number; step: number; run_id?: string };

beforeAll(async () => {
  m = await openMlflowApp();
  runA = await newRun(m, { run_name: 'a' });
  runB = await newRun(m, { run_name: 'b' });
  // 100 steps on A; B logs every tenth step, and a NaN.
  await m.post('runs/log-batch', {
    run_id: runA,
    metrics: Array.from({ length: 100 }, (_, i) => ({ key: 'loss', value: 1 / (i + 1), timestamp: 1000 + i, step: i })),
  });
  await m.post('runs/log-batch', {
    run_id: runB,
    metrics: [
      ...Array.from({ length: 10 }, (_, i) => ({ key: 'loss', value: i, timestamp: 2000 + i, step: i * 10 })),
      { key: 'loss', value: 'NaN', timestamp: 3000, step: 95 },
    ],
  });
});
afterAll(() => m?.cleanup());

const points = (r: { json: Record<string, unknown> }) => (r.json.metrics ?? []) as Point[];

describe('metrics/get-history', () => {
  it('returns every point of the series in step order, as Metric messages', async () => {
    const res = await m.get('metrics/get-history', { run_id: runA, metric_key: 'loss' });
    expect(res.status).toBe(200);
    const all = points(res);
    expect(all).toHaveLength(100);
    expect(all[0]).toEqual({ key: 'loss', value: 1, timestamp: 1000, step: 0 });
    expect(all.map((p) => p.step)).toEqual(Array.from({ length: 100 }, (_, i) => i));
    expect(res.json).not.toHaveProperty('next_page_token');
  });

  it('pages with max_results and page_token through the whole history', async () => {
    const steps: number[] = [];
    let token: string | undefined;
    let pages = 0;
    do {
      const res = await m.get('metrics/get-history', {
        run_uuid: runA,
        metric_key: 'loss',
        max_results: 30,
        ...(token ? { page_token: token } : {}),
      });
      steps.push(...points(res).map((p) => p.step));
      token = res.json.next_page_token as string | undefined;
      pages++;
    } while (token);
    expect(pages).toBe(4);
    expect(steps).toEqual(Array.from({ length: 100 }, (_, i) => i));
  });

  it('writes NaN as proto JSON does, and an unknown key gives an empty answer', async () => {
    expect(points(await m.get('metrics/get-history', { run_id: runB, metric_key: 'loss' })).at(-1)).toEqual({
      key: 'loss',
      value: 'NaN',
      timestamp: 3000,
      step: 95,
    });
    expect((await m.get('metrics/get-history', { run_id: runA, metric_key: 'nope' })).json).toEqual({});
  });

  it('refuses a missing key or run, and hides other projects’ runs', async () => {
    expect(errorOf(await m.get('metrics/get-history', { run_id: runA }))).toMatchObject({
      status: 400,
      message: expect.stringMatching(/^Invalid value for 'metric_key'/),
    });
    expect(errorOf(await m.get('metrics/get-history', { metric_key: 'loss' }))).toMatchObject({
      status: 400,
      message: expect.stringMatching(/^Invalid value for 'run_id'/),
    });
    expect(errorOf(await m.get('metrics/get-history', { run_id: 'nope', metric_key: 'loss' }))).toEqual({
      status: 404,
      error_code: 'RESOURCE_DOES_NOT_EXIST',
      message: 'Run with id=nope not found.',
    });
    expect(
      errorOf(await m.get('metrics/get-history', { run_id: runA, metric_key: 'loss' }, { token: m.tokens.other })),
    ).toMatchObject({ status: 404 });
    expect(
      errorOf(await m.get('metrics/get-history', { run_id: runA, metric_key: 'loss', max_results: 0 })),
    ).toMatchObject({ status: 400 });
  });
});

describe('metrics/get-history-bulk-interval', () => {
  it('takes repeated run_ids in the query string and tags every point with its run', async () => {
    const res = await m.get('metrics/get-history-bulk-interval', { run_ids: [runA, runB], metric_key: 'loss' });
    expect(res.status).toBe(200);
    const all = points(res);
    expect(all.filter((p) => p.run_id === runA)).toHaveLength(100);
    expect(all.filter((p) => p.run_id === runB)).toHaveLength(11);
    expect(all.find((p) => p.run_id === runB && p.step === 10)).toEqual({
      key: 'loss',
      value: 1,
      timestamp: 2001,
      step: 10,
      run_id: runB,
    });
  });

  it('samples max_results evenly spread steps plus the last, as MLflow does', async () => {
    const res = await m.get('metrics/get-history-bulk-interval', { run_ids: runA, metric_key: 'loss', max_results: 5 });
    expect(points(res).map((p) => p.step)).toEqual([0, 20, 40, 60, 80, 99]);
  });

  it('limits the steps to [start_step, end_step]', async () => {
    const res = await m.get('metrics/get-history-bulk-interval', {
      run_ids: [runA, runB],
      metric_key: 'loss',
      start_step: 20,
      end_step: 40,
    });
    const all = points(res);
    expect(all.every((p) => p.step >= 20 && p.step <= 40)).toBe(true);
    expect(all.filter((p) => p.run_id === runA)).toHaveLength(21);
    expect(all.filter((p) => p.run_id === runB).map((p) => p.step)).toEqual([20, 30, 40]);
  });

  it.each([
    ['no run_ids', { metric_key: 'loss' }, /^Invalid value for 'run_ids'/],
    ['no metric_key', { run_ids: 'x' }, /^Invalid value for 'metric_key'/],
    ['only a start step', { run_ids: 'x', metric_key: 'loss', start_step: 1 }, /both must be specified/],
    [
      'steps out of order',
      { run_ids: 'x', metric_key: 'loss', start_step: 9, end_step: 1 },
      /end_step must be greater than start_step/,
    ],
    [
      'max_results over 2500',
      { run_ids: 'x', metric_key: 'loss', max_results: 2501 },
      /^Invalid value for 'max_results'/,
    ],
    [
      '101 runs',
      { run_ids: Array.from({ length: 101 }, (_, i) => `r${i}`), metric_key: 'loss' },
      /at most 100 run_ids/,
    ],
  ])('refuses %s with 400', async (_label, query, message) => {
    expect(errorOf(await m.get('metrics/get-history-bulk-interval', query))).toEqual({
      status: 400,
      error_code: 'INVALID_PARAMETER_VALUE',
      message: expect.stringMatching(message),
    });
  });

  it('answers 404 when a run is unknown or another project’s', async () => {
    expect(
      errorOf(await m.get('metrics/get-history-bulk-interval', { run_ids: [runA, 'ghost'], metric_key: 'loss' })),
    ).toMatchObject({
      status: 404,
      error_code: 'RESOURCE_DOES_NOT_EXIST',
    });
    expect(
      errorOf(
        await m.get(
          'metrics/get-history-bulk-interval',
          { run_ids: runA, metric_key: 'loss' },
          { token: m.tokens.other },
        ),
      ),
    ).toMatchObject({ status: 404 });
  });
});
