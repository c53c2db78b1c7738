// Contract tests of MLflow's run endpoints: runs/create, get, update, delete, restore.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type MlflowApp, errorOf, newExperiment, newRun, openMlflowApp, readRun } from './helpers/mlflow';

let m: MlflowApp;
let experimentId: string;
let defaultId: string;
beforeAll(async () => {
  m = await openMlflowApp();
  experimentId = await newExperiment(m, 'runs-exp');
  defaultId = ((await m.get('experiments/get', { experiment_id: '0' })).json.experiment as { experiment_id: string })
    .experiment_id;
});
afterAll(() => m?.cleanup());

// service.proto's RunInfo message (end_time only once the run has ended).
const RUN_INFO_FIELDS = [
  'artifact_uri',
  'experiment_id',
  'lifecycle_stage',
  'run_id',
  'run_name',
  'run_uuid',
  'start_time',
  'status',
  'user_id',
];
const invalid = (message: RegExp | string) => ({
  status: 400,
  error_code: 'INVALID_PARAMETER_VALUE',
  message: typeof message === 'string' ? message : expect.stringMatching(message),
});
const missing = (message: RegExp | string) => ({
  status: 404,
  error_code: 'RESOURCE_DOES_NOT_EXIST',
  message: typeof message === 'string' ? message : expect.stringMatching(message),
});

describe('runs/create', () => {
  it('answers with the whole Run: info, data (with mlflow.runName) and inputs', async () => {
    const res = await m.post('runs/create', {
      experiment_id: experimentId,
      run_name: 'first',
      start_time: 1700000000000,
      user_id: 'alice',
      tags: [{ key: 'mlflow.source.git.commit', value: 'abc123' }],
      unknown_field: { ignored: true },
    });
    expect(res.status).toBe(200);
    const run = res.json.run as {
      info: Record<string, unknown>;
      data: Record<string, unknown>;
      inputs: Record<string, unknown>;
    };
    expect(Object.keys(run).sort()).toEqual(['data', 'info', 'inputs']);
    expect(Object.keys(run.info).sort()).toEqual(RUN_INFO_FIELDS);
    expect(run.info).toMatchObject({
      run_name: 'first',
      experiment_id: experimentId,
      user_id: 'alice',
      status: 'RUNNING',
      start_time: 1700000000000,
      lifecycle_stage: 'active',
      run_id: expect.stringMatching(/^[0-9a-f]{32}$/),
    });
    expect(run.info.run_uuid).toBe(run.info.run_id);
    expect(run.data).toEqual({
      tags: [
        { key: 'mlflow.runName', value: 'first' },
        { key: 'mlflow.source.git.commit', value: 'abc123' },
      ],
    });
    expect(run.inputs).toEqual({});
  });

  it('puts runs without an experiment, or with MLflow’s "0", in the project’s Default experiment', async () => {
    for (const body of [{}, { experiment_id: '0' }, { experiment_id: 0 }]) {
      const run = await readRun(m, await newRun(m, body));
      expect(run.info.experiment_id).toBe(defaultId);
    }
  });

  it('names an unnamed run, starts it now, and credits the mlflow.user tag or else the token’s user', async () => {
    const before = Date.now();
    const tagged = await readRun(m, await newRun(m, { tags: [{ key: 'mlflow.user', value: 'bob' }] }));
    expect(tagged.info.run_name).toMatch(/^[a-z]+-[a-z]+-\d+$/);
    expect(tagged.info.start_time as number).toBeGreaterThanOrEqual(before);
    expect(tagged.info.user_id).toBe('bob');
    expect((await readRun(m, await newRun(m))).info.user_id).toBe('editor@mlflow.test');
  });

  it('keeps the mlflow.runName tag as the name when no run_name is given, and refuses a conflicting pair', async () => {
    const run = await readRun(m, await newRun(m, { tags: [{ key: 'mlflow.runName', value: 'from-tag' }] }));
    expect(run.info.run_name).toBe('from-tag');
    expect(
      errorOf(await m.post('runs/create', { run_name: 'a', tags: [{ key: 'mlflow.runName', value: 'b' }] })),
    ).toEqual(
      invalid(
        "Both 'run_name' argument and 'mlflow.runName' tag are specified, but with different values (run_name='a', mlflow.runName='b').",
      ),
    );
  });

  it('refuses unknown experiments, another project’s experiments and bad input', async () => {
    const theirs = await newExperiment(m, 'their-exp', m.tokens.other);
    expect(errorOf(await m.post('runs/create', { experiment_id: '999999' }))).toEqual(missing(/not found/));
    expect(errorOf(await m.post('runs/create', { experiment_id: theirs }))).toEqual(missing(/not found/));
    expect(errorOf(await m.post('runs/create', { experiment_id: 'abc' }))).toEqual(invalid(/Invalid experiment ID/));
    expect(errorOf(await m.post('runs/create', { start_time: 'yesterday' }))).toEqual(
      invalid(/^Invalid value for 'start_time'/),
    );
    expect(errorOf(await m.post('runs/create', { tags: [{ key: 'runboard.seed', value: 'forty-two' }] }))).toEqual(
      invalid(/runboard\.seed/),
    );
    expect(errorOf(await m.post('runs/create', { tags: [{ key: 'bad(key)', value: '1' }] }))).toEqual(
      invalid(/Invalid tag name/),
    );
  });
});

describe('runs/get', () => {
  it('takes run_id or run_uuid from the query string', async () => {
    const id = await newRun(m, { experiment_id: experimentId, run_name: 'get-me' });
    const byId = await m.get('runs/get', { run_id: id, unknown: 'x' });
    const byUuid = await m.get('runs/get', { run_uuid: id });
    expect(byId.status).toBe(200);
    expect(byUuid.json).toEqual(byId.json);
    expect((byId.json.run as { info: { run_name: string } }).info.run_name).toBe('get-me');
  });

  it('answers 404 with MLflow’s message for an unknown run and 400 without an id', async () => {
    expect(errorOf(await m.get('runs/get', { run_id: 'f'.repeat(32) }))).toEqual(
      missing(`Run with id=${'f'.repeat(32)} not found.`),
    );
    expect(errorOf(await m.get('runs/get', {}))).toEqual(
      invalid("Invalid value for 'run_id': Missing value for required parameter."),
    );
  });
});

describe('runs/update', () => {
  it('sets status, end time and name, and answers with the RunInfo', async () => {
    const id = await newRun(m, { experiment_id: experimentId, run_name: 'before' });
    const res = await m.post('runs/update', {
      run_id: id,
      status: 'FINISHED',
      end_time: 1700000005000,
      run_name: 'after',
    });
    expect(res.status).toBe(200);
    const info = res.json.run_info as Record<string, unknown>;
    expect(Object.keys(info).sort()).toEqual([...RUN_INFO_FIELDS, 'end_time'].sort());
    expect(info).toMatchObject({ run_id: id, status: 'FINISHED', end_time: 1700000005000, run_name: 'after' });
    const run = await readRun(m, id);
    expect(run.data.tags).toContainEqual({ key: 'mlflow.runName', value: 'after' });
  });

  it('accepts run_uuid (older clients) and enum numbers', async () => {
    const id = await newRun(m);
    const res = await m.post('runs/update', { run_uuid: id, status: 4 });
    expect(res.status).toBe(200);
    expect((res.json.run_info as { status: string }).status).toBe('FAILED');
  });

  it('refuses unknown statuses, unknown runs and deleted runs', async () => {
    const id = await newRun(m);
    expect(errorOf(await m.post('runs/update', { run_id: id, status: 'DONE' }))).toEqual(
      invalid(/^Invalid value for 'status'/),
    );
    expect(errorOf(await m.post('runs/update', { run_id: 'nope', status: 'FINISHED' }))).toEqual(
      missing('Run with id=nope not found.'),
    );
    await m.post('runs/delete', { run_id: id });
    expect(errorOf(await m.post('runs/update', { run_id: id, status: 'FINISHED' }))).toEqual(
      invalid(`The run ${id} must be in the 'active' state. Current state is deleted.`),
    );
  });
});

describe('runs/delete and runs/restore', () => {
  it('soft-delete and restore; both answer {}', async () => {
    const id = await newRun(m, { experiment_id: experimentId });
    const del = await m.post('runs/delete', { run_id: id });
    expect(del).toMatchObject({ status: 200, json: {} });
    expect((await readRun(m, id)).info.lifecycle_stage).toBe('deleted');
    expect((await m.post('runs/restore', { run_uuid: id })).json).toEqual({});
    expect((await readRun(m, id)).info.lifecycle_stage).toBe('active');
  });

  it('answer 404 for runs that do not exist or belong to another project', async () => {
    const theirs = await newRun(m, {}, m.tokens.other);
    expect(errorOf(await m.post('runs/delete', { run_id: theirs }))).toEqual(missing(/not found/));
    expect(errorOf(await m.post('runs/restore', { run_id: 'missing' }))).toEqual(missing(/not found/));
    expect(await readRun(m, theirs).catch(() => null)).toBeNull();
  });
});
