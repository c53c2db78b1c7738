import { and, asc, eq, ilike } from 'drizzle-orm';
import type { TaskStatus } from '@/lib/board/vocabulary';
import { addDays, daysBetween, freezeSprintNumbers } from '@/lib/board/burndown';
import type { Db } from '../../db/client';
import { runs, sprints, taskRunLinks, tasks } from '../../db/schema/index';
import type { Actor } from '../../db/queries/activity';
import { putSnapshot } from '../../db/queries/board-snapshots';
import { createSprint } from '../../db/queries/sprints';
import { createTask } from '../../db/queries/tasks';

// The demo's sprint history: the seed's agile ML sprint played out on the rain-tomorrow project. Each
// task says on which sprint day it joined, got done or was cancelled; the daily snapshots, the frozen
// numbers of the closed sprints and the cards' final places all follow from that one timeline.

type DemoTask = {
  title: string;
  priority: number;
  effort: number;
  labels: string[];
  /** Sprint day it joined (0 = planned before the start). */
  added?: number;
  done?: number;
  cancelled?: number;
  /** Where the card sits today when it is not finished. */
  status?: TaskStatus;
  /** Unfinished at the close: moves on to the next sprint, where it appears again. */
  carried?: boolean;
  description?: string;
  runName?: string;
};

type DemoSprint = { name: string; goal: string; offset: number; tasks: DemoTask[] };

const LENGTH = 14;

const SPRINTS: DemoSprint[] = [
  {
    name: 'Sprint 1: baseline',
    goal: 'A logistic-regression baseline that beats "rain today, rain tomorrow"',
    offset: -35,
    tasks: [
      {
        title: 'Profile the Seattle weather data',
        priority: 1,
        effort: 3,
        labels: ['data'],
        done: 2,
        description: 'Shape, missing values, class balance of **rain tomorrow**.',
      },
      {
        title: 'Define the rain-tomorrow label and a time-based split',
        priority: 1,
        effort: 2,
        labels: ['data'],
        done: 3,
      },
      { title: 'Set up experiment tracking for every run', priority: 2, effort: 3, labels: ['infra'], done: 6 },
      {
        title: 'Train a logistic-regression baseline',
        priority: 1,
        effort: 5,
        labels: ['model'],
        done: 10,
        runName: 'logreg lr=%',
      },
      {
        title: 'Collect more training data',
        priority: 1,
        effort: 8,
        labels: ['data'],
        carried: true,
        description: 'Backfill 2012–2015 from the NOAA daily summaries.',
      },
      { title: 'Write the data card', priority: 3, effort: 2, labels: ['docs'], cancelled: 9 },
    ],
  },
  {
    name: 'Sprint 2: features',
    goal: 'Improve recall on rainy days with better features and a second algorithm',
    offset: -21,
    tasks: [
      {
        title: 'Collect more training data',
        priority: 1,
        effort: 8,
        labels: ['data'],
        done: 5,
        description: 'Backfill 2012–2015 from the NOAA daily summaries.',
      },
      {
        title: 'Improve feature engineering: lagged precipitation',
        priority: 2,
        effort: 5,
        labels: ['features'],
        done: 8,
        runName: 'logreg data:%',
      },
      { title: 'Try a random forest', priority: 3, effort: 5, labels: ['model'], done: 12, runName: 'random-forest%' },
      { title: 'Add temperature and wind deltas', priority: 2, effort: 3, labels: ['features'], added: 4, done: 11 },
      { title: 'Calibrate predicted probabilities', priority: 2, effort: 3, labels: ['model'], carried: true },
    ],
  },
  {
    name: 'Sprint 3: ship',
    goal: 'Register the champion model and watch it in production',
    offset: -7,
    tasks: [
      { title: 'Register the champion model', priority: 1, effort: 2, labels: ['registry'], done: 2 },
      { title: 'Calibrate predicted probabilities', priority: 2, effort: 3, labels: ['model'], status: 'in_progress' },
      {
        title: 'Set up drift monitoring on the served model',
        priority: 1,
        effort: 5,
        labels: ['monitoring'],
        status: 'in_progress',
      },
      { title: 'Tune the threshold for recall on rainy days', priority: 2, effort: 3, labels: ['model'], done: 6 },
      {
        title: 'Fix noisy labels in the 2013 records',
        priority: 1,
        effort: 2,
        labels: ['data'],
        added: 3,
        status: 'review',
      },
      { title: 'Write the model card', priority: 3, effort: 2, labels: ['docs'], status: 'todo' },
      {
        title: 'Plan the A/B test against the forecast service',
        priority: 3,
        effort: 3,
        labels: ['experiment'],
        status: 'todo',
      },
    ],
  },
];

const PLANNED = { name: 'Sprint 4: monitor', goal: 'Alerts that reach the on-call forecaster', offset: 7 };

const BACKLOG: Array<Pick<DemoTask, 'title' | 'priority' | 'effort' | 'labels'>> = [
  { title: 'Collect radar reflectivity as a feature source', priority: 2, effort: 13, labels: ['data'] },
  { title: 'Try gradient boosting', priority: 3, effort: 8, labels: ['model'] },
  { title: 'Hyperparameter sweep for the random forest', priority: 3, effort: 5, labels: ['model'] },
  { title: 'Forecaster dashboard for daily predictions', priority: 4, effort: 5, labels: ['product'] },
];

const stateOn = (t: DemoTask, day: number) => ({
  present: (t.added ?? 0) <= day,
  done: t.done !== undefined && t.done <= day,
  cancelled: t.cancelled !== undefined && t.cancelled <= day,
});

function totalsOn(list: DemoTask[], day: number) {
  const present = list.filter((t) => stateOn(t, day).present);
  const points = (pred: (t: DemoTask) => boolean) => present.filter(pred).reduce((n, t) => n + t.effort, 0);
  return {
    totalPoints: points(() => true),
    donePoints: points((t) => stateOn(t, day).done),
    cancelledPoints: points((t) => stateOn(t, day).cancelled),
    taskCount: present.length,
    doneCount: present.filter((t) => stateOn(t, day).done).length,
  };
}

const finalStatus = (t: DemoTask): TaskStatus =>
  t.done !== undefined ? 'done' : t.cancelled !== undefined ? 'cancelled' : (t.status ?? 'todo');

async function linkDemoRun(db: Db, projectId: string, taskId: string, pattern: string) {
  const [run] = await db
    .select({ id: runs.id })
    .from(runs)
    .where(and(eq(runs.projectId, projectId), ilike(runs.name, pattern)))
    .orderBy(asc(runs.startTime))
    .limit(1);
  if (run) await db.insert(taskRunLinks).values({ taskId, runId: run.id }).onConflictDoNothing();
}

/**
 * Two closed sprints, the active one (a week in), the next one planned, and a backlog, dated relative to
 * `today`. Tasks link to the project's runs when the demo runs exist.
 */
export async function seedDemoBoard(
  db: Db,
  projectId: string,
  actor: Actor | null,
  today = new Date().toISOString().slice(0, 10),
) {
  for (const [i, spec] of SPRINTS.entries()) {
    const startDate = addDays(today, spec.offset);
    const endDate = addDays(startDate, LENGTH - 1);
    const sprint = await createSprint(db, actor, projectId, { name: spec.name, goal: spec.goal, startDate, endDate });
    const closed = spec.offset + LENGTH <= 0;
    const lastDay = closed ? LENGTH - 1 : -spec.offset;
    for (const t of spec.tasks.filter((x) => !x.carried)) {
      const task = await createTask(db, actor, projectId, {
        title: t.title,
        description: t.description ?? '',
        status: finalStatus(t),
        priority: t.priority,
        effort: t.effort,
        labels: t.labels,
        sprintId: sprint.id,
      });
      if (t.done !== undefined)
        await db
          .update(tasks)
          .set({ completedAt: new Date(`${addDays(startDate, t.done)}T15:00:00Z`) })
          .where(eq(tasks.id, task.id));
      if (t.runName) await linkDemoRun(db, projectId, task.id, t.runName);
    }
    for (const [d, day] of daysBetween(startDate, addDays(startDate, lastDay)).entries())
      await putSnapshot(db, projectId, sprint.id, day, totalsOn(spec.tasks, d));
    const startedAt = new Date(`${startDate}T08:00:00Z`);
    if (closed) {
      const frozen = freezeSprintNumbers(
        totalsOn(spec.tasks, 0).totalPoints - totalsOn(spec.tasks, 0).cancelledPoints,
        spec.tasks.map((t) => ({
          effort: t.effort,
          status: t.done !== undefined ? 'done' : t.cancelled !== undefined ? 'cancelled' : 'open',
        })),
      );
      await db
        .update(sprints)
        .set({ status: 'closed', startedAt, closedAt: new Date(`${endDate}T17:00:00Z`), frozen })
        .where(eq(sprints.id, sprint.id));
    } else if (i === SPRINTS.length - 1) {
      await db.update(sprints).set({ status: 'active', startedAt }).where(eq(sprints.id, sprint.id));
    }
  }
  const planned = addDays(today, PLANNED.offset);
  await createSprint(db, actor, projectId, {
    name: PLANNED.name,
    goal: PLANNED.goal,
    startDate: planned,
    endDate: addDays(planned, LENGTH - 1),
  });
  for (const t of BACKLOG) await createTask(db, actor, projectId, { ...t, status: 'backlog', sprintId: null });
}
