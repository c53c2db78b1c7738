import { z } from 'zod';
import { ensureMonitor, getMonitor } from '@/db/queries/monitoring';
import {
  type ReferenceSummary,
  describeReference,
  setReferenceDataset,
  setReferenceWindow,
} from '@/db/queries/monitoring-reference';
import { referenceBodySchema } from '@/lib/monitoring/api-schemas';
import { modelNameParam } from '@/lib/monitoring/route-params';
import { defineRoute } from '@/server/api';

export const dynamic = 'force-dynamic';

function referenceJson(model: string, r: ReferenceSummary | null) {
  if (!r) return { model, reference: null };
  return {
    model,
    reference:
      r.kind === 'window'
        ? { kind: 'window', from: r.from.toISOString(), to: r.to.toISOString(), rows: r.rows }
        : { kind: 'dataset', dataset_id: r.datasetId, dataset_version: `${r.name}@${r.digest}`, rows: r.rows },
  };
}

/** The model's current reference. */
export const GET = defineRoute('viewer', z.object({}).loose(), async ({ db, params, caller }) => {
  const { monitor, model } = await getMonitor(db, caller.project.id, modelNameParam(params));
  return referenceJson(model.name, await describeReference(db, monitor));
});

/** `{from, to}`: a window of the model's logged predictions; or `{dataset_version}`: an uploaded dataset with stored rows. */
export const PUT = defineRoute('editor', referenceBodySchema, async ({ db, params, input, caller }) => {
  const { monitor, model } = await ensureMonitor(db, caller.user, caller.project.id, modelNameParam(params));
  const summary =
    input.dataset_version !== undefined
      ? await setReferenceDataset(db, caller.user, caller.project.id, monitor.id, input.dataset_version)
      : await setReferenceWindow(db, caller.user, caller.project.id, monitor.id, input.from!, input.to!);
  return referenceJson(model.name, summary);
});
