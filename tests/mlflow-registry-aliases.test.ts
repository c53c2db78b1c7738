// Contract tests of MLflow's registered-model aliases: POST / GET / DELETE registered-models/alias.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getRegisteredModel, listModelTransitions } from '@/db/queries/registry';
import { type MlflowApp, errorOf, openMlflowApp } from './helpers/mlflow';
import {
  type ModelVersionJson,
  call,
  invalid,
  newModel,
  newVersion,
  readModel,
  readVersion,
} from './helpers/mlflow-registry';

let m: MlflowApp;
beforeAll(async () => {
  m = await openMlflowApp();
  await newModel(m, 'ranker');
  for (let i = 0; i < 3; i++) await newVersion(m, 'ranker');
});
afterAll(() => m?.cleanup());

const byAlias = (alias: string, name = 'ranker') => m.get('registered-models/alias', { name, alias });

describe('setting and reading an alias', () => {
  it('points the alias at one version: {} on set, the version (listing the alias) on get', async () => {
    expect(await m.post('registered-models/alias', { name: 'ranker', alias: 'champion', version: '1' })).toMatchObject({
      status: 200,
      json: {},
    });
    const res = await byAlias('champion');
    expect(res.status).toBe(200);
    expect(res.json.model_version).toMatchObject({
      name: 'ranker',
      version: '1',
      status: 'READY',
      aliases: ['champion'],
    });
    expect((await readModel(m, 'ranker')).aliases).toEqual([{ alias: 'champion', version: '1' }]);
  });

  it('moves the alias when set again, and a version may hold several aliases', async () => {
    await m.post('registered-models/alias', { name: 'ranker', alias: 'champion', version: 2 });
    await m.post('registered-models/alias', { name: 'ranker', alias: 'blue-green_2', version: '2' });
    expect(((await byAlias('champion')).json.model_version as ModelVersionJson).version).toBe('2');
    expect((await readVersion(m, 'ranker', 1)).aliases).toBeUndefined();
    expect((await readVersion(m, 'ranker', 2)).aliases).toEqual(['blue-green_2', 'champion']);
    expect((await readModel(m, 'ranker')).aliases).toEqual([
      { alias: 'blue-green_2', version: '2' },
      { alias: 'champion', version: '2' },
    ]);
  });

  it('keeps each change on the model’s timeline', async () => {
    const model = await getRegisteredModel(m.db, m.project.id, 'ranker');
    const aliasEvents = (await listModelTransitions(m.db, model.id)).filter((e) => e.alias === 'champion');
    expect(aliasEvents.map((e) => [e.kind, e.version])).toEqual([
      ['alias', 2],
      ['alias', 1],
    ]);
  });

  it.each([
    ['latest', "'latest' alias name (case insensitive) is reserved."],
    ['LaTeSt', "'latest' alias name (case insensitive) is reserved."],
    ['v1', "Version alias name 'v1' is reserved."],
    ['V12', "Version alias name 'V12' is reserved."],
    [
      'two words',
      "Invalid alias name: 'two words'. Names may only contain alphanumerics, underscores (_), and dashes (-).",
    ],
    [
      'dotted.name',
      "Invalid alias name: 'dotted.name'. Names may only contain alphanumerics, underscores (_), and dashes (-).",
    ],
    ['a'.repeat(256), "'Registered model alias name' exceeds the maximum length of 255 characters"],
  ])('refuses the alias %j with 400 INVALID_PARAMETER_VALUE', async (alias, message) => {
    expect(errorOf(await m.post('registered-models/alias', { name: 'ranker', alias, version: '1' }))).toEqual(
      invalid(`Invalid value for 'alias': ${message}`),
    );
  });

  it('accepts the boundary cases MLflow accepts: "v1x", "latest-2", 255 characters', async () => {
    for (const alias of ['v1x', 'latest-2', 'b'.repeat(255)]) {
      expect((await m.post('registered-models/alias', { name: 'ranker', alias, version: '3' })).status, alias).toBe(
        200,
      );
    }
  });

  it('answers 404 for an unknown version or model, 400 without alias or version', async () => {
    expect(
      errorOf(await m.post('registered-models/alias', { name: 'ranker', alias: 'x', version: '9' })),
    ).toMatchObject({ status: 404, error_code: 'RESOURCE_DOES_NOT_EXIST' });
    expect(errorOf(await m.post('registered-models/alias', { name: 'ghost', alias: 'x', version: '1' }))).toMatchObject(
      { status: 404 },
    );
    expect(errorOf(await m.post('registered-models/alias', { name: 'ranker', version: '1' }))).toEqual(
      invalid(/^Invalid value for 'alias': Missing value/),
    );
    expect(errorOf(await m.post('registered-models/alias', { name: 'ranker', alias: 'x' }))).toEqual(
      invalid(/^Invalid value for 'version': Missing value/),
    );
  });

  it('answers an unknown alias with 400 INVALID_PARAMETER_VALUE, as MLflow does, and an unknown model with 404', async () => {
    expect(errorOf(await byAlias('nobody'))).toEqual(invalid('Registered model alias nobody not found.'));
    expect(errorOf(await byAlias('champion', 'ghost'))).toMatchObject({
      status: 404,
      error_code: 'RESOURCE_DOES_NOT_EXIST',
    });
    expect(errorOf(await byAlias('latest'))).toEqual(invalid(/reserved/));
  });
});

describe('deleting an alias', () => {
  it('DELETE removes it from the model and the version; deleting a missing alias is fine', async () => {
    await m.post('registered-models/alias', { name: 'ranker', alias: 'shadow', version: '3' });
    expect(await call(m, 'DELETE', 'registered-models/alias', { name: 'ranker', alias: 'shadow' })).toMatchObject({
      status: 200,
      json: {},
    });
    expect(errorOf(await byAlias('shadow'))).toMatchObject({ status: 400 });
    expect((await readModel(m, 'ranker')).aliases?.map((a) => a.alias)).not.toContain('shadow');
    expect(await call(m, 'DELETE', 'registered-models/alias', { name: 'ranker', alias: 'shadow' })).toMatchObject({
      status: 200,
      json: {},
    });
  });

  it('answers 404 for an unknown model and 400 for a reserved name', async () => {
    expect(
      errorOf(await call(m, 'DELETE', 'registered-models/alias', { name: 'ghost', alias: 'champion' })),
    ).toMatchObject({ status: 404 });
    expect(errorOf(await call(m, 'DELETE', 'registered-models/alias', { name: 'ranker', alias: 'v2' }))).toEqual(
      invalid(/reserved/),
    );
  });
});
