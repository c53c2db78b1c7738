// Contract tests of MLflow's logging endpoints: log-metric, log-parameter, set-tag, delete-tag,
// log-batch and log-inputs — semantics (append / overwrite / write-once), limits and key rules.
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type MlflowApp, errorOf, newRun, openMlflowApp, readRun } from './helpers/mlflow';

let m: MlflowApp;
beforeAll(async () => {
  m = await openMlflowApp();
});
afterAll(() => m?.cleanup());

const invalid = (message: RegExp | string) => ({
  status: 400,
  error_code: 'INVALID_PARAMETER_VALUE',
  message: typeof message === 'string' ? message : expect.stringMatching(message),
});
const history = async (runId: string, key: string) =>
  (await m.get('metrics/get-history', { run_id: runId, metric_key: key })).json.metrics as unknown[];
const range = <T>(n: number, f: (i: number) => T) => Array.from({ length: n }, (_, i) => f(i));

describe('runs/log-metric', () => {
  it('appends points; the run shows the latest by step; NaN and infinities round-trip as proto JSON strings', async () => {
    const id = await newRun(m);
    for (const [value, step] of [
      [0.9, 0],
      [0.5, 2],
      [0.7, 1],
    ] as const) {
      expect(
        (await m.post('runs/log-metric', { run_id: id, key: 'loss', value, timestamp: 1000 + step, step })).json,
      ).toEqual({});
    }
    await m.post('runs/log-metric', { run_uuid: id, key: 'odd', value: 'NaN', timestamp: '5' });
    await m.post('runs/log-metric', { run_id: id, key: 'odd', value: '-Infinity', timestamp: 6, step: 1 });
    const run = await readRun(m, id);
    expect(run.data.metrics).toEqual([
      { key: 'loss', value: 0.5, timestamp: 1002, step: 2 },
      { key: 'odd', value: '-Infinity', timestamp: 6, step: 1 },
    ]);
    expect(await history(id, 'loss')).toHaveLength(3);
    expect(await history(id, 'odd')).toEqual([
      { key: 'odd', value: 'NaN', timestamp: 5, step: 0 },
      { key: 'odd', value: '-Infinity', timestamp: 6, step: 1 },
    ]);
  });

  it.each([
    ['a non-numeric value', { key: 'k', value: 'high', timestamp: 1 }, /^Invalid value for 'value': expected a double/],
    ['a boolean value', { key: 'k', value: true, timestamp: 1 }, /^Invalid value for 'value'/],
    ['no timestamp', { key: 'k', value: 1 }, /^Invalid value for 'timestamp': Missing value/],
    ['a negative timestamp', { key: 'k', value: 1, timestamp: -1 }, /^Invalid value for 'timestamp'/],
    ['a fractional step', { key: 'k', value: 1, timestamp: 1, step: 0.5 }, /^Invalid value for 'step'/],
    [
      'a key with bad characters',
      { key: 'acc(val)', value: 1, timestamp: 1 },
      /Invalid metric name: 'acc\(val\)'\. Names may only contain/,
    ],
    ['a key that aliases a path', { key: 'a/../b', value: 1, timestamp: 1 }, /This name would resolve to 'b'/],
    [
      'a 251-character key',
      { key: 'k'.repeat(251), value: 1, timestamp: 1 },
      /had length 251, which exceeded length limit of 250/,
    ],
  ])('refuses %s with 400', async (_label, body, message) => {
    const id = await newRun(m);
    expect(errorOf(await m.post('runs/log-metric', { run_id: id, ...body }))).toEqual(invalid(message));
  });

  it('accepts a 250-character key', async () => {
    const id = await newRun(m);
    expect((await m.post('runs/log-metric', { run_id: id, key: 'k'.repeat(250), value: 1, timestamp: 1 })).status).toBe(
      200,
    );
  });
});

describe('runs/log-parameter', () => {
  it('is write-once: the same value again is fine, a new value is refused with MLflow’s message', async () => {
    const id = await newRun(m);
    expect((await m.post('runs/log-parameter', { run_id: id, key: 'lr', value: '0.01' })).json).toEqual({});
    expect((await m.post('runs/log-parameter', { run_uuid: id, key: 'lr', value: '0.01' })).status).toBe(200);
    expect(errorOf(await m.post('runs/log-parameter', { run_id: id, key: 'lr', value: '0.02' }))).toEqual(
      invalid(
        `Changing param values is not allowed. Param with key='lr' was already logged with value='0.01' for run ID='${id}'. Attempted logging new value '0.02'.`,
      ),
    );
    expect((await readRun(m, id)).data.params).toEqual([{ key: 'lr', value: '0.01' }]);
  });

  it('takes values up to 6000 characters, even incompressible ones, and refuses 6001', async () => {
    const id = await newRun(m);
    const random = randomBytes(4500).toString('base64');
    expect(random).toHaveLength(6000);
    expect((await m.post('runs/log-parameter', { run_id: id, key: 'long', value: random })).status).toBe(200);
    expect((await readRun(m, id)).data.params).toEqual([{ key: 'long', value: random }]);
    expect(errorOf(await m.post('runs/log-parameter', { run_id: id, key: 'longer', value: 'v'.repeat(6001) }))).toEqual(
      invalid(/^Invalid value for 'value': Param value 'v{250}' had length 6001, which exceeded length limit of 6000$/),
    );
  });

  it('refuses bad keys', async () => {
    const id = await newRun(m);
    expect(errorOf(await m.post('runs/log-parameter', { run_id: id, key: 'a\\b', value: '1' }))).toEqual(
      invalid(/Invalid parameter name/),
    );
    expect(errorOf(await m.post('runs/log-parameter', { run_id: id, value: '1' }))).toEqual(
      invalid(/^Invalid value for 'key': Missing value/),
    );
  });
});

describe('runs/set-tag and runs/delete-tag', () => {
  it('tags overwrite, and well-known tags reach the run (name, user)', async () => {
    const id = await newRun(m);
    await m.post('runs/set-tag', { run_id: id, key: 'note', value: 'first' });
    await m.post('runs/set-tag', { run_uuid: id, key: 'note', value: 'second' });
    await m.post('runs/set-tag', { run_id: id, key: 'mlflow.runName', value: 'renamed-by-tag' });
    const run = await readRun(m, id);
    expect(run.data.tags).toContainEqual({ key: 'note', value: 'second' });
    expect(run.info.run_name).toBe('renamed-by-tag');
  });

  it('takes values up to 8000 characters (current MLflow) and refuses 8001', async () => {
    const id = await newRun(m);
    expect((await m.post('runs/set-tag', { run_id: id, key: 't', value: 'v'.repeat(8000) })).status).toBe(200);
    expect((await readRun(m, id)).data.tags).toContainEqual({ key: 't', value: 'v'.repeat(8000) });
    expect(errorOf(await m.post('runs/set-tag', { run_id: id, key: 't', value: 'v'.repeat(8001) }))).toEqual(
      invalid(/length 8001, which exceeded length limit of 8000/),
    );
  });

  it('delete-tag removes a tag; a missing tag is 404', async () => {
    const id = await newRun(m);
    await m.post('runs/set-tag', { run_id: id, key: 'temp', value: 'x' });
    expect((await m.post('runs/delete-tag', { run_id: id, key: 'temp' })).json).toEqual({});
    expect((await readRun(m, id)).data.tags).not.toContainEqual({ key: 'temp', value: 'x' });
    expect(errorOf(await m.post('runs/delete-tag', { run_id: id, key: 'temp' }))).toEqual({
      status: 404,
      error_code: 'RESOURCE_DOES_NOT_EXIST',
      message: expect.stringMatching(/No tag with name: temp/),
    });
  });
});

describe('runs/log-batch', () => {
  it('logs metrics, params and tags in one request and answers {}', async () => {
    const id = await newRun(m);
    const res = await m.post('runs/log-batch', {
      run_id: id,
      // 1000 entities in all, the most one request may carry.
      metrics: range(997, (i) => ({
        key: i % 2 ? 'acc' : 'loss',
        value: i / 1000,
        timestamp: 1_700_000_000_000 + i,
        step: Math.floor(i / 2),
      })),
      params: [{ key: 'model', value: 'xgb' }],
      tags: [
        { key: 'runboard.approach', value: 'model-centric' },
        { key: 'runboard.seed', value: '42' },
      ],
    });
    expect(res).toMatchObject({ status: 200, json: {} });
    const run = await readRun(m, id);
    expect(run.data.metrics).toEqual([
      { key: 'acc', value: 0.995, timestamp: 1_700_000_000_995, step: 497 },
      { key: 'loss', value: 0.996, timestamp: 1_700_000_000_996, step: 498 },
    ]);
    expect(run.data.params).toEqual([{ key: 'model', value: 'xgb' }]);
    expect(await history(id, 'loss')).toHaveLength(499);
  });

  it.each([
    [
      '1001 metrics',
      { metrics: range(1001, (i) => ({ key: `m${i}`, value: 1, timestamp: 1 })) },
      /at most 1000 metrics\. Got 1001 metrics/,
    ],
    [
      '101 params',
      { params: range(101, (i) => ({ key: `p${i}`, value: '1' })) },
      /at most 100 params\. Got 101 params/,
    ],
    ['101 tags', { tags: range(101, (i) => ({ key: `t${i}`, value: '1' })) }, /at most 100 tags\. Got 101 tags/],
    [
      '1001 entities in total',
      {
        metrics: range(901, (i) => ({ key: `m${i}`, value: 1, timestamp: 1 })),
        params: range(50, (i) => ({ key: `p${i}`, value: '1' })),
        tags: range(50, (i) => ({ key: `t${i}`, value: '1' })),
      },
      /at most 1000 metrics, params, and tags\. Got 1001/,
    ],
    [
      'a bad metric key',
      {
        metrics: [
          { key: 'ok', value: 1, timestamp: 1 },
          { key: 'no;semicolons', value: 1, timestamp: 1 },
        ],
      },
      /^Invalid value for 'metrics\.1\.key'/,
    ],
    [
      'a 6001-character param value',
      { params: [{ key: 'p', value: 'x'.repeat(6001) }] },
      /^Invalid value for 'params\.0\.value'/,
    ],
    [
      'an 8001-character tag value',
      { tags: [{ key: 't', value: 'x'.repeat(8001) }] },
      /^Invalid value for 'tags\.0\.value'/,
    ],
    [
      'a metric without a timestamp',
      { metrics: [{ key: 'm', value: 1 }] },
      /^Invalid value for 'metrics\.0\.timestamp'/,
    ],
  ])('refuses %s, writing nothing', async (_label, body, message) => {
    const id = await newRun(m);
    expect(errorOf(await m.post('runs/log-batch', { run_id: id, ...body }))).toEqual(invalid(message));
    const run = await readRun(m, id);
    expect(run.data.metrics ?? []).toEqual([]);
    expect(run.data.params ?? []).toEqual([]);
  });

  it('is all or nothing when a param conflicts with a logged one', async () => {
    const id = await newRun(m);
    await m.post('runs/log-batch', { run_id: id, params: [{ key: 'depth', value: '3' }] });
    const res = await m.post('runs/log-batch', {
      run_id: id,
      params: [{ key: 'depth', value: '5' }],
      metrics: [{ key: 'auc', value: 0.8, timestamp: 1 }],
      tags: [{ key: 'after', value: 'conflict' }],
    });
    expect(errorOf(res)).toEqual(invalid(/Changing param values is not allowed/));
    const run = await readRun(m, id);
    expect(run.data.metrics ?? []).toEqual([]);
    expect(run.data.tags).not.toContainEqual({ key: 'after', value: 'conflict' });
  });

  it('accepts an empty batch, int64 as strings, and ignores unknown fields', async () => {
    const id = await newRun(m);
    expect((await m.post('runs/log-batch', { run_id: id })).status).toBe(200);
    const res = await m.post('runs/log-batch', {
      run_id: id,
      metrics: [{ key: 'm', value: '1.5', timestamp: '1700000000000', step: '3', unit: 'x' }],
      extra: [1],
    });
    expect(res.status).toBe(200);
    expect((await readRun(m, id)).data.metrics).toEqual([{ key: 'm', value: 1.5, timestamp: 1700000000000, step: 3 }]);
  });
});

describe('writes to a deleted run', () => {
  it('are refused on every logging endpoint, and nothing lands', async () => {
    const id = await newRun(m);
    await m.post('runs/delete', { run_id: id });
    const refused = invalid(`The run ${id} must be in the 'active' state. Current state is deleted.`);
    expect(errorOf(await m.post('runs/log-metric', { run_id: id, key: 'm', value: 1, timestamp: 1 }))).toEqual(refused);
    expect(errorOf(await m.post('runs/log-parameter', { run_id: id, key: 'p', value: '1' }))).toEqual(refused);
    expect(errorOf(await m.post('runs/set-tag', { run_id: id, key: 't', value: '1' }))).toEqual(refused);
    expect(errorOf(await m.post('runs/delete-tag', { run_id: id, key: 'mlflow.runName' }))).toEqual(refused);
    expect(
      errorOf(await m.post('runs/log-batch', { run_id: id, metrics: [{ key: 'm', value: 1, timestamp: 1 }] })),
    ).toEqual(refused);
    expect(errorOf(await m.post('runs/log-inputs', { run_id: id, datasets: [] }))).toEqual(refused);
    const run = await readRun(m, id);
    expect(run.data.metrics ?? []).toEqual([]);
    expect(run.data.params ?? []).toEqual([]);
  });
});

describe('runs/log-inputs', () => {
  const dataset = {
    name: 'taxi',
    digest: 'a1b2c3',
    source_type: 'local',
    source: '{"uri": "/data/taxi.csv"}',
    schema: '{"mlflow_colspec": []}',
  };

  it('links datasets to the run, shown in the run’s inputs', async () => {
    const id = await newRun(m);
    const res = await m.post('runs/log-inputs', {
      run_id: id,
      datasets: [{ tags: [{ key: 'mlflow.data.context', value: 'training' }], dataset }],
    });
    expect(res).toMatchObject({ status: 200, json: {} });
    expect((await readRun(m, id)).inputs).toEqual({
      dataset_inputs: [{ tags: [{ key: 'mlflow.data.context', value: 'training' }], dataset }],
    });
  });

  it.each([
    ['no dataset', [{ tags: [] }], /^Invalid value for 'datasets\.0\.dataset'/],
    [
      'a dataset without a digest',
      [{ dataset: { ...dataset, digest: undefined } }],
      /^Invalid value for 'datasets\.0\.dataset\.digest'/,
    ],
    [
      'a digest over 36 characters',
      [{ dataset: { ...dataset, digest: 'd'.repeat(37) } }],
      /Dataset digest .* exceeded length limit of 36/,
    ],
  ])('refuses %s', async (_label, datasets, message) => {
    const id = await newRun(m);
    expect(errorOf(await m.post('runs/log-inputs', { run_id: id, datasets }))).toEqual(invalid(message));
  });
});

describe('request size', () => {
  it('refuses a body over the limit with 413 while reading it, and writes nothing', async () => {
    const id = await newRun(m);
    const { MAX_BODY_BYTES } = await import('@/server/api');
    const huge = JSON.stringify({ run_id: id, params: [{ key: 'p', value: 'x'.repeat(MAX_BODY_BYTES) }] });
    const reply = await m.post('runs/log-batch', huge);
    expect(reply.status).toBe(413);
    expect(reply.json).toEqual({
      // A name MLflow's ErrorCode enum knows (databricks.proto), so the client reports it instead of INTERNAL_ERROR.
      error_code: 'RESOURCE_LIMIT_EXCEEDED',
      message: 'The request body is larger than 32 MB; send smaller batches.',
    });
    expect((await readRun(m, id)).data.params ?? []).toEqual([]);
  });
});
