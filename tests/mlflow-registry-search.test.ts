// Contract tests of registered-models/search and model-versions/search: filters, order_by, paging.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type MlflowApp, errorOf, newRun, openMlflowApp } from './helpers/mlflow';
import {
  type ModelVersionJson,
  type RegisteredModelJson,
  call,
  invalid,
  newModel,
  newVersion,
} from './helpers/mlflow-registry';

let m: MlflowApp;
let runA: string;
let runB: string;
beforeAll(async () => {
  m = await openMlflowApp();
  runA = await newRun(m);
  runB = await newRun(m);
  await newModel(m, 'churn-xgb', { tags: [{ key: 'team', value: 'growth' }] });
  await newModel(m, 'churn-lr', { tags: [{ key: 'team', value: 'growth' }] });
  await newModel(m, 'fraud-net', { tags: [{ key: 'team', value: 'risk' }] });
  await newModel(m, 'forecast');
  await newVersion(m, 'churn-xgb', { run_id: runA, source: 's3://models/churn/1' });
  await newVersion(m, 'churn-xgb', {
    run_id: runB,
    source: 's3://models/churn/2',
    tags: [{ key: 'qa', value: 'passed' }],
  });
  await newVersion(m, 'churn-xgb', { source: 's3://models/churn/3' });
  await newVersion(m, 'fraud-net', { run_id: runA, source: 'gs://fraud/1' });
  await newModel(m, 'elsewhere-model', {}, m.tokens.other);
  await newVersion(m, 'elsewhere-model', {}, m.tokens.other);
});
afterAll(() => m?.cleanup());

const names = (r: { json: Record<string, unknown> }) =>
  ((r.json.registered_models ?? []) as RegisteredModelJson[]).map((x) => x.name);
const versions = (r: { json: Record<string, unknown> }) =>
  ((r.json.model_versions ?? []) as ModelVersionJson[]).map((v) => `${v.name}/${v.version}`);
const searchModels = (query: Record<string, string | number | string[]>) => m.get('registered-models/search', query);
const searchVersions = (query: Record<string, string | number | string[]>) => m.get('model-versions/search', query);

describe('registered-models/search', () => {
  it('lists the project’s models by name (ascending by default), never another project’s', async () => {
    const res = await searchModels({});
    expect(res.status).toBe(200);
    expect(names(res)).toEqual(['churn-lr', 'churn-xgb', 'forecast', 'fraud-net']);
    expect(res.json).not.toHaveProperty('next_page_token');
    expect((res.json.registered_models as RegisteredModelJson[])[1]!.latest_versions?.map((v) => v.version)).toEqual([
      '3',
    ]);
  });

  it.each([
    ["name LIKE '%churn%'", ['churn-lr', 'churn-xgb']],
    ["name = 'fraud-net'", ['fraud-net']],
    ["name='fraud-net'", ['fraud-net']],
    ["name != 'fraud-net'", ['churn-lr', 'churn-xgb', 'forecast']],
    ["name LIKE 'F%'", []],
    ["name ILIKE 'F%'", ['forecast', 'fraud-net']],
    ["tags.team = 'growth'", ['churn-lr', 'churn-xgb']],
    ["tags.team = 'growth' and name LIKE '%xgb'", ['churn-xgb']],
    ["name = 'elsewhere-model'", []],
  ])('filters %s', async (filter, expected) => {
    expect(names(await searchModels({ filter }))).toEqual(expected);
  });

  it('orders by name or last_updated_timestamp, ties by name', async () => {
    expect(names(await searchModels({ order_by: 'name DESC' }))).toEqual([
      'fraud-net',
      'forecast',
      'churn-xgb',
      'churn-lr',
    ]);
    await call(m, 'PATCH', 'registered-models/update', { name: 'churn-lr', description: 'touched last' });
    expect(names(await searchModels({ order_by: 'last_updated_timestamp DESC' }))[0]).toBe('churn-lr');
    expect(names(await searchModels({ order_by: ['timestamp ASC'] })).at(-1)).toBe('churn-lr');
  });

  it('pages with max_results and page_token until no token comes back', async () => {
    const seen: string[] = [];
    let token: string | undefined;
    do {
      const res = await searchModels({ max_results: 3, ...(token ? { page_token: token } : {}) });
      seen.push(...names(res));
      token = res.json.next_page_token as string | undefined;
    } while (token);
    expect(seen).toEqual(['churn-lr', 'churn-xgb', 'forecast', 'fraud-net']);
  });

  it.each([
    ['an unknown attribute', { filter: "owner = 'x'" }, /^Invalid filter: Invalid attribute key 'owner'/],
    ['OR', { filter: "name = 'a' OR name = 'b'" }, /^Invalid filter: OR is not supported/],
    ['an unquoted value', { filter: 'name = churn' }, /^Invalid filter: Expected a quoted string/],
    ['a numeric comparator on name', { filter: "name > 'a'" }, /^Invalid filter: Invalid comparator '>' for name/],
    [
      'an unknown order key',
      { order_by: 'version_number' },
      /^Invalid order_by: Invalid order by key 'version_number'/,
    ],
    [
      'a duplicate order key',
      { order_by: ['name', 'name DESC'] },
      /^Invalid order_by: `order_by` contains duplicate fields/,
    ],
    ['max_results over 1000', { max_results: 1001 }, /^Invalid value for 'max_results': must be between 1 and 1000/],
    ['a malformed page token', { page_token: '!!' }, /Invalid page token/],
  ])('refuses %s with 400 INVALID_PARAMETER_VALUE', async (_label, query, message) => {
    expect(errorOf(await searchModels(query))).toEqual(invalid(message));
  });
});

describe('model-versions/search', () => {
  it('without a filter lists every version of the project: newest update first, then name, then version descending', async () => {
    const res = await searchVersions({});
    expect(res.status).toBe(200);
    expect(versions(res)).toEqual(['fraud-net/1', 'churn-xgb/3', 'churn-xgb/2', 'churn-xgb/1']);
  });

  it.each([
    ["name = 'churn-xgb'", ['churn-xgb/3', 'churn-xgb/2', 'churn-xgb/1']],
    ["name='fraud-net'", ['fraud-net/1']],
    ["name LIKE 'churn%' AND version_number >= 2", ['churn-xgb/3', 'churn-xgb/2']],
    ['version_number = 1', ['fraud-net/1', 'churn-xgb/1']],
    ["source_path LIKE 'gs://%'", ['fraud-net/1']],
    ["tags.qa = 'passed'", ['churn-xgb/2']],
    ["name = 'elsewhere-model'", []],
    ['version_number = 99999999999', []],
  ])('filters %s', async (filter, expected) => {
    expect(versions(await searchVersions({ filter }))).toEqual(expected);
  });

  it("filters run_id = '…' and run_id IN (…)", async () => {
    expect(versions(await searchVersions({ filter: `run_id = '${runA}'` }))).toEqual(['fraud-net/1', 'churn-xgb/1']);
    expect(
      versions(await searchVersions({ filter: `run_id IN ('${runA}', '${runB}') and name = 'churn-xgb'` })),
    ).toEqual(['churn-xgb/2', 'churn-xgb/1']);
  });

  it('orders by name, version_number, creation_timestamp or last_updated_timestamp', async () => {
    expect(versions(await searchVersions({ order_by: ['name ASC', 'version_number ASC'] }))).toEqual([
      'churn-xgb/1',
      'churn-xgb/2',
      'churn-xgb/3',
      'fraud-net/1',
    ]);
    expect(versions(await searchVersions({ order_by: 'creation_timestamp ASC' }))).toEqual([
      'churn-xgb/1',
      'churn-xgb/2',
      'churn-xgb/3',
      'fraud-net/1',
    ]);
    await m.post('model-versions/transition-stage', { name: 'churn-xgb', version: '1', stage: 'Staging' });
    expect(versions(await searchVersions({ order_by: 'last_updated_timestamp DESC' }))[0]).toBe('churn-xgb/1');
  });

  it('pages with max_results and page_token', async () => {
    const first = await searchVersions({ max_results: 3, order_by: ['name', 'version_number'] });
    expect(versions(first)).toEqual(['churn-xgb/1', 'churn-xgb/2', 'churn-xgb/3']);
    const second = await searchVersions({
      max_results: 3,
      order_by: ['name', 'version_number'],
      page_token: first.json.next_page_token as string,
    });
    expect(versions(second)).toEqual(['fraud-net/1']);
    expect(second.json).not.toHaveProperty('next_page_token');
  });

  it.each([
    ['an unknown attribute', { filter: "stage = 'Production'" }, /^Invalid filter: Invalid attribute key 'stage'/],
    ['IN on name', { filter: "name IN ('a')" }, /^Invalid filter: Invalid comparator 'IN' for name/],
    [
      'a fractional version',
      { filter: 'version_number = 1.5' },
      /^Invalid filter: Expected an integer for version_number/,
    ],
    ['an unterminated IN list', { filter: "run_id IN ('a'" }, /^Invalid filter: Expected ',' or '\)'/],
    ['an unknown order key', { order_by: 'stage' }, /^Invalid order_by: Invalid order by key 'stage'/],
    ['max_results of 0', { max_results: 0 }, /^Invalid value for 'max_results': must be between 1 and 200000/],
  ])('refuses %s with 400 INVALID_PARAMETER_VALUE', async (_label, query, message) => {
    expect(errorOf(await searchVersions(query))).toEqual(invalid(message));
  });
});
