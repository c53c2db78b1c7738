import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, buildBurnSeries, dayOf } from '@/lib/board/burndown';
import { type TestDb, openTestDb } from '../test-db';
import { listTasks } from './board';
import { listSprintSnapshots } from './board-snapshots';
import { createProject } from './projects';
import {
  closeSprint,
  createSprint,
  getDefaultSprint,
  getVelocity,
  listSprints,
  startSprint,
  updateSprint,
} from './sprints';
import { createTask, moveTask, updateTask } from './tasks';
import { createUser } from './users';

let t: TestDb;
let projectId: string;
const actor = { id: '', isAdmin: false };
const today = dayOf(new Date());
let closedFirst = '';

beforeAll(async () => {
  t = await openTestDb();
  actor.id = (await createUser(t.db, null, { email: 'lead@example.com', name: 'Lee Lead', password: 'password-1' })).id;
  projectId = (await createProject(t.db, actor, { slug: 'sprints', name: 'Sprints', problemStatement: '' })).id;
});
afterAll(() => t.cleanup());

const task = (
  title: string,
  sprintId: string | null,
  effort: number,
  status: 'todo' | 'in_progress' | 'review' = 'todo',
) => createTask(t.db, actor, projectId, { title, status, priority: 2, effort, sprintId });

describe('sprints', () => {
  it('last two weeks unless an end is given, and refuse an end before the start', async () => {
    const s = await createSprint(t.db, actor, projectId, {
      name: 'Sprint 1',
      goal: 'A baseline that beats persistence',
      startDate: today,
    });
    expect(s).toMatchObject({ status: 'planned', startDate: today, endDate: addDays(today, 13) });
    await expect(
      createSprint(t.db, actor, projectId, { name: 'Bad', goal: '', startDate: today, endDate: addDays(today, -1) }),
    ).rejects.toMatchObject({ field: 'endDate' });
    await expect(
      updateSprint(t.db, actor, projectId, s.id, 7, { name: 'Renamed', goal: '', startDate: today }),
    ).rejects.toThrow(/Someone else saved this sprint/);
  });

  it('run one at a time, even when two people start different sprints at once', async () => {
    const [one] = await listSprints(t.db, projectId);
    const two = await createSprint(t.db, actor, projectId, {
      name: 'Sprint 2',
      goal: '',
      startDate: addDays(today, 14),
    });
    const outcomes = await Promise.allSettled([
      startSprint(t.db, actor, projectId, one!.id),
      startSprint(t.db, actor, projectId, two.id),
    ]);
    expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
    const refused = outcomes.find((o): o is PromiseRejectedResult => o.status === 'rejected')!;
    expect(String(refused.reason)).toMatch(/still active; close it before starting another/);
    const active = await getDefaultSprint(t.db, projectId);
    expect(active?.status).toBe('active');
    // The start wrote the first snapshot: the commitment the burndown starts from.
    expect(await listSprintSnapshots(t.db, projectId, active!.id)).toEqual([
      { day: today, totalPoints: 0, donePoints: 0, cancelledPoints: 0 },
    ]);
  });

  it('snapshot every change of the running sprint; cancelled work leaves the remaining and the scope', async () => {
    const active = (await getDefaultSprint(t.db, projectId))!;
    const a = await task('Collect more training data', active.id, 5);
    const b = await task('Improve feature engineering', active.id, 3, 'in_progress');
    const c = await task('Try new algorithm', active.id, 8);
    await task('Tune thresholds', active.id, 2, 'review');
    await moveTask(t.db, actor, projectId, { taskId: a.id, toStatus: 'done' });
    await moveTask(t.db, actor, projectId, { taskId: c.id, toStatus: 'cancelled' });
    await updateTask(t.db, actor, projectId, b.id, b.version, {
      title: b.title,
      description: '',
      status: 'in_progress',
      priority: 2,
      effort: 5,
      assigneeId: null,
      labels: ['features'],
      sprintId: active.id,
    });
    const snapshots = await listSprintSnapshots(t.db, projectId, active.id);
    expect(snapshots).toEqual([{ day: today, totalPoints: 20, donePoints: 5, cancelledPoints: 8 }]);
    const [first] = buildBurnSeries(active, snapshots, today);
    expect(first).toMatchObject({ scope: 12, completed: 5, remaining: 7 });
  });

  it('close: unfinished work moves to the end of the next sprint’s columns, finished work stays, numbers freeze', async () => {
    const active = (await getDefaultSprint(t.db, projectId))!;
    closedFirst = active.name;
    await closeSprint(t.db, actor, projectId, active.id, 'backlog');
    const closed = (await listSprints(t.db, projectId)).find((s) => s.id === active.id)!;
    expect(closed.status).toBe('closed');
    expect(closed.frozen).toEqual({
      // Daily snapshots: the commitment is the scope as it stood at the end of the first day.
      committedPoints: 12,
      scopePoints: 12,
      completedPoints: 5,
      cancelledPoints: 8,
      carriedOverPoints: 7,
      completedTasks: 1,
      carriedOverTasks: 2,
    });
    expect((await listTasks(t.db, projectId, active.id)).map((x) => [x.title, x.status])).toEqual([
      ['Collect more training data', 'done'],
      ['Try new algorithm', 'cancelled'],
    ]);
    const backlog = await listTasks(t.db, projectId, null);
    expect(backlog.map((x) => x.title)).toEqual(['Improve feature engineering', 'Tune thresholds']);
  });

  it('carry to the next planned sprint, refuse when there is none, and keep the closed sprint frozen', async () => {
    const next = (await listSprints(t.db, projectId)).find((s) => s.status === 'planned')!;
    await startSprint(t.db, actor, projectId, next.id);
    const open = await task('Ship the model card', next.id, 3);
    const done = await task('Write the evaluation report', next.id, 2);
    await moveTask(t.db, actor, projectId, { taskId: done.id, toStatus: 'done' });
    await expect(closeSprint(t.db, actor, projectId, next.id, 'next')).rejects.toMatchObject({ field: 'carryTo' });
    const third = await createSprint(t.db, actor, projectId, {
      name: 'Sprint 3',
      goal: '',
      startDate: addDays(today, 28),
    });
    await task('Already planned', third.id, 1);
    const result = await closeSprint(t.db, actor, projectId, next.id, 'next');
    expect(result).toMatchObject({
      carried: 1,
      target: { id: third.id },
      frozen: { committedPoints: 5, completedPoints: 2, carriedOverPoints: 3 },
    });
    expect((await listTasks(t.db, projectId, third.id)).map((x) => x.title)).toEqual([
      'Already planned',
      'Ship the model card',
    ]);
    // A closed sprint's cards don't move and its numbers don't follow later edits.
    await expect(moveTask(t.db, actor, projectId, { taskId: done.id, toStatus: 'todo' })).rejects.toThrow(
      /closed and its numbers are frozen/,
    );
    await expect(
      moveTask(t.db, actor, projectId, { taskId: open.id, toStatus: 'todo', toSprintId: next.id }),
    ).rejects.toThrow(/closed/);
    // Oldest first by end date, whichever of the two won the race to start first.
    const numbers = { [closedFirst]: { committed: 12, completed: 5 }, [next.name]: { committed: 5, completed: 2 } };
    expect(await getVelocity(t.db, projectId)).toEqual(
      ['Sprint 1', 'Sprint 2'].map((sprint) => ({ sprint, ...numbers[sprint] })),
    );
    await expect(closeSprint(t.db, actor, projectId, next.id, 'backlog')).rejects.toThrow(
      /only the active sprint can be closed/,
    );
  });
});
