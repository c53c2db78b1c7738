import { sql } from 'drizzle-orm';
import { EditConflictError } from '@/lib/edit-merge';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rowsOf } from '../rows';
import { type TestDb, openTestDb } from '../test-db';
import { getTaskDetail, listTasks } from './board';
import { getExperimentByName } from './experiments';
import { LIVE_CHANNEL, notifyLive, parseLiveEvent } from './live-events';
import { addMember, createProject } from './projects';
import { createRun, updateRun } from './runs';
import { createSprint, startSprint } from './sprints';
import { createSubProblem, linkSubProblem } from './problem';
import { createRisk } from './risks';
import { createSuccessMetric } from './success-metrics';
import { linkTask, listTaskLinks, unlinkTask } from './task-links';
import { createTask, moveTask, prioritiseTasks, restoreTaskOrder, updateTask } from './tasks';
import { createUser } from './users';

let t: TestDb;
let projectId: string;
let otherProjectId: string;
const actor = { id: '', isAdmin: false };
let sprintId: string;

beforeAll(async () => {
  t = await openTestDb();
  actor.id = (await createUser(t.db, null, { email: 'pm@example.com', name: 'Pat PM', password: 'password-1' })).id;
  projectId = (await createProject(t.db, actor, { slug: 'board', name: 'Board', problemStatement: '' })).id;
  otherProjectId = (await createProject(t.db, actor, { slug: 'other', name: 'Other', problemStatement: '' })).id;
  sprintId = (
    await createSprint(t.db, actor, projectId, { name: 'Sprint 1', goal: 'Baseline', startDate: '2026-03-02' })
  ).id;
  await startSprint(t.db, actor, projectId, sprintId);
});
afterAll(() => t.cleanup());

const newTask = (title: string, extra: Partial<Parameters<typeof createTask>[3]> = {}) =>
  createTask(t.db, actor, projectId, { title, status: 'todo', priority: 3, effort: 2, sprintId, ...extra });

/** Column order as stored, sorted by Postgres under the column's collation. */
async function column(status: string, sprint: string | null = sprintId) {
  const rows = await t.db.execute(
    sql`select title, sort_key from tasks where project_id = ${projectId} and status = ${status}
        and sprint_id is not distinct from ${sprint} order by sort_key`,
  );
  return rowsOf<{ title: string; sort_key: string }>(rows);
}
const titles = async (status: string, sprint: string | null = sprintId) =>
  (await column(status, sprint)).map((r) => r.title);

describe('tasks on the board', () => {
  it('append new cards at the bottom of their column and number them per project', async () => {
    const a = await newTask('Collect more training data', { priority: 1, effort: 8 });
    const b = await newTask('Improve feature engineering', { priority: 2 });
    await newTask('Try new algorithm');
    expect([a.number, b.number]).toEqual([1, 2]);
    expect(await titles('todo')).toEqual([
      'Collect more training data',
      'Improve feature engineering',
      'Try new algorithm',
    ]);
  });

  it('moves a card to a position in another column and keeps it there for every reader', async () => {
    const [first, second] = (await listTasks(t.db, projectId, sprintId)).filter((x) => x.status === 'todo');
    await newTask('Label edge cases', { status: 'in_progress' });
    const inProgress = (await listTasks(t.db, projectId, sprintId)).find((x) => x.status === 'in_progress')!;
    const { task, moved } = await moveTask(t.db, actor, projectId, {
      taskId: second!.id,
      toStatus: 'in_progress',
      beforeId: inProgress.id,
    });
    expect(moved).toBe(true);
    expect(task.version).toBe(2);
    expect(await titles('in_progress')).toEqual(['Improve feature engineering', 'Label edge cases']);
    expect(await titles('todo')).toEqual(['Collect more training data', 'Try new algorithm']);
    // Dropping a card where it already is changes nothing, not even its version.
    const again = await moveTask(t.db, actor, projectId, {
      taskId: first!.id,
      toStatus: 'todo',
      beforeId: (await listTasks(t.db, projectId, sprintId)).find((x) => x.title === 'Try new algorithm')!.id,
    });
    expect(again).toMatchObject({ moved: false, task: { version: 1 } });
  });

  it('sorts keys in byte order in Postgres too, as the library generates them ("Zz" before "a0")', async () => {
    const todo = await listTasks(t.db, projectId, sprintId);
    const top = todo.find((x) => x.title === 'Collect more training data')!;
    const moving = todo.find((x) => x.title === 'Try new algorithm')!;
    const { task } = await moveTask(t.db, actor, projectId, { taskId: moving.id, toStatus: 'todo', beforeId: top.id });
    expect(task.sortKey < top.sortKey).toBe(true);
    expect(await titles('todo')).toEqual(['Try new algorithm', 'Collect more training data']);
  });

  it('lands two simultaneous drops into the same gap, in one consistent order with distinct keys', async () => {
    const [x, y, z] = [await newTask('X'), await newTask('Y'), await newTask('Z')];
    const a = await newTask('A', { status: 'review' });
    const b = await newTask('B', { status: 'review' });
    // Both people saw A then B in Review and dropped their card between them at the same moment.
    const moves = [x, y, z].map((card) =>
      moveTask(t.db, actor, projectId, { taskId: card.id, toStatus: 'review', afterId: a.id, beforeId: b.id }),
    );
    const results = await Promise.all(moves);
    expect(results.every((r) => r.moved)).toBe(true);
    const review = await column('review');
    expect(review[0]!.title).toBe('A');
    expect(review.at(-1)!.title).toBe('B');
    expect(review.map((r) => r.title).sort()).toEqual(['A', 'B', 'X', 'Y', 'Z']);
    expect(new Set(review.map((r) => r.sort_key)).size).toBe(5);
  });

  it('survives a burst of concurrent moves across columns without a lost card or a tied key', async () => {
    const cards = await Promise.all(Array.from({ length: 12 }, (_, i) => newTask(`Burst ${i}`)));
    const targets = ['todo', 'in_progress', 'review', 'done'] as const;
    await Promise.all(
      cards.map((c, i) =>
        moveTask(t.db, actor, projectId, { taskId: c.id, toStatus: targets[i % 4]!, afterId: cards[(i + 5) % 12]!.id }),
      ),
    );
    const all = await listTasks(t.db, projectId, sprintId);
    expect(all.filter((c) => c.title.startsWith('Burst'))).toHaveLength(12);
    for (const status of targets) {
      const keys = (await column(status)).map((r) => r.sort_key);
      expect(new Set(keys).size).toBe(keys.length);
    }
  });

  it('merges a stale save into the other person’s, and refuses one that changes the same field', async () => {
    const task = await newTask('Write the evaluation report');
    const other = await createUser(t.db, null, {
      email: 'ana@example.com',
      name: 'Ana Analyst',
      password: 'password-2',
    });
    await addMember(t.db, actor, projectId, 'ana@example.com', 'editor');
    const ana = { id: other.id, isAdmin: false };
    const base = {
      title: task.title,
      description: '',
      status: task.status,
      priority: 3,
      effort: 2,
      assigneeId: null,
      labels: [],
      sprintId,
    };
    await updateTask(t.db, ana, projectId, task.id, 1, {
      ...base,
      title: 'Write the evaluation report (v2)',
      priority: 1,
    });
    const merged = await updateTask(t.db, actor, projectId, task.id, 1, { ...base, effort: 5 }, base);
    expect(merged).toMatchObject({ title: 'Write the evaluation report (v2)', priority: 1, effort: 5, version: 3 });
    const clash = updateTask(t.db, actor, projectId, task.id, 1, { ...base, priority: 4 }, base);
    await expect(clash).rejects.toBeInstanceOf(EditConflictError);
    const err = (await clash.catch((e: unknown) => e)) as EditConflictError;
    expect(err.field).toBe('priority');
    expect(err.conflict).toMatchObject({ version: 3, fields: [{ field: 'priority', mine: 4, theirs: 1 }] });
    const stored = await getTaskDetail(t.db, projectId, task.id);
    expect(stored.task).toMatchObject({ priority: 1, effort: 5, version: 3 });
  });

  it('refuses an assignee who is not a member of the project', async () => {
    const outsider = await createUser(t.db, null, {
      email: 'out@example.com',
      name: 'Out Sider',
      password: 'password-3',
    });
    await expect(newTask('Secret', { assigneeId: outsider.id })).rejects.toMatchObject({ field: 'assigneeId' });
  });

  it('prioritises the backlog: priority first, then lower effort first', async () => {
    for (const [title, priority, effort] of [
      ['Try new algorithm', 3, 5],
      ['Collect more training data', 1, 8],
      ['Improve feature engineering', 2, 3],
      ['Fix noisy labels', 1, 2],
    ] as const) {
      await createTask(t.db, actor, projectId, { title, status: 'backlog', priority, effort, sprintId: null });
    }
    const { changed, previous } = await prioritiseTasks(t.db, actor, projectId, null);
    expect(changed).toBe(4);
    expect(await titles('backlog', null)).toEqual([
      'Fix noisy labels',
      'Collect more training data',
      'Improve feature engineering',
      'Try new algorithm',
    ]);
    // Already prioritised: nothing to rewrite.
    expect((await prioritiseTasks(t.db, actor, projectId, null)).changed).toBe(0);
    // Undo puts the creation order back.
    expect(await restoreTaskOrder(t.db, actor, projectId, null, previous)).toBe(4);
    expect(await titles('backlog', null)).toEqual([
      'Try new algorithm',
      'Collect more training data',
      'Improve feature engineering',
      'Fix noisy labels',
    ]);
    expect(await restoreTaskOrder(t.db, actor, projectId, null, previous)).toBe(0);
  });

  it('links runs of the same project only and shows their current status', async () => {
    const task = await newTask('Train the gradient-boosted baseline');
    const experimentId = (await getExperimentByName(t.db, projectId, 'Default')).id;
    const run = await createRun(t.db, actor, projectId, { experimentId, runName: 'gbm-baseline' });
    await linkTask(t.db, actor, projectId, task.id, 'run', run.id);
    await expect(linkTask(t.db, actor, projectId, task.id, 'run', run.id)).rejects.toThrow(/already links/);
    await updateRun(t.db, actor, projectId, run.id, { status: 'FAILED', endTime: Date.now() });
    expect((await getTaskDetail(t.db, projectId, task.id)).runs).toEqual([
      expect.objectContaining({ name: 'gbm-baseline', status: 'FAILED' }),
    ]);
    const foreignExperiment = (await getExperimentByName(t.db, otherProjectId, 'Default')).id;
    const foreign = await createRun(t.db, actor, otherProjectId, { experimentId: foreignExperiment });
    await expect(linkTask(t.db, actor, projectId, task.id, 'run', foreign.id)).rejects.toThrow(/No run with that id/);
  });
  it('links risks and success metrics of the same project, and shows the sub-problems that link to it', async () => {
    const task = await newTask('Reduce label noise');
    const risk = await createRisk(t.db, actor, projectId, {
      title: 'Noisy labels from the vendor',
      description: '',
      category: 'data_quality',
      likelihood: 'High',
      impact: 'High',
      ownerId: null,
      response: 'mitigate',
      mitigationPlan: 'Relabel a sample',
      mitigationPct: 20,
      status: 'open',
      nextReviewDate: null,
    });
    const metric = await createSuccessMetric(t.db, actor, projectId, {
      name: 'Recall on rainy days',
      description: '',
      kind: 'model',
      direction: 'higher_better',
      unit: '',
      isPrimary: false,
      startValue: 0.6,
      target: 0.8,
      rangeMin: null,
      rangeMax: null,
      deadline: '2026-12-31',
      ownerId: null,
      source: 'manual',
      sourceKey: null,
      sourceModel: null,
    });
    const problem = await createSubProblem(t.db, actor, projectId, {
      parentId: null,
      title: 'Labels are unreliable',
      description: '',
      ownerId: null,
      status: 'in_progress',
    });
    await linkTask(t.db, actor, projectId, task.id, 'risk', risk.id);
    await linkTask(t.db, actor, projectId, task.id, 'metric', metric.id);
    await linkSubProblem(t.db, actor, projectId, problem.id, 'task', task.id);
    const links = await listTaskLinks(t.db, task.id);
    expect(links.risks).toEqual([
      expect.objectContaining({ title: 'Noisy labels from the vendor', likelihood: 'High', impact: 'High' }),
    ]);
    expect(links.metrics).toEqual([expect.objectContaining({ name: 'Recall on rainy days' })]);
    expect(links.subProblems).toEqual([
      expect.objectContaining({ title: 'Labels are unreliable', status: 'in_progress' }),
    ]);
    await unlinkTask(t.db, actor, projectId, task.id, 'risk', risk.id);
    expect((await listTaskLinks(t.db, task.id)).risks).toEqual([]);
    await expect(unlinkTask(t.db, actor, projectId, task.id, 'risk', risk.id)).rejects.toThrow(/Link not found/);
    await expect(linkTask(t.db, actor, otherProjectId, task.id, 'risk', risk.id)).rejects.toThrow(/Task not found/);
    await expect(linkTask(t.db, actor, projectId, task.id, 'metric', 'not-a-uuid')).rejects.toThrow(
      /No success metric/,
    );
  });
});

describe('live notifications', () => {
  it('are delivered after a move commits, carry only ids and the version, and never for a refused change', async () => {
    const received: string[] = [];
    const unlisten = await t.listen(LIVE_CHANNEL, (payload) => received.push(payload));
    try {
      const card = await newTask('Notify me');
      await moveTask(t.db, actor, projectId, { taskId: card.id, toStatus: 'done' });
      await expect(
        moveTask(t.db, actor, projectId, {
          taskId: card.id,
          toStatus: 'todo',
          toSprintId: '00000000-0000-4000-8000-000000000000',
        }),
      ).rejects.toThrow(/Sprint not found/);
      // A notification queued in a transaction that then fails is never delivered.
      const rolledBack = t.db.transaction(async (tx) => {
        await notifyLive(tx, { projectId, entity: 'task', id: 'rolled-back' });
        throw new Error('rollback');
      });
      await expect(rolledBack).rejects.toThrow('rollback');
      await expect.poll(() => received.length, { timeout: 2000 }).toBeGreaterThanOrEqual(2);
      await new Promise((r) => setTimeout(r, 100));
      const events = received.map((p) => parseLiveEvent(p));
      expect(events).toEqual([
        { projectId, entity: 'task', id: card.id, version: 1 },
        { projectId, entity: 'task', id: card.id, version: 2 },
      ]);
    } finally {
      await unlisten();
    }
  });
});
