'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { updateRunMetadata } from '@/db/queries/runs';
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
