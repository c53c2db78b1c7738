import { describe, expect, it } from 'vitest';
import { DomainError } from '../errors';
import {
  decodePageToken,
  encodePageToken,
  experimentJson,
  metricJson,
  protoDouble,
  runInfoJson,
  runJson,
} from './json';

// Field names of service.proto's RunInfo, Experiment, Metric, RunData, RunInputs, DatasetInput, Dataset.
const RUN_INFO_FIELDS = [
  'artifact_uri',
  'end_time',
  'experiment_id',
  'lifecycle_stage',
  'run_id',
  'run_name',
  'run_uuid',
  'start_time',
  'status',
  'user_id',
];
const EXPERIMENT_FIELDS = [
  'artifact_location',
  'creation_time',
  'experiment_id',
  'last_update_time',
  'lifecycle_stage',
  'name',
  'tags',
];

const run = {
  id: '2a14ed5c6a87499199e0106c3501eab8',
  name: 'brisk-heron-417',
  experimentId: 12,
  userId: 'alice',
  status: 'FINISHED',
  startTime: 1552550804000,
  endTime: 1552550904000,
  artifactUri: 'mlflow-artifacts:/tracking/12/2a14ed5c6a87499199e0106c3501eab8/artifacts',
  lifecycleStage: 'active',
};

describe('runInfoJson', () => {
  it('has exactly RunInfo’s fields, ids as strings, times as numbers and run_uuid beside run_id', () => {
    const info = runInfoJson(run);
    expect(Object.keys(info).sort()).toEqual(RUN_INFO_FIELDS);
    expect(info).toMatchObject({
      run_id: run.id,
      run_uuid: run.id,
      experiment_id: '12',
      status: 'FINISHED',
      start_time: 1552550804000,
      end_time: 1552550904000,
    });
  });
  it('leaves end_time out while the run has not ended (an unset proto2 field)', () => {
    const info = runInfoJson({ ...run, status: 'RUNNING', endTime: null });
    expect(info).not.toHaveProperty('end_time');
    expect(JSON.parse(JSON.stringify(info))).not.toHaveProperty('end_time');
  });
});

describe('experimentJson', () => {
  it('has Experiment’s fields with epoch-millisecond times', () => {
    const created = new Date('2024-03-01T10:00:00.000Z');
    const json = experimentJson(
      {
        id: 7,
        name: 'churn',
        artifactLocation: 'mlflow-artifacts:/tracking/7',
        lifecycleStage: 'active',
        createdAt: created,
        updatedAt: new Date(created.getTime() + 5),
      },
      [{ key: 'team', value: 'growth' }],
    );
    expect(Object.keys(json).sort()).toEqual(EXPERIMENT_FIELDS);
    expect(json).toEqual({
      experiment_id: '7',
      name: 'churn',
      artifact_location: 'mlflow-artifacts:/tracking/7',
      lifecycle_stage: 'active',
      creation_time: 1709287200000,
      last_update_time: 1709287200005,
      tags: [{ key: 'team', value: 'growth' }],
    });
  });
  it('omits an empty tag list, as proto JSON omits empty repeated fields', () => {
    const json = experimentJson({
      id: 1,
      name: 'Default',
      artifactLocation: 'a',
      lifecycleStage: 'active',
      createdAt: new Date(0),
      updatedAt: new Date(0),
    });
    expect(json).not.toHaveProperty('tags');
  });
});

describe('doubles', () => {
  it('writes NaN and infinities as proto JSON strings, finite values as numbers', () => {
    expect([Number.NaN, Infinity, -Infinity, 0.25, -0].map(protoDouble)).toEqual([
      'NaN',
      'Infinity',
      '-Infinity',
      0.25,
      -0,
    ]);
    expect(metricJson({ key: 'loss', value: Number.NaN, timestamp: 1, step: 2 })).toEqual({
      key: 'loss',
      value: 'NaN',
      timestamp: 1,
      step: 2,
    });
  });
});

describe('runJson', () => {
  it('nests info, data and inputs as service.proto’s Run', () => {
    const json = runJson(
      run,
      {
        params: [{ key: 'lr', value: '0.01' }],
        tags: [{ key: 'mlflow.runName', value: run.name }],
        metrics: [{ key: 'rmse', value: 2.7, timestamp: 1552550804, step: 0 }],
      },
      [
        {
          tags: [{ key: 'mlflow.data.context', value: 'training' }],
          dataset: {
            name: 'taxi',
            digest: 'abc123',
            sourceType: 'local',
            source: '{"uri": "/data/taxi.csv"}',
            schema: null,
            profile: '{"num_rows": 10}',
          },
        },
      ],
    );
    expect(json).toEqual({
      info: runInfoJson(run),
      data: {
        metrics: [{ key: 'rmse', value: 2.7, timestamp: 1552550804, step: 0 }],
        params: [{ key: 'lr', value: '0.01' }],
        tags: [{ key: 'mlflow.runName', value: run.name }],
      },
      inputs: {
        dataset_inputs: [
          {
            tags: [{ key: 'mlflow.data.context', value: 'training' }],
            dataset: {
              name: 'taxi',
              digest: 'abc123',
              source_type: 'local',
              source: '{"uri": "/data/taxi.csv"}',
              profile: '{"num_rows": 10}',
            },
          },
        ],
      },
    });
  });
  it('gives empty data and inputs as {} (never null)', () => {
    expect(runJson(run, { params: [], tags: [], metrics: [] })).toEqual({
      info: runInfoJson(run),
      data: {},
      inputs: {},
    });
  });
});

describe('page tokens', () => {
  it('round-trip an offset as base64 JSON, like MLflow’s {"offset": n}', () => {
    const token = encodePageToken(1000);
    expect(JSON.parse(Buffer.from(token, 'base64').toString('utf8'))).toEqual({ offset: 1000 });
    expect(decodePageToken(token)).toBe(1000);
    // MLflow's own SearchUtils.create_page_token(2) — json.dumps puts a space after the colon.
    expect(decodePageToken(Buffer.from('{"offset": 2}').toString('base64'))).toBe(2);
  });
  it('treats a missing token as the first page', () => {
    expect(decodePageToken(undefined)).toBe(0);
    expect(decodePageToken('')).toBe(0);
  });
  it.each([
    'not base64!',
    Buffer.from('not json').toString('base64'),
    encodePageToken(-5),
    Buffer.from('{"offset":"x"}').toString('base64'),
    Buffer.from('[]').toString('base64'),
  ])('refuses the malformed token %j as invalid input', (token) => {
    expect(() => decodePageToken(token)).toThrow(DomainError);
    expect(() => decodePageToken(token)).toThrow(/Invalid page token/);
  });
});
