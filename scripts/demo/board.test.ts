import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, buildBurnSeries, dayOf, scopeChanges } from '@/lib/board/burndown';
import { type TestDb, openTestDb } from '../../db/test-db';
import { listTasks } from '../../db/queries/board';
import { seedDemoBoard } from './board';
import { listSprintSnapshots } from '../../db/queries/board-snapshots';
import { createProject } from '../../db/queries/projects';
import { closeSprint, getVelocity, listSprints } from '../../db/queries/sprints';
import { createUser } from '../../db/queries/users';

let t: TestDb;
let projectId: string;
const actor = { id: '', isAdmin: false };
const today = dayOf(new Date());

beforeAll(async () => {
  t = await openTestDb();
  actor.id = (
    await createUser(t.db, null, { email: 'demo@example.com', name: 'Demo Lead', password: 'password-1' })
  ).id;
  projectId = (await createProject(t.db, actor, { slug: 'demo-board', name: 'Demo', problemStatement: '' })).id;
  await seedDemoBoard(t.db, projectId, null, today);
});
afterAll(() => t.cleanup());

describe('demo sprint history', () => {
  it('has two closed sprints with frozen numbers, one active a week in, the next one planned, and a backlog', async () => {
    const sprints = await listSprints(t.db, projectId);
    expect(sprints.map((s) => [s.name, s.status])).toEqual([
      ['Sprint 4: monitor', 'planned'],
      ['Sprint 3: ship', 'active'],
      ['Sprint 2: features', 'closed'],
      ['Sprint 1: baseline', 'closed'],
    ]);
    // Sprint 1 committed 23 points and finished 13 (8 carried over, 2 cancelled); sprint 2 committed 21 and
    // finished all of it plus 3 points added on day 4, carrying 3 over.
    expect(await getVelocity(t.db, projectId)).toEqual([
      { sprint: 'Sprint 1: baseline', committed: 23, completed: 13 },
      { sprint: 'Sprint 2: features', committed: 21, completed: 21 },
    ]);
    expect((await listTasks(t.db, projectId, null)).map((x) => x.title)).toContain('Try gradient boosting');
  });

  it('draws the active sprint from a snapshot per day so far, including the mid-sprint scope change', async () => {
    const active = (await listSprints(t.db, projectId)).find((s) => s.status === 'active')!;
    expect(active.startDate).toBe(addDays(today, -7));
    const snapshots = await listSprintSnapshots(t.db, projectId, active.id);
    expect(snapshots).toHaveLength(8);
    const series = buildBurnSeries(active, snapshots, today);
    expect(series.filter((p) => p.remaining !== null)).toHaveLength(8);
    expect(scopeChanges(series)).toEqual([{ day: addDays(active.startDate, 3), delta: 2 }]);
    expect(series[7]).toMatchObject({ scope: 20, completed: 5, remaining: 15 });
  });

  it('can be closed like any sprint, carrying its open cards to the planned one', async () => {
    const active = (await listSprints(t.db, projectId)).find((s) => s.status === 'active')!;
    const result = await closeSprint(t.db, actor, projectId, active.id, 'next');
    expect(result).toMatchObject({
      carried: 5,
      target: { name: 'Sprint 4: monitor' },
      frozen: { committedPoints: 18, completedPoints: 5 },
    });
  });
});
