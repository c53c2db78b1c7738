// Registry calls for contract tests, through the in-process MLflow client of ./mlflow.
import { expect } from 'vitest';
import type { MlflowApp, MlflowReply } from './mlflow';

export type ModelVersionJson = Record<string, unknown> & {
  name: string;
  version: string;
  current_stage: string;
  tags?: { key: string; value: string }[];
  aliases?: string[];
};
export type RegisteredModelJson = Record<string, unknown> & {
  name: string;
  latest_versions?: ModelVersionJson[];
  tags?: { key: string; value: string }[];
  aliases?: { alias: string; version: string }[];
};

// model_registry.proto's RegisteredModel and ModelVersion fields, as Runboard fills them.
export const MODEL_FIELDS = [
  'aliases',
  'creation_timestamp',
  'description',
  'last_updated_timestamp',
  'latest_versions',
  'name',
  'tags',
];
export const VERSION_FIELDS = [
  'aliases',
  'creation_timestamp',
  'current_stage',
  'description',
  'last_updated_timestamp',
  'name',
  'run_id',
  'run_link',
  'source',
  'status',
  'tags',
  'version',
];

export const call = (m: MlflowApp, method: 'PATCH' | 'DELETE', path: string, body: unknown, token?: string) =>
  m.call(method, path, { body, token });

function ok(reply: MlflowReply, what: string): Record<string, unknown> {
  if (reply.status !== 200) throw new Error(`${what} failed: ${reply.status} ${reply.text}`);
  return reply.json;
}

export async function newModel(
  m: MlflowApp,
  name: string,
  extra: Record<string, unknown> = {},
  token?: string,
): Promise<RegisteredModelJson> {
  return ok(await m.post('registered-models/create', { name, ...extra }, { token }), 'registered-models/create')
    .registered_model as RegisteredModelJson;
}

export async function newVersion(
  m: MlflowApp,
  name: string,
  extra: Record<string, unknown> = {},
  token?: string,
): Promise<ModelVersionJson> {
  const body = { name, source: 's3://models/bucket/model', ...extra };
  return ok(await m.post('model-versions/create', body, { token }), 'model-versions/create')
    .model_version as ModelVersionJson;
}

export async function readModel(m: MlflowApp, name: string, token?: string): Promise<RegisteredModelJson> {
  return ok(await m.get('registered-models/get', { name }, { token }), 'registered-models/get')
    .registered_model as RegisteredModelJson;
}

export async function readVersion(m: MlflowApp, name: string, version: string | number): Promise<ModelVersionJson> {
  return ok(await m.get('model-versions/get', { name, version: String(version) }), 'model-versions/get')
    .model_version as ModelVersionJson;
}

export async function transition(
  m: MlflowApp,
  name: string,
  version: string | number,
  stage: string,
  archive = false,
): Promise<ModelVersionJson> {
  const body = { name, version: String(version), stage, archive_existing_versions: archive };
  return ok(await m.post('model-versions/transition-stage', body), 'model-versions/transition-stage')
    .model_version as ModelVersionJson;
}

export const invalid = (message: RegExp | string) => ({
  status: 400,
  error_code: 'INVALID_PARAMETER_VALUE',
  message: typeof message === 'string' ? message : expect.stringMatching(message),
});
export const missing = (message: RegExp | string) => ({
  status: 404,
  error_code: 'RESOURCE_DOES_NOT_EXIST',
  message: typeof message === 'string' ? message : expect.stringMatching(message),
});
