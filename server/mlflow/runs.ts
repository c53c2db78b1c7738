// MLflow run endpoints: runs/{create,get,update,delete,restore,search}.
import type { Db } from '@/db/client';
import { getRunsOutputs } from '@/db/queries/logged-models';
import { getRunsData, getRunsInputs, searchRuns } from '@/db/queries/run-search';
import { createRun, getRunDetails, setRunLifecycle, updateRun } from '@/db/queries/runs';
import { DomainError } from '@/lib/errors';
import { decodePageToken, encodePageToken, runInfoJson, runJson } from '@/lib/mlflow/json';
import { createRunRequest, runIdRequest, searchRunsRequest, updateRunRequest } from '@/lib/mlflow/schemas';
import { type Clause, isNumericAttribute, parseOrderBy, parseSearchFilter } from '@/lib/tracking/search-filter';
import { LIMITS, WELL_KNOWN_TAGS } from '@/lib/tracking/vocabulary';
import { defineRoute } from '../api';
import { actorOf, nextOffset, parseOrInvalid, resolveExperimentId, viewOf } from './common';

async function runResponse(db: Db, projectId: string, runId: string) {
  const [d, outputs] = await Promise.all([getRunDetails(db, projectId, runId), getRunsOutputs(db, [runId])]);
  return { run: runJson(d.run, d, d.inputs, outputs.get(runId) ?? []) };
}

export const createRunRoute = defineRoute('editor', createRunRequest, async ({ db, caller, input }) => {
  const experimentId = await resolveExperimentId(db, caller.project.id, input.experiment_id);
  const taggedUser = input.tags.find((t) => t.key === WELL_KNOWN_TAGS.user)?.value;
  const taggedName = input.tags.find((t) => t.key === WELL_KNOWN_TAGS.runName)?.value;
  if (input.run_name && taggedName && input.run_name !== taggedName) {
    throw new DomainError(
      'invalid',
      `Both 'run_name' argument and 'mlflow.runName' tag are specified, but with different values (run_name='${input.run_name}', mlflow.runName='${taggedName}').`,
      'run_name',
    );
  }
  const run = await createRun(db, actorOf(caller), caller.project.id, {
    experimentId,
    // MLflow clients send the OS user; a client that sends none is attributed to the token's user.
    userId: input.user_id || taggedUser || caller.user.email,
    runName: input.run_name || undefined,
    startTime: input.start_time,
    tags: input.tags,
  });
  return runResponse(db, caller.project.id, run.id);
});

export const getRunRoute = defineRoute('viewer', runIdRequest, async ({ db, caller, input }) =>
  runResponse(db, caller.project.id, input.run_id),
);

export const updateRunRoute = defineRoute('editor', updateRunRequest, async ({ db, caller, input }) => {
  const run = await updateRun(db, actorOf(caller), caller.project.id, input.run_id, {
    status: input.status,
    endTime: input.end_time,
    name: input.run_name || undefined,
  });
  return { run_info: runInfoJson(run) };
});

const lifecycleRoute = (stage: 'active' | 'deleted') =>
  defineRoute('editor', runIdRequest, async ({ db, caller, input }) => {
    await setRunLifecycle(db, actorOf(caller), caller.project.id, input.run_id, stage);
    return {};
  });
export const deleteRunRoute = lifecycleRoute('deleted');
export const restoreRunRoute = lifecycleRoute('active');

/** Numeric attributes are bigint columns: a fractional or out-of-range bound must be refused here, not by SQL. */
function checkClauses(clauses: Clause[]): Clause[] {
  for (const c of clauses) {
    if (c.type === 'attribute' && isNumericAttribute(c.key) && !Number.isSafeInteger(c.value)) {
      throw new DomainError(
        'invalid',
        `Invalid filter: attributes.${c.key} takes an integer (milliseconds), got ${String(c.value)}.`,
        'filter',
      );
    }
  }
  return clauses;
}

export const searchRunsRoute = defineRoute('viewer', searchRunsRequest, async ({ db, caller, input }) => {
  const projectId = caller.project.id;
  const clauses = checkClauses(parseOrInvalid('filter', () => parseSearchFilter(input.filter)));
  const sort = parseOrInvalid('order_by', () => parseOrderBy(input.order_by));
  const experimentIds = await Promise.all(input.experiment_ids.map((id) => resolveExperimentId(db, projectId, id)));
  const offset = decodePageToken(input.page_token);
  const found = await searchRuns(db, projectId, {
    experimentIds,
    clauses,
    sort,
    view: viewOf(input.run_view_type),
    limit: input.max_results ?? LIMITS.searchDefaultResults,
    offset,
  });
  const ids = found.runs.map((r) => r.id);
  const [data, inputs, outputs] = await Promise.all([
    getRunsData(db, ids),
    getRunsInputs(db, ids),
    getRunsOutputs(db, ids),
  ]);
  const runs = found.runs.map((r) => runJson(r, data.get(r.id)!, inputs.get(r.id) ?? [], outputs.get(r.id) ?? []));
  const next = nextOffset(offset, runs.length, found.total);
  return { ...(runs.length ? { runs } : {}), ...(next !== null ? { next_page_token: encodePageToken(next) } : {}) };
});
