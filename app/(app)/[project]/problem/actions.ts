'use server';

import { z } from 'zod';
import {
  createSubProblem,
  deleteSubProblem,
  linkSubProblem,
  unlinkSubProblem,
  updateSubProblem,
} from '@/db/queries/problem';
import { SUB_PROBLEM_STATUSES } from '@/lib/problem/tree';
import { nameSchema } from '@/lib/validation';
import { blankToNull, ownerField, textField, uuidField } from '@/lib/forms';
import { defineAction, revalidateProject } from '@/server/action';

const parentField = z.preprocess(blankToNull, uuidField('sub-problem').nullable());
const status = z.enum(SUB_PROBLEM_STATUSES, 'Choose a status');

export const createSubProblemAction = defineAction(
  'editor',
  z.object({
    parentId: parentField,
    title: nameSchema(200),
    description: textField(2000),
    ownerId: ownerField,
    status: status.default('not_started'),
  }),
  async ({ db, user, project, input }) => {
    const row = await createSubProblem(db, user, project.id, input);
    revalidateProject(project.slug);
    return { ok: true, data: { id: row.id }, message: `Added “${row.title}”.` };
  },
);

const quickField = z.discriminatedUnion(
  'field',
  [
    z.object({ field: z.literal('status'), value: status }),
    z.object({ field: z.literal('ownerId'), value: ownerField }),
    z.object({ field: z.literal('title'), value: nameSchema(200) }),
    z.object({ field: z.literal('parentId'), value: parentField }),
  ],
  'Choose a field to change',
);

export const updateSubProblemAction = defineAction(
  'editor',
  z.intersection(z.object({ id: uuidField('sub-problem') }), quickField),
  async ({ db, user, project, input }) => {
    const row = await updateSubProblem(db, user, project.id, input.id, { [input.field]: input.value });
    revalidateProject(project.slug);
    return { ok: true, data: undefined, message: `Saved “${row.title}”.` };
  },
);

export const deleteSubProblemAction = defineAction(
  'editor',
  z.object({ id: uuidField('sub-problem') }),
  async ({ db, user, project, input }) => {
    await deleteSubProblem(db, user, project.id, input.id);
    revalidateProject(project.slug);
    return { ok: true, data: undefined, message: 'Deleted, with everything under it.' };
  },
);

export const linkSubProblemAction = defineAction(
  'editor',
  z.object({
    id: uuidField('sub-problem'),
    kind: z.enum(['metric', 'experiment', 'task'], 'Choose what to link'),
    targetId: z.string().min(1, 'Choose what to link').max(64, 'Choose what to link'),
  }),
  async ({ db, user, project, input }) => {
    await linkSubProblem(db, user, project.id, input.id, input.kind, input.targetId);
    revalidateProject(project.slug);
    return { ok: true, data: undefined, message: 'Linked.' };
  },
);

export const unlinkSubProblemAction = defineAction(
  'editor',
  z.object({ linkId: z.coerce.number().int().positive('Unknown link') }),
  async ({ db, user, project, input }) => {
    await unlinkSubProblem(db, user, project.id, input.linkId);
    revalidateProject(project.slug);
    return { ok: true, data: undefined, message: 'Link removed.' };
  },
);
