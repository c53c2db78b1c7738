'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { createRunView, deleteRunView, setDefaultRunView } from '@/db/queries/run-views';
import { updateRunMetadata } from '@/db/queries/runs';
import { RUN_VIEW_NAME_MAX, parseRunsView, savedViewParams } from '@/lib/tracking/runs-view';
import { RUN_APPROACHES } from '@/lib/tracking/vocabulary';
import { defineAction } from '@/server/action';

const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, `Use at most ${max} characters`)
    .transform((v) => v || null);

const seed = z
  .string()
  .trim()
  .refine(
    (v) => v === '' || (/^-?\d+$/.test(v) && Number.isSafeInteger(Number(v))),
    'Enter a whole number, or leave it empty',
  )
  .transform((v) => (v === '' ? null : Number(v)));

const config = z
  .string()
  .trim()
  .max(100_000, 'Use at most 100,000 characters')
  .transform((v, ctx) => {
    if (v === '') return null;
    try {
      const parsed: unknown = JSON.parse(v);
      if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) return parsed as Record<string, unknown>;
    } catch {
      // reported below
    }
    ctx.addIssue({ code: 'custom', message: 'Enter a JSON object, e.g. {"lr": 0.01}, or leave it empty' });
    return z.NEVER;
  });

/** Reproducibility fields that MLflow does not have; editors set them, and the change is in the activity log. */
export const updateRunMetadataAction = defineAction(
  'editor',
  z.object({
    runId: z.string().regex(/^[0-9a-f]{1,64}$/i, 'Unknown run'),
    approach: z
      .enum(['', ...RUN_APPROACHES], 'Choose data-centric, model-centric or hybrid')
      .transform((v) => v || null),
    seed,
    config,
    codeVersion: optionalText(250),
  }),
  async ({ db, user, project, input }) => {
    const { runId, ...fields } = input;
    await updateRunMetadata(db, user, project.id, runId, fields);
    revalidatePath(`/${project.slug}/runs/${runId}`);
    return { ok: true, data: undefined, message: 'Saved.' };
  },
);

/** '' is the project's All runs page; digits an experiment's page. */
const runsPage = z
  .string()
  .regex(/^\d{0,15}$/, 'Unknown experiment')
  .transform((v) => (v === '' ? null : Number(v)));
const viewId = z.string().uuid('Unknown saved view');
const pagePath = (slug: string, experimentId: number | null) =>
  experimentId === null ? `/${slug}/runs` : `/${slug}/experiments/${experimentId}`;

/** Saves the runs table as it is shown (columns, sort, filter) under a name, for anyone in the project to open. */
export const saveRunViewAction = defineAction(
  'viewer',
  z.object({
    experimentId: runsPage,
    name: z
      .string()
      .trim()
      .min(1, 'Name the view')
      .max(RUN_VIEW_NAME_MAX, `Use at most ${RUN_VIEW_NAME_MAX} characters`),
    // Re-read through the URL parser, so only what a runs page understands is stored.
    query: z
      .string()
      .max(20_000, 'This view is too long to save')
      .transform((v) => savedViewParams(parseRunsView(new URLSearchParams(v))).toString()),
    makeDefault: z
      .union([z.boolean(), z.literal('on'), z.literal('')])
      .optional()
      .transform((v) => v === true || v === 'on'),
  }),
  async ({ db, user, project, input }) => {
    const { experimentId, ...fields } = input;
    const view = await createRunView(db, user.id, { projectId: project.id, experimentId }, fields);
    revalidatePath(pagePath(project.slug, experimentId));
    return { ok: true, data: { id: view.id }, message: `Saved view “${view.name}”.` };
  },
);

/** Makes a saved view the person's default on its runs page, or (no view) returns to the standard columns. */
export const setDefaultRunViewAction = defineAction(
  'viewer',
  z.object({ experimentId: runsPage, viewId: z.union([viewId, z.literal('')]).transform((v) => v || null) }),
  async ({ db, user, project, input }) => {
    await setDefaultRunView(db, user.id, { projectId: project.id, experimentId: input.experimentId }, input.viewId);
    revalidatePath(pagePath(project.slug, input.experimentId));
    return { ok: true, data: undefined, message: input.viewId ? 'Default view set.' : 'Default view cleared.' };
  },
);

/** Deletes a saved view its author no longer wants (for everyone who had it). */
export const deleteRunViewAction = defineAction(
  'viewer',
  z.object({ experimentId: runsPage, viewId }),
  async ({ db, user, project, input }) => {
    await deleteRunView(db, user.id, { projectId: project.id, experimentId: input.experimentId }, input.viewId);
    revalidatePath(pagePath(project.slug, input.experimentId));
    return { ok: true, data: undefined, message: 'View deleted.' };
  },
);
