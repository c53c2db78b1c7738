'use server';

import { z } from 'zod';
import { closeSprint, createSprint, startSprint, updateSprint } from '@/db/queries/sprints';
import { TEXT_LIMITS } from '@/lib/text-limits';
import { nameSchema } from '@/lib/validation';
import { dateField, rowVersion } from '@/lib/forms';
import { defineAction, revalidateProject } from '@/server/action';
import { formatDay } from '@/lib/format';

const sprintFields = z.object({
  name: nameSchema(TEXT_LIMITS.sprint.name),
  goal: z.string().trim().max(TEXT_LIMITS.sprint.goal, `Use at most ${TEXT_LIMITS.sprint.goal} characters`).default(''),
  startDate: dateField,
  endDate: z.preprocess((v) => (v === '' ? undefined : v), dateField.optional()),
});
const sprintId = z.uuid('Unknown sprint');

export const createSprintAction = defineAction('editor', sprintFields, async ({ db, user, project, input }) => {
  const sprint = await createSprint(db, user, project.id, input);
  revalidateProject(project.slug);
  return {
    ok: true,
    data: { id: sprint.id },
    message: `Planned ${sprint.name}: ${formatDay(sprint.startDate)} to ${formatDay(sprint.endDate)}.`,
  };
});

export const updateSprintAction = defineAction(
  'editor',
  sprintFields.extend({ sprintId, version: rowVersion }),
  async ({ db, user, project, input, base }) => {
    const { sprintId: id, version, ...fields } = input;
    const saved = await updateSprint(db, user, project.id, id, version, fields, base);
    revalidateProject(project.slug);
    return { ok: true, data: { version: saved.version }, message: 'Sprint saved.' };
  },
);

export const startSprintAction = defineAction(
  'editor',
  z.object({ sprintId }),
  async ({ db, user, project, input }) => {
    const sprint = await startSprint(db, user, project.id, input.sprintId);
    revalidateProject(project.slug);
    return { ok: true, data: undefined, message: `${sprint.name} started.` };
  },
);

export const closeSprintAction = defineAction(
  'editor',
  z.object({ sprintId, carryTo: z.enum(['next', 'backlog'], 'Choose where unfinished tasks go') }),
  async ({ db, user, project, input }) => {
    const { sprint, carried, target } = await closeSprint(db, user, project.id, input.sprintId, input.carryTo);
    revalidateProject(project.slug);
    const where = target ? target.name : 'the backlog';
    return {
      ok: true,
      data: undefined,
      message: `${sprint.name} closed; ${carried} unfinished ${carried === 1 ? 'task' : 'tasks'} moved to ${where}.`,
    };
  },
);
