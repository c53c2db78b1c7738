// MLflow experiment endpoints: experiments/{create,get,get-by-name,search,list,update,delete,restore,
// set-experiment-tag,delete-experiment-tag}.
import { ARTIFACT_SCHEME, storePathOfUri } from '@/lib/artifacts/paths';
import type { Db } from '@/db/client';
import { searchExperiments } from '@/db/queries/experiment-search';
import {
  createExperiment,
  deleteExperimentTag,
  getExperiment,
  getExperimentByName,
  getExperimentTags,
  renameExperiment,
  setExperimentLifecycle,
  setExperimentTag,
  type ViewType,
} from '@/db/queries/experiments';
import { DomainError } from '@/lib/errors';
import {
  type ExperimentClause,
  type ExperimentOrder,
  parseExperimentFilter,
  parseExperimentOrderBy,
} from '@/lib/tracking/experiment-filter';
import { type ExperimentRow, decodePageToken, encodePageToken, experimentJson } from '@/lib/mlflow/json';
import {
  createExperimentRequest,
  deleteExperimentTagRequest,
  experimentIdRequest,
  getExperimentByNameRequest,
  listExperimentsRequest,
  searchExperimentsRequest,
  setExperimentTagRequest,
  updateExperimentRequest,
} from '@/lib/mlflow/schemas';
import { LIMITS } from '@/lib/tracking/vocabulary';
import { defineRoute } from '../api';
import { actorOf, nextOffset, parseOrInvalid, resolveExperimentId, viewOf } from './common';

async function withTags(db: Db, rows: ExperimentRow[]) {
  const tags = await getExperimentTags(
    db,
    rows.map((r) => r.id),
  );
  return rows.map((r) => experimentJson(r, tags.get(r.id) ?? []));
}

export const createExperimentRoute = defineRoute('editor', createExperimentRequest, async ({ db, caller, input }) => {
  const location = input.artifact_location;
  // Runboard's own store is shared by every project: a location in it must be inside the caller's project.
  if (location?.startsWith(ARTIFACT_SCHEME) && storePathOfUri(location)?.split('/')[0] !== caller.project.slug) {
    throw new DomainError(
      'invalid',
      `Invalid value for 'artifact_location': an ${ARTIFACT_SCHEME} location must be under ${ARTIFACT_SCHEME}/${caller.project.slug}/.`,
      'artifact_location',
    );
  }
  const exp = await createExperiment(db, actorOf(caller), caller.project.id, {
    name: input.name,
    artifactLocation: input.artifact_location || undefined,
    tags: input.tags,
  });
  return { experiment_id: String(exp.id) };
});

export const getExperimentRoute = defineRoute('viewer', experimentIdRequest, async ({ db, caller, input }) => {
  const id = await resolveExperimentId(db, caller.project.id, input.experiment_id);
  const [experiment] = await withTags(db, [await getExperiment(db, caller.project.id, id)]);
  return { experiment };
});

export const getExperimentByNameRoute = defineRoute(
  'viewer',
  getExperimentByNameRequest,
  async ({ db, caller, input }) => {
    const [experiment] = await withTags(db, [await getExperimentByName(db, caller.project.id, input.experiment_name)]);
    return { experiment };
  },
);

async function search(
  db: Db,
  projectId: string,
  q: {
    clauses: ExperimentClause[];
    order: ExperimentOrder[];
    view?: ViewType;
    maxResults?: number;
    pageToken?: string;
  },
) {
  const offset = decodePageToken(q.pageToken);
  const limit = q.maxResults ?? LIMITS.searchDefaultResults;
  const found = await searchExperiments(db, projectId, {
    clauses: q.clauses,
    order: q.order,
    view: viewOf(q.view),
    limit,
    offset,
  });
  const next = nextOffset(offset, found.experiments.length, found.total);
  const experiments = await withTags(db, found.experiments);
  return {
    ...(experiments.length ? { experiments } : {}),
    ...(next !== null ? { next_page_token: encodePageToken(next) } : {}),
  };
}

export const searchExperimentsRoute = defineRoute('viewer', searchExperimentsRequest, async ({ db, caller, input }) =>
  search(db, caller.project.id, {
    clauses: parseOrInvalid('filter', () => parseExperimentFilter(input.filter)),
    order: parseOrInvalid('order_by', () => parseExperimentOrderBy(input.order_by)),
    view: input.view_type,
    maxResults: input.max_results,
    pageToken: input.page_token,
  }),
);

/** The pre-2.0 listing some older clients still call. */
export const listExperimentsRoute = defineRoute('viewer', listExperimentsRequest, async ({ db, caller, input }) =>
  search(db, caller.project.id, {
    clauses: [],
    order: [],
    view: input.view_type,
    maxResults: input.max_results,
    pageToken: input.page_token,
  }),
);

export const updateExperimentRoute = defineRoute('editor', updateExperimentRequest, async ({ db, caller, input }) => {
  const id = await resolveExperimentId(db, caller.project.id, input.experiment_id);
  const exp = await getExperiment(db, caller.project.id, id);
  if (exp.lifecycleStage !== 'active')
    throw new DomainError('invalid', 'Cannot rename a non-active experiment.', 'experiment_id');
  await renameExperiment(db, actorOf(caller), caller.project.id, id, input.new_name);
  return {};
});

const lifecycleRoute = (stage: 'active' | 'deleted') =>
  defineRoute('editor', experimentIdRequest, async ({ db, caller, input }) => {
    const id = await resolveExperimentId(db, caller.project.id, input.experiment_id);
    await setExperimentLifecycle(db, actorOf(caller), caller.project.id, id, stage);
    return {};
  });
export const deleteExperimentRoute = lifecycleRoute('deleted');
export const restoreExperimentRoute = lifecycleRoute('active');

export const setExperimentTagRoute = defineRoute('editor', setExperimentTagRequest, async ({ db, caller, input }) => {
  const id = await resolveExperimentId(db, caller.project.id, input.experiment_id);
  await setExperimentTag(db, caller.project.id, id, { key: input.key, value: input.value });
  return {};
});

export const deleteExperimentTagRoute = defineRoute(
  'editor',
  deleteExperimentTagRequest,
  async ({ db, caller, input }) => {
    const id = await resolveExperimentId(db, caller.project.id, input.experiment_id);
    await deleteExperimentTag(db, caller.project.id, id, input.key);
    return {};
  },
);
