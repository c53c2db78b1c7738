import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, buildBurnSeries, dayOf, scopeChanges } from '@/lib/board/burndown';
import { type TestDb, openTestDb } from '../test-db';
import { listSnapshotsBySprint, listSprintSnapshots, writeSprintSnapshot } from './board-snapshots';
import { createProject } from './projects';
import { createSprint, startSprint } from './sprints';
import { createTask, moveTask } from './tasks';
import { createUser } from './users';

let t: TestDb;
let projectId: string;
const actor = { id: '', isAdmin: false };
const today = dayOf(new Date());

beforeAll(async () => {
  t = await openTestDb();
  actor.id = (await createUser(t.db, null, { email: 'pm@example.com', name: 'Pat PM', password: 'password-1' })).id;
  projectId = (await createProject(t.db, actor, { slug: 'snaps', name: 'Snapshots', problemStatement: '' })).id;
});
afterAll(() => t.cleanup());

describe('board snapshots', () => {
  it('keep one row per sprint and day, the last write of the day winning, and build the burndown from them', async () => {
    const start = addDays(today, -3);
    const sprint = await createSprint(t.db, actor, projectId, {
      name: 'Sprint 7',
      goal: '',
      startDate: start,
      endDate: addDays(today, 2),
    });
    const a = await createTask(t.db, actor, projectId, {
      title: 'Audit labels',
      status: 'todo',
      priority: 1,
      effort: 5,
      sprintId: sprint.id,
    });
    await createTask(t.db, actor, projectId, {
      title: 'Backfill features',
      status: 'todo',
      priority: 2,
      effort: 3,
      sprintId: sprint.id,
    });
    // A planned sprint has no history yet: changes to it are not snapshotted.
    expect(await listSprintSnapshots(t.db, projectId, sprint.id)).toEqual([]);
    await startSprint(t.db, actor, projectId, sprint.id, start);
    await writeSprintSnapshot(t.db, projectId, sprint.id, addDays(start, 1));
    await moveTask(t.db, actor, projectId, { taskId: a.id, toStatus: 'done' });
    await createTask(t.db, actor, projectId, {
      title: 'Extra request',
      status: 'todo',
      priority: 3,
      effort: 2,
      sprintId: sprint.id,
    });
    const snapshots = await listSprintSnapshots(t.db, projectId, sprint.id);
    expect(snapshots).toEqual([
      { day: start, totalPoints: 8, donePoints: 0, cancelledPoints: 0 },
      { day: addDays(start, 1), totalPoints: 8, donePoints: 0, cancelledPoints: 0 },
      { day: today, totalPoints: 10, donePoints: 5, cancelledPoints: 0 },
    ]);
    const series = buildBurnSeries(sprint, snapshots, today);
    expect(series.map((p) => p.remaining)).toEqual([8, 8, 8, 5, null, null]);
    expect(scopeChanges(series)).toEqual([{ day: today, delta: 2 }]);
  });

  it('update both sprints when a card moves out of the running one', async () => {
    expect((await listSnapshotsBySprint(t.db, projectId, [])).size).toBe(0);
    const [active] = await t.db.query.sprints.findMany({ where: (s, { eq }) => eq(s.status, 'active') });
    const planned = await createSprint(t.db, actor, projectId, {
      name: 'Sprint 8',
      goal: '',
      startDate: addDays(today, 3),
    });
    const card = await createTask(t.db, actor, projectId, {
      title: 'Move me later',
      status: 'todo',
      priority: 2,
      effort: 4,
      sprintId: active!.id,
    });
    expect((await listSprintSnapshots(t.db, projectId, active!.id)).at(-1)).toMatchObject({ totalPoints: 14 });
    await moveTask(t.db, actor, projectId, { taskId: card.id, toStatus: 'todo', toSprintId: planned.id });
    const bySprint = await listSnapshotsBySprint(t.db, projectId, [active!.id, planned.id]);
    expect(bySprint.get(active!.id)!.at(-1)).toMatchObject({ day: today, totalPoints: 10 });
    expect(bySprint.get(planned.id)).toEqual([]);
  });
});
