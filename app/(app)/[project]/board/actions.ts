'use server';

import { z } from 'zod';
import { setWipLimits } from '@/db/queries/board';
import { linkSubProblem, unlinkSubProblem } from '@/db/queries/problem';
import { TASK_LINK_KINDS, linkTask, unlinkTask } from '@/db/queries/task-links';
import { createTask, moveTask, prioritiseTasks, restoreTaskOrder, updateTask } from '@/db/queries/tasks';
import { MAX_EFFORT, MAX_LABELS, TASK_STATUSES, parseLabels, taskRef } from '@/lib/board/vocabulary';
import { TEXT_LIMITS } from '@/lib/text-limits';
import { nameSchema } from '@/lib/validation';
import { blankToNull, rowVersion } from '@/lib/forms';
import { defineAction, revalidateProject } from '@/server/action';

const taskId = z.uuid('Unknown task');
const status = z.enum(TASK_STATUSES, 'Choose a column');
const anchorId = z.preprocess(blankToNull, z.uuid('Unknown neighbour card').nullable()).optional();
const sprintRef = z.preprocess(blankToNull, z.uuid('Choose a sprint or the backlog').nullable());

const taskFields = z.object({
  title: nameSchema(TEXT_LIMITS.task.title),
  description: z.string().trim().max(TEXT_LIMITS.task.description, 'Use at most 20,000 characters').default(''),
  status,
  priority: z.coerce
    .number('Choose a priority')
    .int()
    .min(1, 'Priorities run from 1 (most urgent) to 4')
    .max(4, 'Priorities run from 1 (most urgent) to 4'),
  effort: z.coerce
    .number('Enter effort points')
    .int('Use whole points')
    .min(0, 'Effort cannot be negative')
    .max(MAX_EFFORT, `Use at most ${MAX_EFFORT} points`),
  assigneeId: z.preprocess(blankToNull, z.string().max(64).nullable()).default(null),
  labels: z
    .string()
    .max(TEXT_LIMITS.task.labels, `Use at most ${TEXT_LIMITS.task.labels} characters`)
    .default('')
    .transform(parseLabels)
    .pipe(
      z
        .array(z.string().max(40, 'Keep each label under 40 characters'))
        .max(MAX_LABELS, `Use at most ${MAX_LABELS} labels`),
    ),
  sprintId: sprintRef.default(null),
});

export const createTaskAction = defineAction('editor', taskFields, async ({ db, user, project, input }) => {
  const task = await createTask(db, user, project.id, input);
  revalidateProject(project.slug);
  return { ok: true, data: { id: task.id }, message: `Created ${taskRef(task.number)}.` };
});

/** A drop: the server places the card between its neighbours' current keys (see db/queries/tasks moveTask). */
export const moveTaskAction = defineAction(
  'editor',
  z.object({ taskId, toStatus: status, toSprintId: sprintRef.optional(), afterId: anchorId, beforeId: anchorId }),
  async ({ db, user, project, input }) => {
    const { task } = await moveTask(db, user, project.id, input);
    return { ok: true, data: { id: task.id, status: task.status, sortKey: task.sortKey, version: task.version } };
  },
);

export const updateTaskAction = defineAction(
  'editor',
  taskFields.extend({ taskId, version: rowVersion }),
  async ({ db, user, project, input, base }) => {
    const { taskId: id, version, ...changes } = input;
    const task = await updateTask(db, user, project.id, id, version, changes, base);
    revalidateProject(project.slug);
    return { ok: true, data: { version: task.version }, message: 'Saved.' };
  },
);

export const prioritiseAction = defineAction(
  'editor',
  z.object({ sprintId: sprintRef.default(null) }),
  async ({ db, user, project, input }) => {
    const { changed, previous } = await prioritiseTasks(db, user, project.id, input.sprintId);
    revalidateProject(project.slug);
    return {
      ok: true,
      // The order before, for Undo (undoPrioritiseAction).
      data: changed ? { previous } : null,
      message: changed
        ? `Reordered ${changed} tasks: most urgent first, then least effort.`
        : 'Already in priority order.',
    };
  },
);

export const undoPrioritiseAction = defineAction(
  'editor',
  z.object({
    sprintId: sprintRef.default(null),
    previous: z.array(taskId).min(1, 'Nothing to undo').max(5_000, 'Too many tasks to restore'),
  }),
  async ({ db, user, project, input }) => {
    const changed = await restoreTaskOrder(db, user, project.id, input.sprintId, input.previous);
    revalidateProject(project.slug);
    return {
      ok: true,
      data: undefined,
      message: changed ? `Restored the order of ${changed} tasks.` : 'The order was already as before.',
    };
  },
);

/** A backlog row dragged up or down: it lands between its new neighbours in its own column. */
export const rankTaskAction = defineAction(
  'editor',
  z.object({ taskId, afterId: anchorId, beforeId: anchorId }),
  async ({ db, user, project, input }) => {
    const { moved } = await moveTask(db, user, project.id, input);
    if (moved) revalidateProject(project.slug);
    return { ok: true, data: undefined, message: moved ? 'Rank saved.' : 'Already there.' };
  },
);

const wipLimit = z.preprocess(
  blankToNull,
  z.coerce
    .number('Enter a number')
    .int('Use a whole number')
    .min(1, 'Use 1 or more, or leave empty for no limit')
    .max(999)
    .nullable(),
);

export const setWipLimitsAction = defineAction(
  'editor',
  z.object({
    backlog: wipLimit.default(null),
    todo: wipLimit.default(null),
    in_progress: wipLimit.default(null),
    review: wipLimit.default(null),
    done: wipLimit.default(null),
    cancelled: wipLimit.default(null),
  }),
  async ({ db, user, project, input }) => {
    await setWipLimits(db, user, project.id, input);
    revalidateProject(project.slug);
    return { ok: true, data: undefined, message: 'Column limits saved.' };
  },
);

const link = z.object({
  taskId,
  kind: z.enum([...TASK_LINK_KINDS, 'subproblem'], 'Choose what to link'),
  targetId: z.string().trim().min(1, 'Choose what to link').max(64),
});

// Sub-problems own their links to tasks (the problem tree's queries); the task page creates them through those.
export const linkTaskAction = defineAction('editor', link, async ({ db, user, project, input }) => {
  if (input.kind === 'subproblem') await linkSubProblem(db, user, project.id, input.targetId, 'task', input.taskId);
  else await linkTask(db, user, project.id, input.taskId, input.kind, input.targetId);
  revalidateProject(project.slug);
  return { ok: true, data: undefined, message: 'Linked.' };
});

export const unlinkTaskAction = defineAction('editor', link, async ({ db, user, project, input }) => {
  if (input.kind === 'subproblem') {
    const linkId = Number(input.targetId);
    if (!Number.isSafeInteger(linkId)) return { ok: false, message: 'Unknown link.' };
    await unlinkSubProblem(db, user, project.id, linkId);
  } else {
    await unlinkTask(db, user, project.id, input.taskId, input.kind, input.targetId);
  }
  revalidateProject(project.slug);
  return { ok: true, data: undefined, message: 'Link removed.' };
});
