import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { describeZodError } from '../validation';
import {
  aliasProblem,
  createModelVersionRequest,
  getLatestVersionsRequest,
  modelSourceProblem,
  modelVersionRequest,
  setAliasRequest,
  transitionStageRequest,
} from './registry-schemas';

function parse<S extends z.ZodType>(
  schema: S,
  input: unknown,
): { ok: true; data: z.output<S> } | { ok: false; message: string } {
  const r = schema.safeParse(input);
  return r.success ? { ok: true, data: r.data } : { ok: false, message: describeZodError(r.error).message };
}

describe('versions', () => {
  it('accept strings of digits and JSON numbers, as MLflow’s string field does', () => {
    expect(parse(modelVersionRequest, { name: 'm', version: '7' })).toEqual({
      ok: true,
      data: { name: 'm', version: 7 },
    });
    expect(parse(modelVersionRequest, { name: 'm', version: 7 })).toEqual({
      ok: true,
      data: { name: 'm', version: 7 },
    });
  });

  it('refuse what is not a 32-bit positive integer', () => {
    expect(parse(modelVersionRequest, { name: 'm', version: '1.5' })).toEqual({
      ok: false,
      message: "Invalid value for 'version': expected an integer, got '1.5'.",
    });
    expect(parse(modelVersionRequest, { name: 'm', version: 2 ** 31 })).toMatchObject({
      ok: false,
      message: expect.stringMatching(/between 1 and 2147483647/),
    });
  });

  it('decode a double-encoded body like the tracking endpoints', () => {
    expect(parse(modelVersionRequest, JSON.stringify({ name: 'm', version: '2' }))).toEqual({
      ok: true,
      data: { name: 'm', version: 2 },
    });
  });
});

describe('stages', () => {
  it('are read case-insensitively into their canonical names', () => {
    expect(
      parse(getLatestVersionsRequest, { name: 'm', stages: ['production', 'STAGING', 'none', 'Archived'] }),
    ).toEqual({
      ok: true,
      data: { name: 'm', stages: ['Production', 'Staging', 'None', 'Archived'] },
    });
    expect(parse(getLatestVersionsRequest, { name: 'm', stages: 'staging' })).toMatchObject({
      ok: true,
      data: { stages: ['Staging'] },
    });
  });

  it('refuse an unknown stage with MLflow’s message', () => {
    expect(parse(transitionStageRequest, { name: 'm', version: '1', stage: 'prod' })).toEqual({
      ok: false,
      message:
        "Invalid value for 'stage': Invalid Model Version stage: prod. Value must be one of None, Staging, Production, Archived.",
    });
  });

  it('allow archive_existing_versions only into Staging or Production, as a boolean or "true"/"false"', () => {
    expect(
      parse(transitionStageRequest, {
        name: 'm',
        version: '1',
        stage: 'production',
        archive_existing_versions: 'true',
      }),
    ).toMatchObject({
      ok: true,
      data: { stage: 'Production', archive_existing_versions: true },
    });
    expect(
      parse(transitionStageRequest, { name: 'm', version: '1', stage: 'None', archive_existing_versions: false }),
    ).toMatchObject({ ok: true });
    expect(
      parse(transitionStageRequest, { name: 'm', version: '1', stage: 'none', archive_existing_versions: true }),
    ).toMatchObject({
      ok: false,
      message: expect.stringMatching(/^Invalid value for 'archive_existing_versions': .*'None' is not an Active stage/),
    });
  });
});

describe('aliasProblem', () => {
  it.each([
    ['champion', null],
    ['blue_green-2', null],
    ['größe', null],
    ['v1beta', null],
    ['latest', "'latest' alias name (case insensitive) is reserved."],
    ['v10', "Version alias name 'v10' is reserved."],
    [
      'has space',
      "Invalid alias name: 'has space'. Names may only contain alphanumerics, underscores (_), and dashes (-).",
    ],
  ])('%j → %j', (alias, problem) => {
    expect(aliasProblem(alias)).toBe(problem);
  });

  it('is applied to the alias field, and an empty alias is missing', () => {
    expect(parse(setAliasRequest, { name: 'm', alias: '', version: '1' })).toMatchObject({
      ok: false,
      message: expect.stringMatching(/^Invalid value for 'alias': Missing value/),
    });
  });
});

describe('modelSourceProblem', () => {
  it.each([
    'runs:/0a1b/model',
    's3://bucket/models/churn',
    'models:/churn/3',
    'mlflow-artifacts:/12/abc/artifacts/model',
    'https://host/api/2.0/mlflow-artifacts/artifacts/x',
  ])('accepts %s', (source) => {
    expect(modelSourceProblem(source)).toBeNull();
  });

  it.each([
    ['/abs/local/path', /To use a local path/],
    ['relative/dir', /To use a local path/],
    ['file:///tmp/m', /To use a local path/],
    ['s3://bucket/a/../b', /without relative path references/],
    ['s3://bucket/a/./b', /without relative path references/],
    ['http://host/x/%2E%2E/y', /without relative path references/],
    ['mlflow-artifacts://host/%252e%252e/etc', /without relative path references/],
  ])('refuses %s', (source, message) => {
    expect(modelSourceProblem(source)).toMatch(message);
  });

  it('is applied to create’s source', () => {
    expect(parse(createModelVersionRequest, { name: 'm', source: 'model' })).toMatchObject({
      ok: false,
      message: expect.stringMatching(/^Invalid value for 'source': Invalid model version source: 'model'/),
    });
  });
});
