'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { saveReportNarrative } from '@/db/queries/report';
import { DomainError } from '@/lib/errors';
import { REPORT_SECTIONS, SECTION_TITLES } from '@/lib/report/render';
import { versionField } from '@/lib/forms';
import { TEXT_LIMITS } from '@/lib/text-limits';
import { defineAction } from '@/server/action';

export const saveNarrativeAction = defineAction(
  'editor',
  z.object({
    section: z.enum(REPORT_SECTIONS, 'Choose a section'),
    version: versionField,
    body: z.string().max(TEXT_LIMITS.report.body, 'Use at most 20,000 characters').default(''),
  }),
  async ({ db, user, project, input, base }) => {
    const crlf = /\r\n/g;
    let saved;
    try {
      saved = await saveReportNarrative(
        db,
        user,
        project.id,
        input.section,
        input.version,
        input.body.replace(crlf, '\n'),
        base?.body === undefined ? null : base.body.replace(crlf, '\n'),
      );
    } catch (err) {
      if (err instanceof DomainError && err.kind === 'conflict') revalidatePath(`/${project.slug}/report`);
      throw err;
    }
    revalidatePath(`/${project.slug}/report`);
    return { ok: true, data: { version: saved.version }, message: `${SECTION_TITLES[input.section]} narrative saved.` };
  },
);
