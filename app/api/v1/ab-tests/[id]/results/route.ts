import { z } from 'zod';
import { getAbTestConfig, getAbTestResults } from '@/db/queries/ab-tests';
import { defineRoute } from '@/server/api';

export const dynamic = 'force-dynamic';

/** Per metric and variant n, mean, sd, lifts with 95% CIs, the test used and its p-value; SRM over the assigned units. */
export const GET = defineRoute('viewer', z.object({}).loose(), async ({ db, caller, params }) => {
  const config = await getAbTestConfig(db, caller.project.id, String(params.id));
  const results = await getAbTestResults(db, config);
  const { test } = config;
  return {
    id: test.id,
    name: test.name,
    model: config.modelName,
    status: test.status,
    started_at: test.startedAt?.toISOString() ?? null,
    stopped_at: test.stoppedAt?.toISOString() ?? null,
    shipped_variant: test.shippedVariant,
    ...results,
  };
});
