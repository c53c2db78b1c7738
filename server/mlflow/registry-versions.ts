// MLflow model-version endpoints: model-versions/{create,get,search,update,delete,transition-stage,set-tag,
// delete-tag,get-download-uri}.
import {
  createModelVersion,
  deleteModelVersion,
  deleteModelVersionTag,
  getModelVersion,
  setModelVersionTag,
  transitionModelVersionStage,
  updateModelVersion,
} from '@/db/queries/registry';
import { searchModelVersionsPage } from '@/db/queries/registry-search';
import { decodePageToken, encodePageToken } from '@/lib/mlflow/json';
import { parseVersionFilter, parseVersionOrderBy } from '@/lib/registry/search-filter';
import {
  REGISTRY_LIMITS,
  createModelVersionRequest,
  deleteModelVersionTagRequest,
  modelVersionRequest,
  searchModelVersionsRequest,
  setModelVersionTagRequest,
  transitionStageRequest,
  updateModelVersionRequest,
} from '@/lib/mlflow/registry-schemas';
import { defineRoute } from '../api';
import { loggedModelIdOfSource, resolveModelSource } from './model-sources';
import { actorOf, nextOffset, parseOrInvalid } from './common';
import { versionJson, versionsJson } from './registry-common';

/** Registration is synchronous, so the new version is READY at once; a run id must name a run of this project. */
export const createModelVersionRoute = defineRoute(
  'editor',
  createModelVersionRequest,
  async ({ db, caller, input }) => {
    const { model, version } = await createModelVersion(db, actorOf(caller), caller.project.id, {
      name: input.name,
      source: input.source,
      runId: input.run_id || undefined,
      loggedModelId: input.model_id || loggedModelIdOfSource(input.source) || undefined,
      runLink: input.run_link,
      description: input.description,
      tags: input.tags,
    });
    return { model_version: await versionJson(db, model.name, version) };
  },
);

export const getModelVersionRoute = defineRoute('viewer', modelVersionRequest, async ({ db, caller, input }) => {
  const { model, version } = await getModelVersion(db, caller.project.id, input.name, input.version);
  return { model_version: await versionJson(db, model.name, version) };
});

export const searchModelVersionsRoute = defineRoute(
  'viewer',
  searchModelVersionsRequest,
  async ({ db, caller, input }) => {
    const offset = decodePageToken(input.page_token);
    const found = await searchModelVersionsPage(db, caller.project.id, {
      clauses: parseOrInvalid('filter', () => parseVersionFilter(input.filter)),
      order: parseOrInvalid('order_by', () => parseVersionOrderBy(input.order_by)),
      limit: input.max_results ?? REGISTRY_LIMITS.versionsDefault,
      offset,
    });
    const versions = await versionsJson(db, found.rows);
    const next = nextOffset(offset, versions.length, found.total);
    return {
      ...(versions.length ? { model_versions: versions } : {}),
      ...(next !== null ? { next_page_token: encodePageToken(next) } : {}),
    };
  },
);

// As MLflow's update_model_version, a request without a description clears it.
export const updateModelVersionRoute = defineRoute(
  'editor',
  updateModelVersionRequest,
  async ({ db, caller, input }) => {
    const version = await updateModelVersion(
      db,
      actorOf(caller),
      caller.project.id,
      input.name,
      input.version,
      input.description ?? '',
    );
    return { model_version: await versionJson(db, input.name, version) };
  },
);

export const deleteModelVersionRoute = defineRoute('editor', modelVersionRequest, async ({ db, caller, input }) => {
  await deleteModelVersion(db, actorOf(caller), caller.project.id, input.name, input.version);
  return {};
});

/** Stage names are case-insensitive; archive_existing_versions moves the stage's other holders to Archived. */
export const transitionStageRoute = defineRoute('editor', transitionStageRequest, async ({ db, caller, input }) => {
  const { model, version } = await transitionModelVersionStage(db, actorOf(caller), caller.project.id, {
    name: input.name,
    version: input.version,
    stage: input.stage,
    archiveExisting: input.archive_existing_versions ?? false,
  });
  return { model_version: await versionJson(db, model.name, version) };
});

export const setModelVersionTagRoute = defineRoute(
  'editor',
  setModelVersionTagRequest,
  async ({ db, caller, input }) => {
    await setModelVersionTag(db, caller.project.id, input.name, input.version, { key: input.key, value: input.value });
    return {};
  },
);

/** Deleting a tag the version does not have is not an error (MLflow's SQL store). */
export const deleteModelVersionTagRoute = defineRoute(
  'editor',
  deleteModelVersionTagRequest,
  async ({ db, caller, input }) => {
    await deleteModelVersionTag(db, caller.project.id, input.name, input.version, input.key);
    return {};
  },
);

/** Where the version's files are: a `runs:/` source resolves to the run's artifact location, as MLflow's storage_location. */
export const getDownloadUriRoute = defineRoute('viewer', modelVersionRequest, async ({ db, caller, input }) => {
  const { version } = await getModelVersion(db, caller.project.id, input.name, input.version);
  return { artifact_uri: await resolveModelSource(db, caller.project.id, version.source) };
});
