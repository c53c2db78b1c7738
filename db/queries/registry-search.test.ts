import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  parseModelFilter,
  parseModelOrderBy,
  parseVersionFilter,
  parseVersionOrderBy,
} from '@/lib/registry/search-filter';
import { type TestDb, openTestDb } from '../test-db';
import { getExperimentByName } from './experiments';
import { createProject } from './projects';
import {
  createModelVersion,
  createRegisteredModel,
  deleteModelVersion,
  setModelAlias,
  setModelVersionTag,
  setRegisteredModelTag,
} from './registry';
import { getVersionTagsAndAliases, searchModelVersionsPage, searchRegisteredModelsPage } from './registry-search';
import { createRun } from './runs';

let t: TestDb;
let projectId: string;
let otherId: string;
let runId: string;

beforeAll(async () => {
  t = await openTestDb();
  projectId = (await createProject(t.db, null, { slug: 'search', name: 'Search', problemStatement: '' }, null)).id;
  otherId = (await createProject(t.db, null, { slug: 'other', name: 'Other', problemStatement: '' }, null)).id;
  runId = (
    await createRun(t.db, null, projectId, { experimentId: (await getExperimentByName(t.db, projectId, 'Default')).id })
  ).id;
  for (const name of ['beta', 'alpha', 'gamma']) await createRegisteredModel(t.db, null, projectId, { name });
  await setRegisteredModelTag(t.db, projectId, 'gamma', { key: 'tier', value: 'gold' });
  await createModelVersion(t.db, null, projectId, { name: 'alpha', source: 's3://a/1', runId });
  await createModelVersion(t.db, null, projectId, { name: 'alpha', source: 's3://a/2' });
  await createModelVersion(t.db, null, projectId, { name: 'beta', source: 'gs://b/1', runId });
  await setModelVersionTag(t.db, projectId, 'alpha', 2, { key: 'qa', value: 'ok' });
  await setModelAlias(t.db, null, projectId, 'alpha', 'champion', 2);
  await createRegisteredModel(t.db, null, otherId, { name: 'alpha' });
  await createModelVersion(t.db, null, otherId, { name: 'alpha', source: 's3://other/1' });
}, 60_000);
afterAll(() => t.cleanup());

const models = (filter: string, order: string[] = [], limit = 100, offset = 0) =>
  searchRegisteredModelsPage(t.db, projectId, {
    clauses: parseModelFilter(filter),
    order: parseModelOrderBy(order),
    limit,
    offset,
  });
const versions = async (filter: string, order: string[] = [], limit = 100, offset = 0) => {
  const found = await searchModelVersionsPage(t.db, projectId, {
    clauses: parseVersionFilter(filter),
    order: parseVersionOrderBy(order),
    limit,
    offset,
  });
  return { labels: found.rows.map((r) => `${r.modelName}/${r.version.version}`), total: found.total };
};

describe('searchRegisteredModelsPage', () => {
  it('scopes to the project, orders by name, and counts every match for paging', async () => {
    const all = await models('');
    expect(all.models.map((m) => m.name)).toEqual(['alpha', 'beta', 'gamma']);
    expect(all.total).toBe(3);
    const page = await models('', ['name DESC'], 1, 1);
    expect(page).toMatchObject({ total: 3, models: [expect.objectContaining({ name: 'beta' })] });
  });

  it('applies name and tag clauses as bound parameters', async () => {
    expect((await models("name LIKE '%a'")).models.map((m) => m.name)).toEqual(['alpha', 'beta', 'gamma']);
    expect((await models("tags.tier = 'gold'")).models.map((m) => m.name)).toEqual(['gamma']);
    expect((await models(`name = "alpha' or '1'='1"`)).total).toBe(0);
  });
});

describe('searchModelVersionsPage', () => {
  it('joins each version to its model’s name and never crosses projects', async () => {
    const found = await versions('', ['name', 'version_number']);
    expect(found).toEqual({ labels: ['alpha/1', 'alpha/2', 'beta/1'], total: 3 });
  });

  it('filters by run, source, version number and tags', async () => {
    expect((await versions(`run_id = '${runId}'`, ['name'])).labels).toEqual(['alpha/1', 'beta/1']);
    expect((await versions(`run_id IN ('${runId}', 'nope') and name = 'beta'`)).labels).toEqual(['beta/1']);
    expect((await versions("source_path LIKE 's3://%'")).labels.sort()).toEqual(['alpha/1', 'alpha/2']);
    expect((await versions('version_number > 1')).labels).toEqual(['alpha/2']);
    expect((await versions('version_number < 3000000000')).total).toBe(3);
    expect((await versions("tags.qa = 'ok'")).labels).toEqual(['alpha/2']);
  });

  it('breaks ties by name ascending, then version descending', async () => {
    expect((await versions('', ['creation_timestamp DESC'], 100)).labels.length).toBe(3);
    expect((await versions("name = 'alpha'", [])).labels).toEqual(['alpha/2', 'alpha/1']);
  });
});

describe('getVersionTagsAndAliases', () => {
  it('groups tags and alias names by version id', async () => {
    const found = await searchModelVersionsPage(t.db, projectId, {
      clauses: parseVersionFilter("name = 'alpha'"),
      order: parseVersionOrderBy(['version_number']),
      limit: 10,
      offset: 0,
    });
    const [v1, v2] = found.rows.map((r) => r.version.id);
    const extras = await getVersionTagsAndAliases(t.db, [v1!, v2!]);
    expect(extras.tags.get(v2!)).toEqual([{ key: 'qa', value: 'ok' }]);
    expect(extras.aliases.get(v2!)).toEqual(['champion']);
    expect(extras.tags.get(v1!)).toBeUndefined();
  });
});

describe('version numbers', () => {
  it('are never reissued after a delete, even of the highest one', async () => {
    await createRegisteredModel(t.db, null, projectId, { name: 'renumbered' });
    await createModelVersion(t.db, null, projectId, { name: 'renumbered', source: 's3://r/1' });
    await createModelVersion(t.db, null, projectId, { name: 'renumbered', source: 's3://r/2' });
    await deleteModelVersion(t.db, null, projectId, 'renumbered', 2);
    expect(
      (await createModelVersion(t.db, null, projectId, { name: 'renumbered', source: 's3://r/3' })).version.version,
    ).toBe(3);
  });
});
