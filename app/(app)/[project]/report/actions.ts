'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { saveReportNarrative } from '@/db/queries/report';
import { DomainError } from '@/lib/errors';
import { REPORT_SECTIONS, SECTION_TITLES } from '@/lib/report/render';
import { versionField } from '@/lib/forms';
import { defineAction } from '@/server/action';

export const saveNarrativeAction = defineAction(
  'editor',
  z.object({
    section: z.enum(REPORT_SECTIONS, 'Choose a section'),
    version: versionField,
    body: z.string().max(20_000, 'Use at most 20000 characters').default(''),
  }),
  async ({ db, user, project, input }) => {
    try {
      await saveReportNarrative(db, user, project.id, input.section, input.version, input.body.replace(/\r\n/g, '\n'));
    } catch (err) {
      if (err instanceof DomainError && err.kind === 'conflict') revalidatePath(`/${project.slug}/report`);
      throw err;
    }
    revalidatePath(`/${project.slug}/report`);
    return { ok: true, data: undefined, message: `${SECTION_TITLES[input.section]} narrative saved.` };
  },
);
