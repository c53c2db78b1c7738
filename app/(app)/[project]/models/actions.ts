'use server';

import { z } from 'zod';
import {
  createModelVersion,
  createRegisteredModel,
  deleteModelAlias,
  ensureRegisteredModel,
  getModelDetails,
  listRunModelVersions,
  rollbackProduction,
  setModelAlias,
  transitionModelVersionStage,
  updateRegisteredModel,
} from '@/db/queries/registry';
import { MODEL_STAGES } from '@/lib/registry/vocabulary';
import { nameSchema } from '@/lib/validation';
import { checkbox } from '@/lib/forms';
import { defineAction, revalidateProject } from '@/server/action';

const modelName = nameSchema(250);
const version = z.coerce.number().int().positive('Choose a version');

export const createModelAction = defineAction(
  'editor',
  z.object({ name: modelName, description: z.string().trim().max(5000, 'Use at most 5000 characters').default('') }),
  async ({ db, user, project, input }) => {
    await createRegisteredModel(db, user, project.id, input);
    revalidateProject(project.slug);
    return { ok: true, data: undefined, message: `Model ${input.name} created.` };
  },
);

export const updateModelDescriptionAction = defineAction(
  'editor',
  z.object({ name: modelName, description: z.string().trim().max(5000, 'Use at most 5000 characters') }),
  async ({ db, user, project, input }) => {
    await updateRegisteredModel(db, user, project.id, input.name, { description: input.description });
    revalidateProject(project.slug);
    return { ok: true, data: undefined, message: 'Saved.' };
  },
);

/**
 * Registers a run's model as a new version; the model is created on first use, as MLflow's register_model does.
 * Registering a run that already is a version of that model needs `duplicate` ticked: it is usually a mistake.
 */
export const registerVersionAction = defineAction(
  'editor',
  z.object({
    name: modelName,
    runId: z.string().regex(/^[0-9a-f]{32}$/, 'Unknown run'),
    description: z.string().trim().max(5000, 'Use at most 5000 characters').default(''),
    duplicate: checkbox,
  }),
  async ({ db, user, project, input }) => {
    const existing = (await listRunModelVersions(db, project.id, input.runId)).filter((v) => v.name === input.name);
    if (existing.length > 0 && !input.duplicate) {
      const message = `This run is already ${input.name} version ${existing.map((v) => v.version).join(', ')}; tick “Register another version anyway” to register it again.`;
      return { ok: false, message, fieldErrors: { duplicate: [message] } };
    }
    const result = await db.transaction(async (tx) => {
      await ensureRegisteredModel(tx, user, project.id, input.name);
      return createModelVersion(tx, user, project.id, {
        name: input.name,
        runId: input.runId,
        description: input.description,
      });
    });
    revalidateProject(project.slug);
    return {
      ok: true,
      data: { name: input.name, version: result.version.version },
      message: `Registered ${input.name} version ${result.version.version}.`,
    };
  },
);

export const promoteAction = defineAction(
  'editor',
  z.object({
    name: modelName,
    version,
    stage: z.enum(MODEL_STAGES, 'Choose a stage'),
    archiveExisting: checkbox,
    reason: z.string().trim().max(1000, 'Use at most 1000 characters').default(''),
  }),
  async ({ db, user, project, input }) => {
    const { model } = await transitionModelVersionStage(db, user, project.id, { ...input, kind: 'promote' });
    revalidateProject(project.slug);
    // An alias on a version this promotion archived keeps serving the old model: say so where the person looks.
    const { versions, aliases } = await getModelDetails(db, [model.id]);
    const archived = new Set(versions.filter((v) => v.stage === 'Archived').map((v) => v.version));
    const left = aliases
      .filter((a) => archived.has(a.version))
      .map((a) => `@${a.alias} still points to archived version ${a.version}.`);
    return {
      ok: true,
      data: undefined,
      message: [`Version ${input.version} is now in ${input.stage}.`, ...left].join(' '),
    };
  },
);

export const rollbackAction = defineAction(
  'editor',
  z.object({
    name: modelName,
    reason: z.string().trim().min(1, 'Say why you roll back').max(1000, 'Use at most 1000 characters'),
  }),
  async ({ db, user, project, input }) => {
    const { version: v } = await rollbackProduction(db, user, project.id, input.name, input.reason);
    revalidateProject(project.slug);
    return { ok: true, data: undefined, message: `Rolled back: version ${v.version} is in Production again.` };
  },
);

export const setAliasAction = defineAction(
  'editor',
  z.object({
    name: modelName,
    alias: z.string().trim().min(1, 'Required').max(255, 'Use at most 255 characters'),
    version,
  }),
  async ({ db, user, project, input }) => {
    await setModelAlias(db, user, project.id, input.name, input.alias, input.version);
    revalidateProject(project.slug);
    return { ok: true, data: undefined, message: `@${input.alias} → version ${input.version}.` };
  },
);

export const deleteAliasAction = defineAction(
  'editor',
  z.object({ name: modelName, alias: z.string().trim().min(1, 'Required').max(255, 'Use at most 255 characters') }),
  async ({ db, user, project, input }) => {
    await deleteModelAlias(db, user, project.id, input.name, input.alias);
    revalidateProject(project.slug);
    return { ok: true, data: undefined, message: `Alias @${input.alias} removed.` };
  },
);
