// Request schemas of MLflow 3's logged-model endpoints (service.proto: CreateLoggedModel, FinalizeLoggedModel,
// SearchLoggedModels, SetLoggedModelTags, LogLoggedModelParamsRequest, LogOutputs). The model id of
// `logged-models/{model_id}…` comes from the path, so the body's copy is not read.
import { z } from 'zod';
import {
  experimentId,
  integer,
  limitedText,
  optional,
  repeated,
  required,
  requiredText,
  runId,
  tag,
  text,
} from './fields';
import { body, param } from './schemas';
import { parseLoggedModelStatus } from '../tracking/logged-models';
import { LIMITS } from '../tracking/vocabulary';

export const LOGGED_MODEL_LIMITS = { searchDefault: 50, searchMax: 1000, paramsPerRequest: 100 } as const;

/** MLflow's _validate_logged_model_name: the name becomes part of URIs, so these characters are refused. */
const FORBIDDEN_NAME_CHARS = ['/', ':', '.', '%', '"', "'"];
export function loggedModelNameProblem(name: string): string | null {
  const bad = FORBIDDEN_NAME_CHARS.filter((c) => name.includes(c));
  return bad.length
    ? `Invalid model name ('${name}') provided. Model name must not contain any of the following characters: ${FORBIDDEN_NAME_CHARS.join(', ')}.`
    : null;
}

const modelName = limitedText('Logged model name', LIMITS.experimentNameLength).superRefine((name, ctx) => {
  const problem = loggedModelNameProblem(name);
  if (problem) ctx.addIssue({ code: 'custom', message: problem });
});

const status = z.unknown().transform((v, ctx) => {
  const parsed = parseLoggedModelStatus(v);
  if (parsed) return parsed;
  ctx.addIssue({
    code: 'custom',
    message:
      v === undefined || v === null
        ? 'Missing value for required parameter.'
        : `expected LOGGED_MODEL_READY or LOGGED_MODEL_UPLOAD_FAILED, got ${JSON.stringify(v)}.`,
  });
  return z.NEVER;
});

const params = repeated(param).superRefine((list, ctx) => {
  if (list.length > LOGGED_MODEL_LIMITS.paramsPerRequest)
    ctx.addIssue({
      code: 'custom',
      message: `At most ${LOGGED_MODEL_LIMITS.paramsPerRequest} params per request, got ${list.length}.`,
    });
});

export const createLoggedModelRequest = body(
  z.object({
    experiment_id: experimentId,
    name: optional(modelName),
    model_type: optional(limitedText('Model type', 500)),
    source_run_id: optional(runId),
    params,
    tags: repeated(tag),
  }),
);
export const finalizeLoggedModelRequest = body(z.object({ status: required(status) }));
export const noFieldsRequest = body(z.object({}));
export const setLoggedModelTagsRequest = body(z.object({ tags: repeated(tag) }));
export const logLoggedModelParamsRequest = body(z.object({ params }));

const bool = z.unknown().transform((v, ctx) => {
  if (typeof v === 'boolean') return v;
  if (typeof v === 'string' && /^(true|false)$/i.test(v)) return v.toLowerCase() === 'true';
  ctx.addIssue({ code: 'custom', message: `expected a boolean, got ${JSON.stringify(v)}.` });
  return z.NEVER;
});

export const searchLoggedModelsRequest = body(
  z.object({
    experiment_ids: repeated(experimentId),
    filter: optional(text),
    max_results: optional(integer({ min: 1, max: LOGGED_MODEL_LIMITS.searchMax })),
    order_by: repeated(
      z.object({
        field_name: requiredText,
        ascending: optional(bool),
        dataset_name: optional(text),
        dataset_digest: optional(text),
      }),
    ),
    page_token: optional(text),
  }),
);

export const logOutputsRequest = body(
  z.object({
    run_id: runId,
    models: repeated(
      z.object({
        model_id: requiredText,
        step: z.preprocess((v) => v ?? 0, integer({ min: 0 })),
      }),
    ),
  }),
);
