import { z } from 'zod';
import { assignUnit } from '@/db/queries/ab-ingest';
import { MAX_UNIT_ID_LENGTH } from '@/lib/ab-tests/definition';
import { parseUnitId } from '@/lib/ab-tests/events';
import { defineRoute } from '@/server/api';

export const dynamic = 'force-dynamic';

const input = z.object({
  unit_id: z.unknown().transform((raw, ctx) => {
    const id = parseUnitId(raw);
    if (id === null)
      ctx.addIssue({
        code: 'custom',
        message: `Send the unit's id: a non-empty string of at most ${MAX_UNIT_ID_LENGTH} characters`,
      });
    return id ?? '';
  }),
});

/** The unit's sticky variant (by hash) and the model version to serve; records its exposure once. */
export const POST = defineRoute('editor', input, async ({ db, caller, params, input: { unit_id } }) =>
  assignUnit(db, caller.project.id, String(params.id), unit_id),
);
