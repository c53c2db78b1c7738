import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestDb, openTestDb } from '../test-db';
import { createProject } from './projects';
import { getExperimentByName } from './experiments';
import {
  createRunView,
  deleteRunView,
  getDefaultRunView,
  getRunView,
  listRunViews,
  setDefaultRunView,
} from './run-views';
import { createUser } from './users';

let t: TestDb;
let projectId: string;
let experimentId: number;
let author: string;
let colleague: string;

beforeAll(async () => {
  t = await openTestDb();
  author = (await createUser(t.db, null, { email: 'views-a@example.com', name: 'A', password: 'password-1' })).id;
  colleague = (await createUser(t.db, null, { email: 'views-b@example.com', name: 'B', password: 'password-1' })).id;
  const project = await createProject(
    t.db,
    { id: author, isAdmin: true },
    { slug: 'views', name: 'Views', problemStatement: '' },
  );
  projectId = project.id;
  experimentId = (await getExperimentByName(t.db, projectId, 'Default')).id;
});
afterAll(() => t.cleanup());

describe('saved run views', () => {
  it('keeps one default per person and page, separately for an experiment and All runs', async () => {
    const scope = { projectId, experimentId };
    const wide = await createRunView(t.db, author, scope, {
      name: 'Wide',
      query: 'col=metrics.acc',
      makeDefault: true,
    });
    const narrow = await createRunView(t.db, author, scope, { name: 'narrow', query: 'col=', makeDefault: false });
    const all = await createRunView(
      t.db,
      author,
      { projectId, experimentId: null },
      {
        name: 'Everything',
        query: 'sort=params.lr&order=asc',
        makeDefault: true,
      },
    );
    expect((await getDefaultRunView(t.db, scope, author))?.id).toBe(wide.id);
    expect((await getDefaultRunView(t.db, { projectId, experimentId: null }, author))?.id).toBe(all.id);
    expect(await getDefaultRunView(t.db, scope, colleague)).toBeNull();

    await setDefaultRunView(t.db, author, scope, narrow.id);
    await setDefaultRunView(t.db, colleague, scope, wide.id);
    const list = await listRunViews(t.db, scope, author);
    expect(list.map((v) => [v.name, v.isDefault])).toEqual([
      ['narrow', true],
      ['Wide', false],
    ]);
    expect((await getDefaultRunView(t.db, scope, colleague))?.id).toBe(wide.id);
    // A view of one page is not found through another's.
    expect(await getRunView(t.db, { projectId, experimentId: null }, wide.id)).toBeNull();
  });

  it('lets only the author delete a view, which ends it as anyone’s default', async () => {
    const scope = { projectId, experimentId };
    const view = await createRunView(t.db, author, scope, { name: 'Temp', query: '', makeDefault: false });
    await setDefaultRunView(t.db, colleague, scope, view.id);
    await expect(deleteRunView(t.db, colleague, scope, view.id)).rejects.toThrow(/Only the person who saved/);
    await deleteRunView(t.db, author, scope, view.id);
    expect(await getDefaultRunView(t.db, scope, colleague)).toBeNull();
    await expect(setDefaultRunView(t.db, colleague, scope, view.id)).rejects.toThrow(/Saved view not found/);
  });
});
