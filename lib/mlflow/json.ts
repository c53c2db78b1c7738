// Runboard rows → MLflow's proto JSON (mlflow/protos/service.proto as MLflow's message_to_json writes it):
// snake_case, enum names, ids as strings, int64 times as JSON numbers, non-finite doubles as the strings
// "NaN" / "Infinity" / "-Infinity", and unset fields or empty lists left out (proto2 semantics).
import { DomainError } from '../errors';

type KeyValue = { key: string; value: string };

export type ExperimentRow = {
  id: number;
  name: string;
  artifactLocation: string;
  lifecycleStage: string;
  createdAt: Date;
  updatedAt: Date;
};
export type RunRow = {
  id: string;
  name: string;
  experimentId: number;
  userId: string;
  status: string;
  startTime: number;
  endTime: number | null;
  artifactUri: string;
  lifecycleStage: string;
};
export type MetricRow = { key: string; value: number; timestamp: number; step: number };
export type DatasetInputRow = {
  tags: KeyValue[];
  dataset: {
    name: string;
    digest: string;
    sourceType: string;
    source: string;
    schema: string | null;
    profile: string | null;
  };
};

/** A double as proto JSON writes it: JSON has no NaN or infinities, so those become strings. */
export function protoDouble(value: number): number | string {
  if (Number.isNaN(value)) return 'NaN';
  if (value === Infinity) return 'Infinity';
  if (value === -Infinity) return '-Infinity';
  return value;
}

/** Drops unset fields and empty repeated fields, as proto2 JSON does. */
export function compact<T extends Record<string, unknown>>(fields: T): Partial<T> {
  const out: Partial<T> = {};
  for (const [k, v] of Object.entries(fields) as [keyof T, T[keyof T]][]) {
    if (v === null || v === undefined || (Array.isArray(v) && v.length === 0)) continue;
    out[k] = v;
  }
  return out;
}

const keyValues = (list: KeyValue[]) => list.map((t) => ({ key: t.key, value: t.value }));

export function experimentJson(e: ExperimentRow, tags: KeyValue[] = []) {
  return compact({
    experiment_id: String(e.id),
    name: e.name,
    artifact_location: e.artifactLocation,
    lifecycle_stage: e.lifecycleStage,
    last_update_time: e.updatedAt.getTime(),
    creation_time: e.createdAt.getTime(),
    tags: keyValues(tags),
  });
}

export function runInfoJson(r: RunRow) {
  return compact({
    run_id: r.id,
    run_uuid: r.id,
    run_name: r.name,
    experiment_id: String(r.experimentId),
    user_id: r.userId,
    status: r.status,
    start_time: r.startTime,
    end_time: r.endTime,
    artifact_uri: r.artifactUri,
    lifecycle_stage: r.lifecycleStage,
  });
}

export function metricJson(m: MetricRow) {
  return { key: m.key, value: protoDouble(m.value), timestamp: m.timestamp, step: m.step };
}

export function datasetInputJson(input: DatasetInputRow) {
  const d = input.dataset;
  return compact({
    tags: keyValues(input.tags),
    dataset: compact({
      name: d.name,
      digest: d.digest,
      source_type: d.sourceType,
      source: d.source,
      schema: d.schema,
      profile: d.profile,
    }),
  });
}

export function runJson(
  run: RunRow,
  data: { params: KeyValue[]; tags: KeyValue[]; metrics: MetricRow[] },
  inputs: DatasetInputRow[] = [],
  outputs: { modelId: string; step: number }[] = [],
) {
  return {
    info: runInfoJson(run),
    data: compact({
      metrics: data.metrics.map(metricJson),
      params: keyValues(data.params),
      tags: keyValues(data.tags),
    }),
    inputs: compact({ dataset_inputs: inputs.map(datasetInputJson) }),
    ...(outputs.length ? { outputs: runOutputsJson(outputs) } : {}),
  };
}

/** Page tokens are opaque to clients; like MLflow's, they are base64 of `{"offset": n}`. */
export function encodePageToken(offset: number): string {
  return Buffer.from(JSON.stringify({ offset }), 'utf8').toString('base64');
}

export function decodePageToken(token: string | undefined): number {
  if (!token) return 0;
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(token))
    throw new DomainError('invalid', 'Invalid page token, could not base64-decode', 'page_token');
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(token, 'base64').toString('utf8'));
  } catch {
    throw new DomainError('invalid', 'Invalid page token, could not decode it.', 'page_token');
  }
  const offset = parsed && typeof parsed === 'object' ? (parsed as { offset?: unknown }).offset : undefined;
  const n = typeof offset === 'string' ? Number(offset) : offset;
  if (typeof n !== 'number' || !Number.isSafeInteger(n) || n < 1) {
    throw new DomainError('invalid', `Invalid page token, parsed value=${JSON.stringify(parsed)}`, 'page_token');
  }
  return n;
}

export type LoggedModelJsonInput = {
  model: {
    id: string;
    experimentId: number;
    name: string;
    createdAt: Date;
    updatedAt: Date;
    artifactLocation: string;
    status: string;
    statusMessage: string | null;
    modelType: string | null;
    sourceRunId: string | null;
  };
  tags: KeyValue[];
  params: KeyValue[];
  metrics: (MetricRow & { runId: string | null; datasetName: string | null; datasetDigest: string | null })[];
  registrations: { name: string; version: number }[];
};

/** service.proto's LoggedModel: `{info, data}`; `protoStatus` maps the stored status to its LOGGED_MODEL_* name. */
export function loggedModelJson(d: LoggedModelJsonInput, protoStatus: (status: string) => string) {
  const m = d.model;
  return {
    info: compact({
      model_id: m.id,
      experiment_id: String(m.experimentId),
      name: m.name,
      creation_timestamp_ms: m.createdAt.getTime(),
      last_updated_timestamp_ms: m.updatedAt.getTime(),
      artifact_uri: m.artifactLocation,
      status: protoStatus(m.status),
      model_type: m.modelType,
      source_run_id: m.sourceRunId,
      status_message: m.statusMessage,
      tags: keyValues(d.tags),
      registrations: d.registrations.map((r) => ({ name: r.name, version: String(r.version) })),
    }),
    data: compact({
      params: keyValues(d.params),
      metrics: d.metrics.map((x) =>
        compact({
          ...metricJson(x),
          dataset_name: x.datasetName,
          dataset_digest: x.datasetDigest,
          model_id: m.id,
          run_id: x.runId,
        }),
      ),
    }),
  };
}

/** RunOutputs: the logged models a run produced. */
export const runOutputsJson = (outputs: { modelId: string; step: number }[]) =>
  compact({ model_outputs: outputs.map((o) => ({ model_id: o.modelId, step: o.step })) });
