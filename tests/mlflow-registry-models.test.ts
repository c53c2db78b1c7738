// Contract tests of MLflow's registered-model endpoints, as an unchanged MLflow client sees them.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type MlflowApp, errorOf, openMlflowApp } from './helpers/mlflow';
import {
  MODEL_FIELDS,
  type ModelVersionJson,
  type RegisteredModelJson,
  VERSION_FIELDS,
  call,
  invalid,
  missing,
  newModel,
  newVersion,
  readModel,
  transition,
} from './helpers/mlflow-registry';

let m: MlflowApp;
beforeAll(async () => {
  m = await openMlflowApp();
});
afterAll(() => m?.cleanup());

describe('registered-models/create and get', () => {
  it('returns the proto shape: name, epoch-millisecond times, description, tags; no versions yet', async () => {
    const before = Date.now();
    const res = await m.post('registered-models/create', {
      name: 'churn',
      description: 'who leaves',
      tags: [{ key: 'team', value: 'growth' }],
      unknown: 1,
    });
    expect(res.status).toBe(200);
    const model = res.json.registered_model as RegisteredModelJson;
    expect(model).toEqual({
      name: 'churn',
      creation_timestamp: expect.any(Number),
      last_updated_timestamp: expect.any(Number),
      description: 'who leaves',
      tags: [{ key: 'team', value: 'growth' }],
    });
    expect(model.creation_timestamp).toBeGreaterThanOrEqual(before - 1000);
    expect(await readModel(m, 'churn')).toEqual(model);
  });

  it('refuses a taken name with RESOURCE_ALREADY_EXISTS, and lets another project use it', async () => {
    await newModel(m, 'taken');
    expect(errorOf(await m.post('registered-models/create', { name: 'taken' }))).toEqual({
      status: 400,
      error_code: 'RESOURCE_ALREADY_EXISTS',
      message: expect.stringMatching(/^Registered Model \(name=taken\) already exists/),
    });
    expect((await m.post('registered-models/create', { name: 'taken' }, { token: m.tokens.other })).status).toBe(200);
  });

  it.each([
    ['no name', {}, /^Invalid value for 'name': Missing value/],
    ['an empty name', { name: '' }, /^Invalid value for 'name': Missing value/],
    ['a name over 256 characters', { name: 'n'.repeat(257) }, /exceeded length limit of 256/],
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
    expect(errorOf(await m.post('registered-models/create', body))).toEqual(invalid(message));
  });

  it('answers 404 RESOURCE_DOES_NOT_EXIST for an unknown name', async () => {
    expect(errorOf(await m.get('registered-models/get', { name: 'nope' }))).toEqual(
      missing(/^Registered Model with name=nope not found/),
    );
  });

  it('lists the latest version of every stage, with string versions, and the aliases with theirs', async () => {
    await newModel(m, 'staged', { tags: [{ key: 'team', value: 'ops' }] });
    for (let i = 0; i < 4; i++) await newVersion(m, 'staged');
    await transition(m, 'staged', 1, 'Production');
    await transition(m, 'staged', 2, 'Staging');
    await m.post('registered-models/alias', { name: 'staged', alias: 'champion', version: '1' });
    const model = await readModel(m, 'staged');
    expect(Object.keys(model).sort()).toEqual(MODEL_FIELDS);
    const latest = model.latest_versions!.map((v) => [v.version, v.current_stage]);
    expect(latest).toEqual([
      ['1', 'Production'],
      ['2', 'Staging'],
      ['4', 'None'],
    ]);
    expect(model.aliases).toEqual([{ alias: 'champion', version: '1' }]);
    expect(model.latest_versions![0]).toMatchObject({ name: 'staged', status: 'READY', aliases: ['champion'] });
  });
});

describe('registered-models/rename, update and delete', () => {
  it('renames (the versions follow), refusing a taken name and requiring new_name', async () => {
    await newModel(m, 'old-name');
    await newVersion(m, 'old-name');
    await newModel(m, 'occupied');
    const res = await m.post('registered-models/rename', { name: 'old-name', new_name: 'new-name' });
    expect((res.json.registered_model as RegisteredModelJson).name).toBe('new-name');
    expect((await m.get('model-versions/get', { name: 'new-name', version: '1' })).status).toBe(200);
    expect(errorOf(await m.get('registered-models/get', { name: 'old-name' }))).toMatchObject({ status: 404 });
    expect(errorOf(await m.post('registered-models/rename', { name: 'new-name', new_name: 'occupied' }))).toMatchObject(
      { status: 400, error_code: 'RESOURCE_ALREADY_EXISTS' },
    );
    expect(errorOf(await m.post('registered-models/rename', { name: 'new-name' }))).toEqual(
      invalid(/^Invalid value for 'new_name': Missing value/),
    );
    expect(errorOf(await m.post('registered-models/rename', { name: 'ghost', new_name: 'x' }))).toMatchObject({
      status: 404,
    });
  });

  it('PATCH update sets the description, and clears it when none is sent (as MLflow)', async () => {
    await newModel(m, 'described');
    const res = await call(m, 'PATCH', 'registered-models/update', {
      name: 'described',
      description: 'now with words',
    });
    expect((res.json.registered_model as RegisteredModelJson).description).toBe('now with words');
    expect((await readModel(m, 'described')).description).toBe('now with words');
    await call(m, 'PATCH', 'registered-models/update', { name: 'described' });
    expect((await readModel(m, 'described')).description).toBe('');
    expect(
      errorOf(await call(m, 'PATCH', 'registered-models/update', { name: 'ghost', description: 'x' })),
    ).toMatchObject({ status: 404 });
  });

  it('DELETE delete removes the model with its versions', async () => {
    await newModel(m, 'doomed');
    await newVersion(m, 'doomed');
    expect(await call(m, 'DELETE', 'registered-models/delete', { name: 'doomed' })).toMatchObject({
      status: 200,
      json: {},
    });
    expect(errorOf(await m.get('registered-models/get', { name: 'doomed' }))).toMatchObject({ status: 404 });
    expect(errorOf(await m.get('model-versions/get', { name: 'doomed', version: '1' }))).toMatchObject({ status: 404 });
    expect(errorOf(await call(m, 'DELETE', 'registered-models/delete', { name: 'doomed' }))).toMatchObject({
      status: 404,
      error_code: 'RESOURCE_DOES_NOT_EXIST',
    });
  });
});

describe('registered-model tags', () => {
  it('set overwrites, DELETE delete-tag removes, and deleting a missing tag is fine (MLflow’s SQL store)', async () => {
    await newModel(m, 'tagged');
    await m.post('registered-models/set-tag', { name: 'tagged', key: 'owner', value: 'ana' });
    expect(await m.post('registered-models/set-tag', { name: 'tagged', key: 'owner', value: 'bo' })).toMatchObject({
      status: 200,
      json: {},
    });
    expect((await readModel(m, 'tagged')).tags).toEqual([{ key: 'owner', value: 'bo' }]);
    expect(await call(m, 'DELETE', 'registered-models/delete-tag', { name: 'tagged', key: 'owner' })).toMatchObject({
      status: 200,
      json: {},
    });
    expect((await readModel(m, 'tagged')).tags).toBeUndefined();
    expect((await call(m, 'DELETE', 'registered-models/delete-tag', { name: 'tagged', key: 'owner' })).status).toBe(
      200,
    );
    expect(errorOf(await m.post('registered-models/set-tag', { name: 'ghost', key: 'k', value: 'v' }))).toMatchObject({
      status: 404,
    });
    expect(errorOf(await m.post('registered-models/set-tag', { name: 'tagged', key: '../up', value: 'v' }))).toEqual(
      invalid(/Invalid tag name/),
    );
    expect(errorOf(await call(m, 'DELETE', 'registered-models/delete-tag', { name: 'tagged' }))).toEqual(
      invalid(/^Invalid value for 'key': Missing value/),
    );
  });
});

describe('registered-models/get-latest-versions', () => {
  beforeAll(async () => {
    await newModel(m, 'latest');
    for (let i = 0; i < 5; i++) await newVersion(m, 'latest');
    await transition(m, 'latest', 1, 'Production');
    await transition(m, 'latest', 2, 'Production');
    await transition(m, 'latest', 3, 'Staging');
    await transition(m, 'latest', 4, 'Archived');
  });
  const versionsOf = (r: { json: Record<string, unknown> }) =>
    ((r.json.model_versions ?? []) as ModelVersionJson[]).map((v) => [v.version, v.current_stage]);

  it('answers POST and GET alike: the highest version per requested stage, names case-insensitive', async () => {
    const post = await m.post('registered-models/get-latest-versions', {
      name: 'latest',
      stages: ['production', 'STAGING'],
    });
    expect(versionsOf(post)).toEqual([
      ['2', 'Production'],
      ['3', 'Staging'],
    ]);
    const get = await m.get('registered-models/get-latest-versions', {
      name: 'latest',
      stages: ['Production', 'Staging'],
    });
    expect(get.json).toEqual(post.json);
    // A version registered without a run, tags or aliases leaves those fields out (unset in proto2).
    expect(Object.keys((post.json.model_versions as ModelVersionJson[])[0]!).sort()).toEqual(
      VERSION_FIELDS.filter((f) => !['aliases', 'tags', 'run_id'].includes(f)),
    );
  });

  it('with no stages, covers every stage including None and Archived', async () => {
    expect(versionsOf(await m.get('registered-models/get-latest-versions', { name: 'latest' }))).toEqual([
      ['2', 'Production'],
      ['3', 'Staging'],
      ['4', 'Archived'],
      ['5', 'None'],
    ]);
    expect(
      versionsOf(await m.get('registered-models/get-latest-versions', { name: 'latest', stages: 'Production' })),
    ).toEqual([['2', 'Production']]);
  });

  it('answers {} when no version holds a requested stage, 400 for a bad stage and 404 for an unknown model', async () => {
    await newModel(m, 'versionless');
    expect(await m.get('registered-models/get-latest-versions', { name: 'versionless' })).toMatchObject({
      status: 200,
      json: {},
    });
    expect(
      errorOf(await m.post('registered-models/get-latest-versions', { name: 'latest', stages: ['Prod'] })),
    ).toEqual(
      invalid(/Invalid Model Version stage: Prod\. Value must be one of None, Staging, Production, Archived\./),
    );
    expect(errorOf(await m.post('registered-models/get-latest-versions', { name: 'ghost' }))).toMatchObject({
      status: 404,
    });
  });
});
