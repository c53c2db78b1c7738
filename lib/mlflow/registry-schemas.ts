// Request schemas of MLflow's model registry REST API 2.0 (mlflow/protos/model_registry.proto, with the checks
// of mlflow/server/handlers.py and mlflow/utils/validation.py). Unknown fields are dropped.
import { z } from 'zod';
import { integer, limitedText, optional, repeated, required, requiredText, tag, text } from './fields';
import { body } from './schemas';
import { MODEL_STAGES, parseStage } from '../registry/vocabulary';

/** MLflow's SQL store keeps names in a VARCHAR(256). */
export const MODEL_NAME_LENGTH = 256;
export const ALIAS_LENGTH = 255;
/** MLflow's limits (SEARCH_REGISTERED_MODEL_MAX_RESULTS_*, SEARCH_MODEL_VERSION_MAX_RESULTS_* and the proto default). */
export const REGISTRY_LIMITS = {
  modelsDefault: 100,
  modelsMax: 1000,
  versionsDefault: 200_000,
  versionsMax: 200_000,
} as const;

const modelName = required(limitedText('Registered model name', MODEL_NAME_LENGTH));

/** Versions are strings of digits in MLflow's JSON; numbers are accepted too. The column is a 32-bit integer. */
const version = integer({ min: 1, max: 2_147_483_647 });

export const stage = requiredText.transform((value, ctx) => {
  const canonical = parseStage(value);
  if (!canonical) {
    ctx.addIssue({
      code: 'custom',
      message: `Invalid Model Version stage: ${value}. Value must be one of ${MODEL_STAGES.join(', ')}.`,
    });
    return z.NEVER;
  }
  return canonical;
});

/** MLflow's _validate_model_alias_name: word characters and dashes, not 'latest' or a version like 'v3'. */
export function aliasProblem(alias: string): string | null {
  if (!/^[\p{L}\p{N}_-]*$/u.test(alias)) {
    return `Invalid alias name: '${alias}'. Names may only contain alphanumerics, underscores (_), and dashes (-).`;
  }
  if ([...alias].length > ALIAS_LENGTH)
    return `'Registered model alias name' exceeds the maximum length of ${ALIAS_LENGTH} characters`;
  if (alias.toLowerCase() === 'latest') return "'latest' alias name (case insensitive) is reserved.";
  if (/^[vV]\d+$/.test(alias)) return `Version alias name '${alias}' is reserved.`;
  return null;
}

const alias = requiredText.superRefine((value, ctx) => {
  const problem = aliasProblem(value);
  if (problem) ctx.addIssue({ code: 'custom', message: problem });
});

const bool = z.unknown().transform((v, ctx) => {
  if (typeof v === 'boolean') return v;
  if (typeof v === 'string' && /^(true|false)$/i.test(v)) return v.toLowerCase() === 'true';
  ctx.addIssue({ code: 'custom', message: `expected a boolean, got ${JSON.stringify(v)}.` });
  return z.NEVER;
});

/** Repeated %-decoding as Python's unquote_plus loop does; a malformed escape stops it. */
function fullyDecoded(source: string): string {
  let current = source;
  for (let i = 0; i < 10; i++) {
    let next: string;
    try {
      next = decodeURIComponent(current.replace(/\+/g, ' '));
    } catch {
      return current;
    }
    if (next === current) return current;
    current = next;
  }
  return current;
}

/**
 * MLflow's source checks (_validate_source_run): a local path is only allowed inside the run's local artifact
 * directory, which Runboard runs never have, and a URI must not climb with relative path segments.
 */
export function modelSourceProblem(source: string): string | null {
  const scheme = /^([A-Za-z][A-Za-z0-9+.-]*):/.exec(source)?.[1]?.toLowerCase();
  if (!scheme || scheme === 'file') {
    return (
      `Invalid model version source: '${source}'. To use a local path as a model version source, the run_id request parameter ` +
      'has to be specified and the local path has to be contained within the artifact directory of the run specified by the run_id.'
    );
  }
  const decoded = fullyDecoded(source);
  if (decoded.includes('\u0000') || decoded.split('/').some((segment) => segment === '..' || segment === '.')) {
    return (
      `Invalid model version source: '${source}'. If supplying a source as an http, https, local file path, ftp, objectstore, ` +
      'or mlflow-artifacts uri, an absolute path must be provided without relative path references present. Please provide an absolute path.'
    );
  }
  return null;
}

const source = requiredText.superRefine((value, ctx) => {
  const problem = modelSourceProblem(value);
  if (problem) ctx.addIssue({ code: 'custom', message: problem });
});

const orderBy = repeated(text);
const pageToken = optional(text);

// Registered models

export const createRegisteredModelRequest = body(
  z.object({ name: modelName, tags: repeated(tag), description: optional(text) }),
);
export const modelNameRequest = body(z.object({ name: modelName }));
export const renameRegisteredModelRequest = body(z.object({ name: modelName, new_name: modelName }));
export const updateRegisteredModelRequest = body(z.object({ name: modelName, description: optional(text) }));
export const setRegisteredModelTagRequest = body(z.object({ name: modelName, ...tag.shape }));
export const deleteRegisteredModelTagRequest = body(z.object({ name: modelName, key: requiredText }));
export const getLatestVersionsRequest = body(z.object({ name: modelName, stages: repeated(stage) }));
export const searchRegisteredModelsRequest = body(
  z.object({
    filter: optional(text),
    max_results: optional(integer({ min: 1, max: REGISTRY_LIMITS.modelsMax })),
    order_by: orderBy,
    page_token: pageToken,
  }),
);
export const setAliasRequest = body(z.object({ name: modelName, alias, version }));
export const aliasRequest = body(z.object({ name: modelName, alias }));

// Model versions

export const createModelVersionRequest = body(
  z.object({
    name: modelName,
    source,
    run_id: optional(text),
    tags: repeated(tag),
    run_link: optional(text),
    description: optional(text),
    // MLflow 3: the logged model this version registers (its source is then `models:/<model_id>`).
    model_id: optional(text),
  }),
);
export const modelVersionRequest = body(z.object({ name: modelName, version }));
export const updateModelVersionRequest = body(z.object({ name: modelName, version, description: optional(text) }));
export const transitionStageRequest = body(
  z.object({ name: modelName, version, stage, archive_existing_versions: optional(bool) }).superRefine((v, ctx) => {
    if (v.archive_existing_versions && v.stage !== 'Staging' && v.stage !== 'Production') {
      ctx.addIssue({
        code: 'custom',
        path: ['archive_existing_versions'],
        message: `Model version transition cannot archive existing model versions because '${v.stage}' is not an Active stage. Valid stages are ['Staging', 'Production']`,
      });
    }
  }),
);
export const setModelVersionTagRequest = body(z.object({ name: modelName, version, ...tag.shape }));
export const deleteModelVersionTagRequest = body(z.object({ name: modelName, version, key: requiredText }));
export const searchModelVersionsRequest = body(
  z.object({
    filter: optional(text),
    max_results: optional(integer({ min: 1, max: REGISTRY_LIMITS.versionsMax })),
    order_by: orderBy,
    page_token: pageToken,
  }),
);
