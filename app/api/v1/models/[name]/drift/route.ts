import { computeDrift } from '@/db/queries/drift-checks';
import { getMonitor } from '@/db/queries/monitoring';
import { driftJson, windowQuerySchema } from '@/lib/monitoring/api-schemas';
import { modelNameParam } from '@/lib/monitoring/route-params';
import { defaultWindow } from '@/lib/monitoring/windows';
import { defineRoute } from '@/server/api';

export const dynamic = 'force-dynamic';

/**
 * Drift of `?from=&to=` (default: the last day) against the model's reference, per feature
 * `{feature, test, statistic, p_value?, psi, drifted}` plus `dataset_drift` and the performance verdicts.
 * Computed on request and not stored: scheduled and on-demand checks are what raise alerts.
 */
export const GET = defineRoute('viewer', windowQuerySchema, async ({ db, params, input, caller }) => {
  const target = await getMonitor(db, caller.project.id, modelNameParam(params));
  const end = input.to ?? (input.from ? new Date(Math.max(Date.now(), input.from.getTime() + 1)) : new Date());
  const window = { start: input.from ?? defaultWindow(end.getTime()).start, end };
  const result = await computeDrift(db, caller.project.id, target, window);
  return driftJson({ model: target.model.name, ...result });
});
