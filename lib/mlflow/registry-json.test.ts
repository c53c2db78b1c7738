import { describe, expect, it } from 'vitest';
import { latestPerStage, modelVersionJson, registeredModelJson } from './registry-json';

const created = new Date('2024-05-01T12:00:00.000Z');
const row = (version: number, stage: string) => ({
  version,
  stage,
  description: '',
  source: `s3://models/churn/${version}`,
  runId: null,
  runLink: '',
  createdAt: created,
  updatedAt: new Date(created.getTime() + version),
});

describe('modelVersionJson', () => {
  it('writes the version as a string, times in epoch milliseconds, status READY, and leaves unset fields out', () => {
    const json = modelVersionJson('churn', row(3, 'Staging'));
    expect(json).toEqual({
      name: 'churn',
      version: '3',
      creation_timestamp: 1714564800000,
      last_updated_timestamp: 1714564800003,
      current_stage: 'Staging',
      description: '',
      source: 's3://models/churn/3',
      status: 'READY',
      run_link: '',
    });
    expect(JSON.parse(JSON.stringify(json))).not.toHaveProperty('run_id');
  });

  it('lists tags as key/value pairs and aliases as plain names (ModelVersion.aliases is repeated string)', () => {
    const json = modelVersionJson(
      'churn',
      { ...row(1, 'None'), runId: 'abc' },
      { tags: [{ key: 'qa', value: 'ok' }], aliases: ['champion'] },
    );
    expect(json).toMatchObject({ run_id: 'abc', tags: [{ key: 'qa', value: 'ok' }], aliases: ['champion'] });
  });
});

describe('latestPerStage', () => {
  it('keeps the highest version of each stage, None and Archived included, ordered by version', () => {
    const versions = [
      row(1, 'Archived'),
      row(2, 'Production'),
      row(3, 'Archived'),
      row(4, 'None'),
      row(5, 'None'),
      row(6, 'Staging'),
    ];
    expect(latestPerStage(versions).map((v) => [v.version, v.stage])).toEqual([
      [2, 'Production'],
      [3, 'Archived'],
      [5, 'None'],
      [6, 'Staging'],
    ]);
    expect(latestPerStage([...versions].reverse()).map((v) => v.version)).toEqual([2, 3, 5, 6]);
  });
});

describe('registeredModelJson', () => {
  it('writes alias versions as strings and leaves empty lists out', () => {
    const model = { name: 'churn', description: 'who leaves', createdAt: created, updatedAt: created };
    expect(registeredModelJson(model, { tags: [], aliases: [], latestVersions: [] })).toEqual({
      name: 'churn',
      creation_timestamp: 1714564800000,
      last_updated_timestamp: 1714564800000,
      description: 'who leaves',
    });
    const full = registeredModelJson(model, {
      tags: [{ key: 'team', value: 'growth' }],
      aliases: [{ alias: 'champion', version: 2 }],
      latestVersions: [modelVersionJson('churn', row(2, 'Production'))],
    });
    expect(full).toMatchObject({
      aliases: [{ alias: 'champion', version: '2' }],
      latest_versions: [{ version: '2', current_stage: 'Production' }],
    });
  });
});
