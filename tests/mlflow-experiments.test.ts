// Contract tests of MLflow's experiment endpoints, as an unchanged MLflow client sees them.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type MlflowApp, errorOf, newExperiment, newRun, openMlflowApp, readRun } from './helpers/mlflow';

let m: MlflowApp;
beforeAll(async () => {
  m = await openMlflowApp();
});
afterAll(() => m?.cleanup());

// service.proto's Experiment message.
const EXPERIMENT_FIELDS = [
  'artifact_location',
  'creation_time',
  'experiment_id',
  'last_update_time',
  'lifecycle_stage',
  'name',
];
type Experiment = Record<string, unknown> & {
  experiment_id: string;
  name: string;
  tags?: { key: string; value: string }[];
};
const experimentOf = (r: { json: Record<string, unknown> }) => r.json.experiment as Experiment;
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

describe('the Default experiment', () => {
  it('exists in every project and answers experiments/get by its id and as MLflow’s "0"', async () => {
    const byName = await m.get('experiments/get-by-name', { experiment_name: 'Default' });
    expect(byName.status).toBe(200);
    const def = experimentOf(byName);
    expect(Object.keys(def).sort()).toEqual(EXPERIMENT_FIELDS);
    expect(def).toMatchObject({
      name: 'Default',
      lifecycle_stage: 'active',
      experiment_id: expect.stringMatching(/^\d+$/),
    });
    expect(typeof def.creation_time).toBe('number');
    const byId = await m.get('experiments/get', { experiment_id: def.experiment_id });
    expect(experimentOf(byId)).toEqual(def);
    expect(experimentOf(await m.get('experiments/get', { experiment_id: '0' }))).toEqual(def);
  });

  it('is a different experiment in another project', async () => {
    const mine = experimentOf(await m.get('experiments/get-by-name', { experiment_name: 'Default' }));
    const theirs = experimentOf(
      await m.get('experiments/get-by-name', { experiment_name: 'Default' }, { token: m.tokens.other }),
    );
    expect(theirs.experiment_id).not.toBe(mine.experiment_id);
    expect(
      errorOf(await m.get('experiments/get', { experiment_id: mine.experiment_id }, { token: m.tokens.other })),
    ).toEqual(missing(/not found/));
  });

  it('cannot be deleted', async () => {
    expect(errorOf(await m.post('experiments/delete', { experiment_id: '0' }))).toEqual(
      invalid('Cannot delete the default experiment.'),
    );
  });
});

describe('experiments/create and get', () => {
  it('returns the new id as a string; get shows name, tags and an artifact location', async () => {
    const res = await m.post('experiments/create', {
      name: 'fraud-xgb',
      tags: [{ key: 'team', value: 'risk' }],
      unknown_field: 1,
    });
    expect(res.status).toBe(200);
    expect(res.json).toEqual({ experiment_id: expect.stringMatching(/^\d+$/) });
    const exp = experimentOf(await m.get('experiments/get', { experiment_id: res.json.experiment_id as string }));
    expect(exp).toMatchObject({ name: 'fraud-xgb', lifecycle_stage: 'active', tags: [{ key: 'team', value: 'risk' }] });
    expect(exp.artifact_location).toEqual(expect.any(String));
    expect(exp.creation_time).toBe(exp.last_update_time);
  });

  it('refuses a taken name with RESOURCE_ALREADY_EXISTS and MLflow’s message', async () => {
    await newExperiment(m, 'taken');
    expect(errorOf(await m.post('experiments/create', { name: 'taken' }))).toEqual({
      status: 400,
      error_code: 'RESOURCE_ALREADY_EXISTS',
      message: "Experiment 'taken' already exists.",
    });
  });

  it('lets another project reuse the name', async () => {
    await newExperiment(m, 'shared-name');
    expect((await m.post('experiments/create', { name: 'shared-name' }, { token: m.tokens.other })).status).toBe(200);
  });

  it.each([
    ['no name', {}, /^Invalid value for 'name': Missing value/],
    ['an empty name', { name: '' }, /^Invalid value for 'name'/],
    ['a name over 500 characters', { name: 'n'.repeat(501) }, /maximum length of 500/],
    ['a non-string name', { name: 12 }, /^Invalid value for 'name': expected a string/],
    [
      'a runs:/ artifact location',
      { name: 'x0', artifact_location: 'runs:/abc/model' },
      /^Invalid value for 'artifact_location': Artifact location cannot be a runs:\/ URI/,
    ],
    [
      'a tag key with bad characters',
      { name: 'x1', tags: [{ key: 'a*b', value: '1' }] },
      /^Invalid value for 'tags\.0\.key': Invalid tag name/,
    ],
    [
      'a tag value over 8000 characters',
      { name: 'x2', tags: [{ key: 'k', value: 'v'.repeat(8001) }] },
      /exceeded length limit of 8000/,
    ],
  ])('refuses %s with 400 INVALID_PARAMETER_VALUE', async (_label, body, message) => {
    expect(errorOf(await m.post('experiments/create', body))).toEqual(invalid(message));
  });

  it('answers 404 for an unknown id or name and 400 for a malformed id', async () => {
    expect(errorOf(await m.get('experiments/get', { experiment_id: '987654321' }))).toEqual(
      missing("Experiment with id '987654321' not found."),
    );
    expect(errorOf(await m.get('experiments/get-by-name', { experiment_name: 'nope' }))).toEqual(
      missing("Could not find experiment with name 'nope'"),
    );
    expect(errorOf(await m.get('experiments/get', { experiment_id: "1' or '1'='1" }))).toEqual(
      invalid(/Invalid experiment ID/),
    );
    expect(errorOf(await m.get('experiments/get', {}))).toEqual(
      invalid(/^Invalid value for 'experiment_id': Missing value/),
    );
  });
});

describe('experiments/update, delete and restore', () => {
  it('renames, refusing a taken name', async () => {
    const id = await newExperiment(m, 'old-name');
    await newExperiment(m, 'other-name');
    expect((await m.post('experiments/update', { experiment_id: id, new_name: 'new-name' })).json).toEqual({});
    expect(experimentOf(await m.get('experiments/get', { experiment_id: id })).name).toBe('new-name');
    expect(errorOf(await m.post('experiments/update', { experiment_id: id, new_name: 'other-name' }))).toMatchObject({
      status: 400,
      error_code: 'RESOURCE_ALREADY_EXISTS',
    });
    expect(errorOf(await m.post('experiments/update', { experiment_id: id }))).toEqual(
      invalid(/^Invalid value for 'new_name'/),
    );
  });

  it('soft-deletes an experiment with its runs and restores both; get still shows a deleted one', async () => {
    const id = await newExperiment(m, 'to-delete');
    const runId = await newRun(m, { experiment_id: id });
    expect((await m.post('experiments/delete', { experiment_id: id })).json).toEqual({});
    expect(experimentOf(await m.get('experiments/get', { experiment_id: id })).lifecycle_stage).toBe('deleted');
    expect((await readRun(m, runId)).info.lifecycle_stage).toBe('deleted');
    expect(errorOf(await m.post('experiments/update', { experiment_id: id, new_name: 'renamed' }))).toEqual(
      invalid('Cannot rename a non-active experiment.'),
    );
    expect(errorOf(await m.post('runs/create', { experiment_id: id }))).toEqual(
      invalid(/must be in the 'active' state/),
    );
    expect((await m.post('experiments/restore', { experiment_id: id })).status).toBe(200);
    expect(experimentOf(await m.get('experiments/get', { experiment_id: id })).lifecycle_stage).toBe('active');
    expect((await readRun(m, runId)).info.lifecycle_stage).toBe('active');
    expect(errorOf(await m.post('experiments/restore', { experiment_id: id }))).toEqual(
      invalid(/Cannot restore an active experiment/),
    );
  });
});

describe('experiment tags', () => {
  it('set overwrites, delete removes, deleting a missing tag is 404', async () => {
    const id = await newExperiment(m, 'tagged');
    await m.post('experiments/set-experiment-tag', { experiment_id: id, key: 'stage', value: 'draft' });
    const set = await m.post('experiments/set-experiment-tag', { experiment_id: id, key: 'stage', value: 'final' });
    expect(set).toMatchObject({ status: 200, json: {} });
    expect(experimentOf(await m.get('experiments/get', { experiment_id: id })).tags).toEqual([
      { key: 'stage', value: 'final' },
    ]);
    expect((await m.post('experiments/delete-experiment-tag', { experiment_id: id, key: 'stage' })).json).toEqual({});
    expect(experimentOf(await m.get('experiments/get', { experiment_id: id }))).not.toHaveProperty('tags');
    expect(errorOf(await m.post('experiments/delete-experiment-tag', { experiment_id: id, key: 'stage' }))).toEqual(
      missing(/No tag with name: stage/),
    );
  });

  it('refuses bad keys, long values and tags on deleted experiments', async () => {
    const id = await newExperiment(m, 'tag-rules');
    expect(
      errorOf(await m.post('experiments/set-experiment-tag', { experiment_id: id, key: '../up', value: 'x' })),
    ).toEqual(invalid(/Invalid tag name: '..\/up'/));
    expect(
      errorOf(await m.post('experiments/set-experiment-tag', { experiment_id: id, key: 'k', value: 'v'.repeat(8001) })),
    ).toEqual(invalid(/length 8001/));
    await m.post('experiments/delete', { experiment_id: id });
    expect(
      errorOf(await m.post('experiments/set-experiment-tag', { experiment_id: id, key: 'k', value: 'v' })),
    ).toEqual(invalid(/must be in the 'active' state/));
  });
});
