'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { registerCsvDataset } from '@/db/queries/datasets';
import { nameSchema } from '@/lib/validation';
import { defineAction } from '@/server/action';

const MAX_UPLOAD_BYTES = 20 * 1024 * 1024;

export const uploadDatasetAction = defineAction(
  'editor',
  z.object({
    name: nameSchema(200),
    source: z.string().trim().max(1000, 'Use at most 1000 characters').default(''),
    file: z
      .instanceof(File, { message: 'Choose a CSV file' })
      .refine((f) => f.size > 0, 'The file is empty')
      .refine((f) => f.size <= MAX_UPLOAD_BYTES, 'The file is larger than 20 MB'),
  }),
  async ({ db, user, project, input }) => {
    const csv = await input.file.text();
    const row = await registerCsvDataset(db, user, project.id, {
      name: input.name,
      csv,
      source: input.source || input.file.name,
    });
    revalidatePath(`/${project.slug}/datasets`);
    return { ok: true, data: { id: row.id }, message: `Registered ${input.name} · sha256 ${row.digest.slice(0, 12)}…` };
  },
);
