'use server';

import { redirect } from 'next/navigation';
import { z } from 'zod';
import { type RiskInput, createRisk, deleteRisk, updateRisk } from '@/db/queries/risks';
import { DomainError } from '@/lib/errors';
import { RISK_CATEGORIES, RISK_LEVELS, RISK_RESPONSES, RISK_STATUSES } from '@/lib/risks/scoring';
import { TEXT_LIMITS } from '@/lib/text-limits';
import { nameSchema } from '@/lib/validation';
import { optionalDate, ownerField, textField, uuidField, versionField } from '@/lib/forms';
import { defineAction, revalidateProject } from '@/server/action';

const level = (what: string) => z.enum(RISK_LEVELS, `Choose the ${what}: High, Medium or Low`);
const mitigationPct = z.coerce
  .number('Enter a percentage')
  .int('Use a whole percentage')
  .min(0, 'Use 0–100')
  .max(100, 'Use 0–100');

const fields = {
  title: nameSchema(TEXT_LIMITS.risk.title),
  description: textField(TEXT_LIMITS.risk.description),
  category: z.enum(RISK_CATEGORIES, 'Choose a category'),
  likelihood: level('likelihood'),
  impact: level('impact'),
  ownerId: ownerField,
  response: z.enum(RISK_RESPONSES, 'Choose a response'),
  mitigationPlan: textField(TEXT_LIMITS.risk.mitigationPlan),
  mitigationPct,
  status: z.enum(RISK_STATUSES, 'Choose a status'),
  nextReviewDate: optionalDate,
};

/** Saves a change (merged with any save made meanwhile); on a conflict the page re-reads the risk. */
async function save(
  db: Parameters<typeof updateRisk>[0],
  user: Parameters<typeof updateRisk>[1],
  project: { id: string; slug: string },
  id: string,
  version: number,
  changes: Partial<RiskInput>,
  base: Partial<RiskInput> | null = null,
) {
  try {
    const after = await updateRisk(db, user, project.id, id, version, changes, base);
    revalidateProject(project.slug);
    return after;
  } catch (err) {
    if (err instanceof DomainError && err.kind === 'conflict') revalidateProject(project.slug);
    throw err;
  }
}

export const createRiskAction = defineAction('editor', z.object(fields), async ({ db, user, project, input }) => {
  const risk = await createRisk(db, user, project.id, input);
  revalidateProject(project.slug);
  return { ok: true, data: { id: risk.id }, message: `Risk “${risk.title}” added.` };
});

export const updateRiskAction = defineAction(
  'editor',
  z.object({ ...fields, id: uuidField('risk'), version: versionField }),
  async ({ db, user, project, input, base }) => {
    const { id, version, ...changes } = input;
    const after = await save(db, user, project, id, version, changes, base);
    return { ok: true, data: { version: after.version }, message: 'Saved.' };
  },
);

/** One field from the register's inline editors, saved as soon as it changes. */
const quickField = z.discriminatedUnion(
  'field',
  [
    z.object({ field: z.literal('likelihood'), value: level('likelihood') }),
    z.object({ field: z.literal('impact'), value: level('impact') }),
    z.object({ field: z.literal('status'), value: fields.status }),
    z.object({ field: z.literal('response'), value: fields.response }),
    z.object({ field: z.literal('mitigationPct'), value: mitigationPct }),
    z.object({ field: z.literal('ownerId'), value: ownerField }),
    z.object({ field: z.literal('nextReviewDate'), value: optionalDate }),
  ],
  'Choose a field to change',
);

export const quickUpdateRiskAction = defineAction(
  'editor',
  z.intersection(z.object({ id: uuidField('risk'), version: versionField }), quickField),
  async ({ db, user, project, input }) => {
    const after = await save(db, user, project, input.id, input.version, { [input.field]: input.value });
    return { ok: true, data: { version: after.version }, message: `Saved ${after.title}.` };
  },
);

export const deleteRiskAction = defineAction(
  'editor',
  z.object({ id: uuidField('risk') }),
  async ({ db, user, project, input }) => {
    await deleteRisk(db, user, project.id, input.id);
    revalidateProject(project.slug);
    redirect(`/${project.slug}/risks`);
  },
);
