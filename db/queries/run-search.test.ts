import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseSearchFilter } from '@/lib/tracking/search-filter';
import { type TestDb, openTestDb } from '../test-db';
import { createProject } from './projects';
import { getExperimentByName } from './experiments';
import { listRecentRunKeys, searchRuns } from './run-search';
import { createRun, logBatch } from './runs';
import { createUser } from './users';

let t: TestDb;
let projectId: string;
let experimentId: number;
const actor = { id: '', isAdmin: true };

beforeAll(async () => {
  t = await openTestDb();
  const user = await createUser(t.db, null, { email: 'num@example.com', name: 'Num', password: 'password-1' });
  actor.id = user.id;
  const project = await createProject(t.db, actor, { slug: 'numeric', name: 'Numeric', problemStatement: '' });
  projectId = project.id;
  experimentId = (await getExperimentByName(t.db, projectId, 'Default')).id;
  // Logged in the order 6, 3, 12, then a run whose depth is text and one without a depth.
  for (const [i, depth] of ['6', '3', '12', 'auto', null].entries()) {
    const run = await createRun(t.db, actor, projectId, {
      experimentId,
      runName: `depth-${depth}`,
      startTime: 1000 + i,
    });
    await logBatch(t.db, projectId, run.id, {
      params: depth === null ? [{ key: 'other', value: 'x' }] : [{ key: 'depth', value: depth }],
      metrics: [{ key: i < 2 ? 'old_metric' : 'new_metric', value: i, timestamp: 10_000 + i, step: 0 }],
    });
  }
});
afterAll(() => t.cleanup());

const names = (r: Awaited<ReturnType<typeof searchRuns>>) => r.runs.map((x) => x.name);
const byDepth = (ascending: boolean, numericParams: boolean) =>
  searchRuns(t.db, projectId, {
    sort: [{ type: 'param', key: 'depth', ascending }],
    numericParams,
    limit: 10,
  });

describe('numeric params in the runs table', () => {
  it('sorts numbers as numbers (3, 6, 12), then text, then runs without the param', async () => {
    expect(names(await byDepth(true, true))).toEqual(['depth-3', 'depth-6', 'depth-12', 'depth-auto', 'depth-null']);
    expect(names(await byDepth(false, true))).toEqual(['depth-12', 'depth-6', 'depth-3', 'depth-auto', 'depth-null']);
  });

  it('keeps MLflow text order for the MLflow search (12 before 3)', async () => {
    expect(names(await byDepth(true, false))).toEqual(['depth-12', 'depth-3', 'depth-6', 'depth-auto', 'depth-null']);
    const viaOrderBy = await searchRuns(t.db, projectId, { orderBy: ['params.depth ASC'], limit: 10 });
    expect(names(viaOrderBy).slice(0, 3)).toEqual(['depth-12', 'depth-3', 'depth-6']);
  });

  it('filters params against a number numerically, leaving text values out', async () => {
    const above = await searchRuns(t.db, projectId, {
      clauses: parseSearchFilter('params.depth > 5', { numericParams: true }),
      sort: [{ type: 'param', key: 'depth', ascending: true }],
      numericParams: true,
      limit: 10,
    });
    expect(names(above)).toEqual(['depth-6', 'depth-12']);
    const equal = await searchRuns(t.db, projectId, {
      clauses: parseSearchFilter('params.depth = 12.0', { numericParams: true }),
      limit: 10,
    });
    expect(names(equal)).toEqual(['depth-12']);
    const quoted = await searchRuns(t.db, projectId, {
      clauses: parseSearchFilter("params.depth = 'auto'", { numericParams: true }),
      limit: 10,
    });
    expect(names(quoted)).toEqual(['depth-auto']);
  });

  it('refuses a number for a param in the MLflow grammar, as MLflow does', async () => {
    await expect(searchRuns(t.db, projectId, { filter: 'params.depth > 5', limit: 10 })).rejects.toThrow(
      /Invalid comparator '>'/,
    );
  });
});

describe('listRecentRunKeys', () => {
  it('lists the most recently logged metric and param keys first', async () => {
    const recent = await listRecentRunKeys(t.db, projectId, 4, experimentId);
    expect(recent.metrics).toEqual(['new_metric', 'old_metric']);
    expect(recent.params).toEqual(['other', 'depth']);
  });
});
