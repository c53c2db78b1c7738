// Contract tests of MLflow's model-version endpoints: shapes, numbering, sources, stages and tags.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getModelVersion, listModelTransitions } from '@/db/queries/registry';
import { type MlflowApp, errorOf, newRun, openMlflowApp } from './helpers/mlflow';
import {
  VERSION_FIELDS,
  type ModelVersionJson,
  call,
  invalid,
  missing,
  newModel,
  newVersion,
  readVersion,
  transition,
} from './helpers/mlflow-registry';

let m: MlflowApp;
let run: string;
beforeAll(async () => {
  m = await openMlflowApp();
  run = await newRun(m);
  await m.post('runs/log-batch', {
    run_id: run,
    metrics: [{ key: 'auc', value: 0.91, timestamp: 1 }],
    params: [{ key: 'depth', value: '6' }],
  });
  await newModel(m, 'fraud');
});
afterAll(() => m?.cleanup());

describe('model-versions/create and get', () => {
  it('numbers versions 1, 2, … as strings, READY at once, with every ModelVersion field', async () => {
    const res = await m.post('model-versions/create', {
      name: 'fraud',
      source: `runs:/${run}/model`,
      run_id: run,
      run_link: 'https://ci.example/runs/1',
      description: 'first cut',
      tags: [{ key: 'validated', value: 'yes' }],
    });
    expect(res.status).toBe(200);
    const v1 = res.json.model_version as ModelVersionJson;
    expect(v1).toEqual({
      name: 'fraud',
      version: '1',
      creation_timestamp: expect.any(Number),
      last_updated_timestamp: expect.any(Number),
      current_stage: 'None',
      description: 'first cut',
      source: `runs:/${run}/model`,
      run_id: run,
      status: 'READY',
      tags: [{ key: 'validated', value: 'yes' }],
      run_link: 'https://ci.example/runs/1',
    });
    const v2 = await newVersion(m, 'fraud');
    expect(v2.version).toBe('2');
    await m.post('registered-models/alias', { name: 'fraud', alias: 'candidate', version: '1' });
    const read = await readVersion(m, 'fraud', 1);
    expect(Object.keys(read).sort()).toEqual(VERSION_FIELDS);
    expect(read).toEqual({ ...v1, aliases: ['candidate'] });
    expect(await readVersion(m, 'fraud', 1)).toEqual(await readVersion(m, 'fraud', '1'));
  });

  it('snapshots the run’s metrics and params on the version for the registry pages', async () => {
    const v = await newVersion(m, 'fraud', { run_id: run });
    const { version } = await getModelVersion(m.db, m.project.id, 'fraud', Number(v.version));
    expect(version).toMatchObject({ metrics: { auc: 0.91 }, params: { depth: '6' } });
  });

  it.each([
    ['no source', { name: 'fraud' }, /^Invalid value for 'source': Missing value/],
    [
      'a local path',
      { name: 'fraud', source: '/tmp/model' },
      /^Invalid value for 'source': Invalid model version source: '\/tmp\/model'\. To use a local path/,
    ],
    ['a file: URI', { name: 'fraud', source: 'file:///etc/passwd' }, /To use a local path as a model version source/],
    [
      'a relative path in a URI',
      { name: 'fraud', source: 's3://bucket/models/../../secrets' },
      /an absolute path must be provided without relative path references/,
    ],
    [
      'an encoded relative path',
      { name: 'fraud', source: 'mlflow-artifacts:/x/%252E%252E/y' },
      /without relative path references/,
    ],
    ['no name', { source: 's3://b/m' }, /^Invalid value for 'name': Missing value/],
    [
      'a bad tag',
      { name: 'fraud', source: 's3://b/m', tags: [{ key: '', value: 'x' }] },
      /^Invalid value for 'tags\.0\.key'/,
    ],
  ])('refuses %s with 400 INVALID_PARAMETER_VALUE', async (_label, body, message) => {
    expect(errorOf(await m.post('model-versions/create', body))).toEqual(invalid(message));
  });

  it('answers 404 for an unknown model, an unknown run, or a run of another project', async () => {
    expect(errorOf(await m.post('model-versions/create', { name: 'ghost', source: 's3://b/m' }))).toEqual(
      missing(/^Registered Model with name=ghost not found/),
    );
    expect(
      errorOf(await m.post('model-versions/create', { name: 'fraud', source: 's3://b/m', run_id: 'feedface' })),
    ).toEqual(missing(/Run with id=feedface not found/));
    const foreign = await newRun(m, {}, m.tokens.other);
    expect(
      errorOf(await m.post('model-versions/create', { name: 'fraud', source: 's3://b/m', run_id: foreign })),
    ).toMatchObject({ status: 404 });
  });

  it('answers 404 for an unknown version and 400 for a version that is not a positive integer', async () => {
    expect(errorOf(await m.get('model-versions/get', { name: 'fraud', version: '99' }))).toEqual(
      missing(/^Model Version \(name=fraud, version=99\) not found/),
    );
    expect(errorOf(await m.get('model-versions/get', { name: 'fraud', version: 'one' }))).toEqual(
      invalid(/^Invalid value for 'version': expected an integer, got 'one'/),
    );
    expect(errorOf(await m.get('model-versions/get', { name: 'fraud', version: '99999999999' }))).toEqual(
      invalid(/^Invalid value for 'version': must be between 1 and 2147483647/),
    );
    expect(errorOf(await m.get('model-versions/get', { name: 'fraud' }))).toEqual(
      invalid(/^Invalid value for 'version': Missing value/),
    );
  });
});

describe('model-versions/update, delete and get-download-uri', () => {
  it('PATCH update sets the description (clearing it when none is sent) and moves last_updated_timestamp', async () => {
    const v = await newVersion(m, 'fraud', { description: 'draft' });
    const res = await call(m, 'PATCH', 'model-versions/update', {
      name: 'fraud',
      version: v.version,
      description: 'final',
    });
    const updated = res.json.model_version as ModelVersionJson;
    expect(updated).toMatchObject({ version: v.version, description: 'final' });
    expect(updated.last_updated_timestamp as number).toBeGreaterThanOrEqual(v.last_updated_timestamp as number);
    await call(m, 'PATCH', 'model-versions/update', { name: 'fraud', version: v.version });
    expect((await readVersion(m, 'fraud', v.version)).description).toBe('');
    expect(
      errorOf(await call(m, 'PATCH', 'model-versions/update', { name: 'fraud', version: '404', description: 'x' })),
    ).toMatchObject({ status: 404 });
  });

  it('DELETE delete removes the version and the aliases on it', async () => {
    const v = await newVersion(m, 'fraud');
    await m.post('registered-models/alias', { name: 'fraud', alias: 'doomed', version: v.version });
    expect(await call(m, 'DELETE', 'model-versions/delete', { name: 'fraud', version: v.version })).toMatchObject({
      status: 200,
      json: {},
    });
    expect(errorOf(await m.get('model-versions/get', { name: 'fraud', version: v.version }))).toMatchObject({
      status: 404,
    });
    expect(errorOf(await m.get('registered-models/alias', { name: 'fraud', alias: 'doomed' }))).toMatchObject({
      status: 400,
    });
    expect(
      errorOf(await call(m, 'DELETE', 'model-versions/delete', { name: 'fraud', version: v.version })),
    ).toMatchObject({ status: 404 });
  });

  it('never reuses a deleted version’s number (MLflow keeps numbers unique for models:/ URIs)', async () => {
    await newModel(m, 'renumbered');
    await newVersion(m, 'renumbered');
    const second = await newVersion(m, 'renumbered');
    await call(m, 'DELETE', 'model-versions/delete', { name: 'renumbered', version: second.version });
    expect((await newVersion(m, 'renumbered')).version).toBe('3');
  });

  it('get-download-uri answers the registered source', async () => {
    const v = await newVersion(m, 'fraud', { source: 'gs://bucket/fraud/7' });
    expect(await m.get('model-versions/get-download-uri', { name: 'fraud', version: v.version })).toMatchObject({
      status: 200,
      json: { artifact_uri: 'gs://bucket/fraud/7' },
    });
    expect(errorOf(await m.get('model-versions/get-download-uri', { name: 'fraud', version: '404' }))).toMatchObject({
      status: 404,
    });
  });
});

describe('model-versions/transition-stage', () => {
  beforeAll(async () => {
    await newModel(m, 'staged');
    for (let i = 0; i < 3; i++) await newVersion(m, 'staged');
  });

  it('takes stage names case-insensitively and answers the canonical one', async () => {
    expect((await transition(m, 'staged', 1, 'production')).current_stage).toBe('Production');
    expect((await transition(m, 'staged', 2, 'STAGING')).current_stage).toBe('Staging');
  });

  it('without archive_existing_versions leaves the other holders; with it, archives them', async () => {
    await transition(m, 'staged', 3, 'Production');
    expect((await readVersion(m, 'staged', 1)).current_stage).toBe('Production');
    const res = await m.post('model-versions/transition-stage', {
      name: 'staged',
      version: '2',
      stage: 'Production',
      archive_existing_versions: true,
    });
    expect((res.json.model_version as ModelVersionJson).current_stage).toBe('Production');
    expect((await readVersion(m, 'staged', 1)).current_stage).toBe('Archived');
    expect((await readVersion(m, 'staged', 3)).current_stage).toBe('Archived');
  });

  it('records every transition (who, from, to) on the model’s timeline', async () => {
    const { model } = await getModelVersion(m.db, m.project.id, 'staged', 2);
    const timeline = await listModelTransitions(m.db, model.id);
    expect(timeline[0]).toMatchObject({
      kind: 'promote',
      version: 2,
      fromStage: 'Staging',
      toStage: 'Production',
      userName: 'The editor',
    });
    expect(
      timeline
        .filter((e) => e.kind === 'archive')
        .map((e) => e.version)
        .sort(),
    ).toEqual([1, 3]);
  });

  it.each([
    [
      'an unknown stage',
      { stage: 'Prod' },
      /^Invalid value for 'stage': Invalid Model Version stage: Prod\. Value must be one of None, Staging, Production, Archived\./,
    ],
    ['no stage', { stage: '' }, /^Invalid value for 'stage': Missing value/],
    [
      'archiving into None',
      { stage: 'None', archive_existing_versions: true },
      /cannot archive existing model versions because 'None' is not an Active stage/,
    ],
    [
      'archiving into Archived',
      { stage: 'archived', archive_existing_versions: true },
      /because 'Archived' is not an Active stage\. Valid stages are \['Staging', 'Production'\]/,
    ],
    [
      'a non-boolean archive flag',
      { stage: 'Staging', archive_existing_versions: 'yes' },
      /^Invalid value for 'archive_existing_versions': expected a boolean/,
    ],
  ])('refuses %s with 400 INVALID_PARAMETER_VALUE and changes nothing', async (_label, fields, message) => {
    const before = await readVersion(m, 'staged', 3);
    expect(
      errorOf(await m.post('model-versions/transition-stage', { name: 'staged', version: '3', ...fields })),
    ).toEqual(invalid(message));
    expect(await readVersion(m, 'staged', 3)).toEqual(before);
  });

  it('answers 404 for an unknown version or model', async () => {
    expect(
      errorOf(await m.post('model-versions/transition-stage', { name: 'staged', version: '9', stage: 'Staging' })),
    ).toMatchObject({ status: 404 });
    expect(
      errorOf(await m.post('model-versions/transition-stage', { name: 'ghost', version: '1', stage: 'Staging' })),
    ).toMatchObject({ status: 404 });
  });
});

describe('model-version tags', () => {
  it('set overwrites, DELETE delete-tag removes, and deleting a missing tag is fine', async () => {
    const v = await newVersion(m, 'fraud');
    await m.post('model-versions/set-tag', { name: 'fraud', version: v.version, key: 'qa', value: 'pending' });
    expect(
      await m.post('model-versions/set-tag', { name: 'fraud', version: v.version, key: 'qa', value: 'passed' }),
    ).toMatchObject({ status: 200, json: {} });
    expect((await readVersion(m, 'fraud', v.version)).tags).toEqual([{ key: 'qa', value: 'passed' }]);
    expect(
      await call(m, 'DELETE', 'model-versions/delete-tag', { name: 'fraud', version: v.version, key: 'qa' }),
    ).toMatchObject({ status: 200, json: {} });
    expect((await readVersion(m, 'fraud', v.version)).tags).toBeUndefined();
    expect(
      (await call(m, 'DELETE', 'model-versions/delete-tag', { name: 'fraud', version: v.version, key: 'qa' })).status,
    ).toBe(200);
    expect(
      errorOf(await m.post('model-versions/set-tag', { name: 'fraud', version: '404', key: 'k', value: 'v' })),
    ).toMatchObject({ status: 404 });
    expect(
      errorOf(
        await m.post('model-versions/set-tag', {
          name: 'fraud',
          version: v.version,
          key: 'k',
          value: 'v'.repeat(8001),
        }),
      ),
    ).toEqual(invalid(/exceeded length limit of 8000/));
  });
});
