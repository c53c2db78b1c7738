// MLflow registered-model endpoints: registered-models/{create,get,search,rename,update,delete,set-tag,delete-tag,
// get-latest-versions,alias}.
import {
  createRegisteredModel,
  deleteModelAlias,
  deleteRegisteredModel,
  deleteRegisteredModelTag,
  getLatestVersions,
  getModelDetails,
  getModelVersionByAlias,
  getRegisteredModel,
  setModelAlias,
  setRegisteredModelTag,
  updateRegisteredModel,
} from '@/db/queries/registry';
import { searchRegisteredModelsPage } from '@/db/queries/registry-search';
import { DomainError } from '@/lib/errors';
import { decodePageToken, encodePageToken } from '@/lib/mlflow/json';
import { parseModelFilter, parseModelOrderBy } from '@/lib/registry/search-filter';
import {
  REGISTRY_LIMITS,
  aliasRequest,
  createRegisteredModelRequest,
  deleteRegisteredModelTagRequest,
  getLatestVersionsRequest,
  modelNameRequest,
  renameRegisteredModelRequest,
  searchRegisteredModelsRequest,
  setAliasRequest,
  setRegisteredModelTagRequest,
  updateRegisteredModelRequest,
} from '@/lib/mlflow/registry-schemas';
import { defineRoute } from '../api';
import { actorOf, nextOffset, parseOrInvalid } from './common';
import { modelJson, modelsJson, versionJson, versionsJson } from './registry-common';

export const createRegisteredModelRoute = defineRoute(
  'editor',
  createRegisteredModelRequest,
  async ({ db, caller, input }) => {
    const model = await createRegisteredModel(db, actorOf(caller), caller.project.id, {
      name: input.name,
      description: input.description,
      tags: input.tags,
    });
    return { registered_model: await modelJson(db, model) };
  },
);

export const getRegisteredModelRoute = defineRoute('viewer', modelNameRequest, async ({ db, caller, input }) => ({
  registered_model: await modelJson(db, await getRegisteredModel(db, caller.project.id, input.name)),
}));

export const searchRegisteredModelsRoute = defineRoute(
  'viewer',
  searchRegisteredModelsRequest,
  async ({ db, caller, input }) => {
    const offset = decodePageToken(input.page_token);
    const found = await searchRegisteredModelsPage(db, caller.project.id, {
      clauses: parseOrInvalid('filter', () => parseModelFilter(input.filter)),
      order: parseOrInvalid('order_by', () => parseModelOrderBy(input.order_by)),
      limit: input.max_results ?? REGISTRY_LIMITS.modelsDefault,
      offset,
    });
    const models = await modelsJson(db, found.models);
    const next = nextOffset(offset, models.length, found.total);
    return {
      ...(models.length ? { registered_models: models } : {}),
      ...(next !== null ? { next_page_token: encodePageToken(next) } : {}),
    };
  },
);

export const renameRegisteredModelRoute = defineRoute(
  'editor',
  renameRegisteredModelRequest,
  async ({ db, caller, input }) => {
    const model = await updateRegisteredModel(db, actorOf(caller), caller.project.id, input.name, {
      newName: input.new_name,
    });
    return { registered_model: await modelJson(db, model) };
  },
);

// As MLflow's update_registered_model, a request without a description clears it.
export const updateRegisteredModelRoute = defineRoute(
  'editor',
  updateRegisteredModelRequest,
  async ({ db, caller, input }) => {
    const model = await updateRegisteredModel(db, actorOf(caller), caller.project.id, input.name, {
      description: input.description ?? '',
    });
    return { registered_model: await modelJson(db, model) };
  },
);

export const deleteRegisteredModelRoute = defineRoute('editor', modelNameRequest, async ({ db, caller, input }) => {
  await deleteRegisteredModel(db, actorOf(caller), caller.project.id, input.name);
  return {};
});

export const setRegisteredModelTagRoute = defineRoute(
  'editor',
  setRegisteredModelTagRequest,
  async ({ db, caller, input }) => {
    await setRegisteredModelTag(db, caller.project.id, input.name, { key: input.key, value: input.value });
    return {};
  },
);

/** Deleting a tag the model does not have is not an error (MLflow's SQL store). */
export const deleteRegisteredModelTagRoute = defineRoute(
  'editor',
  deleteRegisteredModelTagRequest,
  async ({ db, caller, input }) => {
    await deleteRegisteredModelTag(db, caller.project.id, input.name, input.key);
    return {};
  },
);

/** With no `stages`, the latest version of every stage, None and Archived included. */
export const getLatestVersionsRoute = defineRoute('viewer', getLatestVersionsRequest, async ({ db, caller, input }) => {
  const versions = await getLatestVersions(db, caller.project.id, input.name, input.stages);
  const json = await versionsJson(
    db,
    versions.map((version) => ({ modelName: input.name, version })),
  );
  return json.length ? { model_versions: json } : {};
});

export const setAliasRoute = defineRoute('editor', setAliasRequest, async ({ db, caller, input }) => {
  await setModelAlias(db, actorOf(caller), caller.project.id, input.name, input.alias, input.version);
  return {};
});

/** Deleting an alias the model does not have is not an error (MLflow's SQL store); a missing model is. */
export const deleteAliasRoute = defineRoute('editor', aliasRequest, async ({ db, caller, input }) => {
  const model = await getRegisteredModel(db, caller.project.id, input.name);
  const { aliases } = await getModelDetails(db, [model.id]);
  if (aliases.some((a) => a.alias === input.alias))
    await deleteModelAlias(db, actorOf(caller), caller.project.id, input.name, input.alias);
  return {};
});

/** MLflow answers an unknown alias with INVALID_PARAMETER_VALUE, not RESOURCE_DOES_NOT_EXIST. */
export const getVersionByAliasRoute = defineRoute('viewer', aliasRequest, async ({ db, caller, input }) => {
  await getRegisteredModel(db, caller.project.id, input.name);
  const found = await getModelVersionByAlias(db, caller.project.id, input.name, input.alias).catch((err: unknown) => {
    if (err instanceof DomainError && err.kind === 'not_found')
      throw new DomainError('invalid', `Registered model alias ${input.alias} not found.`, 'alias');
    throw err;
  });
  return { model_version: await versionJson(db, found.model.name, found.version) };
});
