// MLflow 3 logged models: POST logged-models, GET/PATCH/DELETE logged-models/{model_id}, POST logged-models/search,
// PATCH logged-models/{model_id}/tags, DELETE logged-models/{model_id}/tags/{tag_key},
// POST logged-models/{model_id}/params and POST runs/outputs. Path parameters arrive in the route's params.
import {
  createLoggedModel,
  deleteLoggedModel,
  deleteLoggedModelTag,
  finalizeLoggedModel,
  getLoggedModel,
  loadLoggedModelDetails,
  logLoggedModelParams,
  logRunOutputs,
  searchLoggedModels,
  setLoggedModelTags,
} from '@/db/queries/logged-models';
import type { Db } from '@/db/client';
import { DomainError } from '@/lib/errors';
import { decodePageToken, encodePageToken, loggedModelJson } from '@/lib/mlflow/json';
import {
  LOGGED_MODEL_LIMITS,
  createLoggedModelRequest,
  finalizeLoggedModelRequest,
  logLoggedModelParamsRequest,
  logOutputsRequest,
  noFieldsRequest,
  searchLoggedModelsRequest,
  setLoggedModelTagsRequest,
} from '@/lib/mlflow/logged-model-schemas';
import {
  type LoggedModelStatus,
  parseLoggedModelFilter,
  parseLoggedModelOrder,
  protoStatusOf,
} from '@/lib/tracking/logged-models';
import { defineRoute } from '../api';
import { parseOrInvalid, resolveExperimentId } from './common';

const protoStatus = (s: string) => protoStatusOf(s as LoggedModelStatus);

function pathParam(params: Record<string, string | string[] | undefined>, name: string): string {
  const value = params[name];
  if (typeof value !== 'string' || !value)
    throw new DomainError('invalid', `Missing value for required parameter '${name}'.`, name);
  return value;
}

async function modelResponse(db: Db, projectId: string, modelId: string) {
  return { model: loggedModelJson(await getLoggedModel(db, projectId, modelId), protoStatus) };
}

export const createLoggedModelRoute = defineRoute('editor', createLoggedModelRequest, async ({ db, caller, input }) => {
  const projectId = caller.project.id;
  const model = await createLoggedModel(db, projectId, {
    experimentId: await resolveExperimentId(db, projectId, input.experiment_id),
    name: input.name,
    sourceRunId: input.source_run_id,
    modelType: input.model_type,
    params: input.params,
    tags: input.tags,
  });
  return modelResponse(db, projectId, model.id);
});

export const getLoggedModelRoute = defineRoute(
  'viewer',
  noFieldsRequest,
  async ({ db, caller, params }) => modelResponse(db, caller.project.id, pathParam(params, 'model_id')),
  { source: 'query' },
);

export const finalizeLoggedModelRoute = defineRoute(
  'editor',
  finalizeLoggedModelRequest,
  async ({ db, caller, params, input }) => {
    const modelId = pathParam(params, 'model_id');
    await finalizeLoggedModel(db, caller.project.id, modelId, input.status);
    return modelResponse(db, caller.project.id, modelId);
  },
);

export const deleteLoggedModelRoute = defineRoute('editor', noFieldsRequest, async ({ db, caller, params }) => {
  await deleteLoggedModel(db, caller.project.id, pathParam(params, 'model_id'));
  return {};
});

export const searchLoggedModelsRoute = defineRoute(
  'viewer',
  searchLoggedModelsRequest,
  async ({ db, caller, input }) => {
    const projectId = caller.project.id;
    const clauses = parseOrInvalid('filter', () => parseLoggedModelFilter(input.filter));
    const order = parseOrInvalid('order_by', () => parseLoggedModelOrder(input.order_by));
    const experimentIds = await Promise.all(input.experiment_ids.map((id) => resolveExperimentId(db, projectId, id)));
    const offset = decodePageToken(input.page_token);
    const found = await searchLoggedModels(db, projectId, {
      experimentIds,
      clauses,
      order,
      limit: input.max_results ?? LOGGED_MODEL_LIMITS.searchDefault,
      offset,
    });
    const models = (await loadLoggedModelDetails(db, found.models)).map((d) => loggedModelJson(d, protoStatus));
    return {
      ...(models.length ? { models } : {}),
      ...(found.more ? { next_page_token: encodePageToken(offset + models.length) } : {}),
    };
  },
);

export const setLoggedModelTagsRoute = defineRoute(
  'editor',
  setLoggedModelTagsRequest,
  async ({ db, caller, params, input }) => {
    const modelId = pathParam(params, 'model_id');
    await setLoggedModelTags(db, caller.project.id, modelId, input.tags);
    return modelResponse(db, caller.project.id, modelId);
  },
);

export const deleteLoggedModelTagRoute = defineRoute('editor', noFieldsRequest, async ({ db, caller, params }) => {
  await deleteLoggedModelTag(db, caller.project.id, pathParam(params, 'model_id'), pathParam(params, 'tag_key'));
  return {};
});

export const logLoggedModelParamsRoute = defineRoute(
  'editor',
  logLoggedModelParamsRequest,
  async ({ db, caller, params, input }) => {
    await logLoggedModelParams(db, caller.project.id, pathParam(params, 'model_id'), input.params);
    return {};
  },
);

export const logOutputsRoute = defineRoute('editor', logOutputsRequest, async ({ db, caller, input }) => {
  await logRunOutputs(
    db,
    caller.project.id,
    input.run_id,
    input.models.map((m) => ({ modelId: m.model_id, step: m.step })),
  );
  return {};
});
