// A small MLflow tracking and registry REST 2.0 client (the calls the demo seed and the bench make), over any
// fetch-like function: global fetch against a running server, or the route handlers called in-process.
// Contract: MLflow's REST API reference, service.proto and model_registry.proto — POST bodies and GET query
// strings in snake_case, errors as {"error_code", "message"}.

export type FetchLike = (
  url: string,
  init: { method: 'GET' | 'POST' | 'PUT'; headers: Record<string, string>; body?: string | Uint8Array<ArrayBuffer> },
) => Promise<Response>;

export type MlflowTag = { key: string; value: string };
export type MlflowParam = MlflowTag;
export type MlflowMetric = { key: string; value: number; timestamp: number; step: number };
export type MlflowRunStatus = 'RUNNING' | 'SCHEDULED' | 'FINISHED' | 'FAILED' | 'KILLED';
export type MlflowDataset = {
  name: string;
  digest: string;
  source_type: string;
  source: string;
  schema?: string;
  profile?: string;
};
export type MlflowDatasetInput = { tags?: MlflowTag[]; dataset: MlflowDataset };

export type MlflowRunInfo = {
  run_id: string;
  run_uuid?: string;
  experiment_id: string;
  run_name?: string;
  /** `mlflow-artifacts:/<project>/<experiment>/<run>/artifacts` on Runboard. */
  artifact_uri?: string;
  status?: MlflowRunStatus;
  start_time?: number | string;
  end_time?: number | string;
  lifecycle_stage?: string;
};
export type MlflowRun = {
  info: MlflowRunInfo;
  data?: { metrics?: MlflowMetric[]; params?: MlflowParam[]; tags?: MlflowTag[] };
  inputs?: { dataset_inputs?: MlflowDatasetInput[] };
};
export type MlflowExperiment = { experiment_id: string; name: string; lifecycle_stage?: string };
export type MlflowModelStage = 'None' | 'Staging' | 'Production' | 'Archived';
export type MlflowModelVersion = {
  name: string;
  version: string;
  current_stage?: MlflowModelStage;
  run_id?: string;
  source?: string;
  aliases?: string[];
};
export type MlflowRegisteredModel = {
  name: string;
  aliases?: { alias: string; version: string }[];
  latest_versions?: MlflowModelVersion[];
};

/** MLflow's batch limits (mlflow/utils/validation.py): per request ≤ 1000 metrics, ≤ 100 params, ≤ 100 tags, ≤ 1000 in all. */
export const BATCH_LIMITS = { metrics: 1000, params: 100, tags: 100, total: 1000 } as const;

export class MlflowApiError extends Error {
  constructor(
    readonly status: number,
    readonly errorCode: string,
    message: string,
    readonly endpoint: string,
  ) {
    super(`${endpoint}: ${status} ${errorCode}: ${message}`);
    this.name = 'MlflowApiError';
  }
}

type Batch = { metrics: MlflowMetric[]; params: MlflowParam[]; tags: MlflowTag[] };

/** Splits one logical batch into requests within BATCH_LIMITS, params and tags first (they are few), order kept. */
export function splitBatch(batch: Partial<Batch>): Batch[] {
  const out: Batch[] = [];
  let current: Batch = { metrics: [], params: [], tags: [] };
  const size = (b: Batch) => b.metrics.length + b.params.length + b.tags.length;
  const push = <K extends keyof Batch>(kind: K, item: Batch[K][number]) => {
    if (current[kind].length >= BATCH_LIMITS[kind] || size(current) >= BATCH_LIMITS.total) {
      out.push(current);
      current = { metrics: [], params: [], tags: [] };
    }
    (current[kind] as Batch[K][number][]).push(item);
  };
  for (const p of batch.params ?? []) push('params', p);
  for (const t of batch.tags ?? []) push('tags', t);
  for (const m of batch.metrics ?? []) push('metrics', m);
  if (size(current) > 0) out.push(current);
  return out;
}

export type MlflowClientOptions = {
  /** Tracking URI, e.g. http://127.0.0.1:5000 (MLFLOW_TRACKING_URI). */
  baseUrl: string;
  /** Project API token, sent as a Bearer token (MLFLOW_TRACKING_TOKEN). */
  token: string;
  fetch: FetchLike;
};

export type MlflowFileInfo = { path: string; is_dir: boolean; file_size?: number };

/**
 * The proxy path of a file under an `mlflow-artifacts:` URI (MLflow's MlflowArtifactsRepository.resolve_uri):
 * requests go to `<tracking uri>/api/2.0/mlflow-artifacts/artifacts/<this path>`.
 */
export function artifactProxyPath(artifactUri: string, relPath = ''): string {
  if (!artifactUri.startsWith('mlflow-artifacts:'))
    throw new Error(`Not an mlflow-artifacts: URI (the proxy serves only those): ${artifactUri}`);
  const root = artifactUri.replace(/^mlflow-artifacts:\/+/, '').replace(/\/+$/, '');
  return [root, relPath.replace(/^\/+|\/+$/g, '')].filter(Boolean).join('/');
}
const encodeArtifactPath = (path: string) => path.split('/').map(encodeURIComponent).join('/');

export function createMlflowClient(opts: MlflowClientOptions) {
  const base = opts.baseUrl.replace(/\/+$/, '');
  const headers = { authorization: `Bearer ${opts.token}`, accept: 'application/json' };

  async function call<T>(method: 'GET' | 'POST', endpoint: string, input: Record<string, unknown>): Promise<T> {
    return parse<T>(await send(method, `${base}/api/2.0/mlflow/${endpoint}`, input), endpoint);
  }

  async function send(method: 'GET' | 'POST', url: string, input: Record<string, unknown>): Promise<Response> {
    let res: Response;
    if (method === 'GET') {
      const query = new URLSearchParams();
      for (const [key, value] of Object.entries(input)) if (value !== undefined) query.append(key, String(value));
      if ([...query].length) url += `?${query}`;
      res = await opts.fetch(url, { method, headers });
    } else {
      res = await opts.fetch(url, {
        method,
        headers: { ...headers, 'content-type': 'application/json' },
        body: JSON.stringify(input),
      });
    }
    return res;
  }

  async function parse<T>(res: Response, endpoint: string): Promise<T> {
    const text = await res.text();
    let json: unknown = {};
    try {
      json = text ? JSON.parse(text) : {};
    } catch {
      throw new MlflowApiError(res.status, 'MALFORMED_RESPONSE', text.slice(0, 200), endpoint);
    }
    if (!res.ok) {
      const err = json as { error_code?: string; message?: string };
      throw new MlflowApiError(res.status, err.error_code ?? 'UNKNOWN', err.message ?? text.slice(0, 200), endpoint);
    }
    return json as T;
  }

  return {
    async createExperiment(name: string, tags: MlflowTag[] = []): Promise<string> {
      const res = await call<{ experiment_id: string }>('POST', 'experiments/create', { name, tags });
      return String(res.experiment_id);
    },
    /** The experiment, or null when MLflow answers RESOURCE_DOES_NOT_EXIST. */
    async getExperimentByName(name: string): Promise<MlflowExperiment | null> {
      try {
        const res = await call<{ experiment: MlflowExperiment }>('GET', 'experiments/get-by-name', {
          experiment_name: name,
        });
        return { ...res.experiment, experiment_id: String(res.experiment.experiment_id) };
      } catch (err) {
        if (err instanceof MlflowApiError && err.errorCode === 'RESOURCE_DOES_NOT_EXIST') return null;
        throw err;
      }
    },
    async createRun(input: {
      experimentId: string;
      runName?: string;
      startTime: number;
      tags?: MlflowTag[];
    }): Promise<MlflowRunInfo> {
      const res = await call<{ run: MlflowRun }>('POST', 'runs/create', {
        experiment_id: input.experimentId,
        run_name: input.runName,
        start_time: input.startTime,
        tags: input.tags ?? [],
      });
      return res.run.info;
    },
    /** log-batch, split into as many requests as MLflow's limits need; returns the number of requests. */
    async logBatch(runId: string, batch: Partial<Batch>): Promise<number> {
      const parts = splitBatch(batch);
      for (const part of parts) await call('POST', 'runs/log-batch', { run_id: runId, ...part });
      return parts.length;
    },
    async logInputs(runId: string, datasets: MlflowDatasetInput[]): Promise<void> {
      await call('POST', 'runs/log-inputs', { run_id: runId, datasets });
    },
    async updateRun(
      runId: string,
      changes: { status?: MlflowRunStatus; endTime?: number; runName?: string },
    ): Promise<MlflowRunInfo> {
      const res = await call<{ run_info: MlflowRunInfo }>('POST', 'runs/update', {
        run_id: runId,
        status: changes.status,
        end_time: changes.endTime,
        run_name: changes.runName,
      });
      return res.run_info;
    },
    /** MLflow 2.x Model.log's last step: records the MLmodel (as JSON) in the run's mlflow.log-model.history tag. */
    async logModel(runId: string, model: Record<string, unknown>): Promise<void> {
      await call('POST', 'runs/log-model', { run_id: runId, model_json: JSON.stringify(model) });
    },

    // Artifacts, through the artifact proxy (mlflow_artifacts.proto), as HttpArtifactRepository moves them.

    /** log_artifact: one PUT of the file's bytes to `<artifactUri>/<relPath>`. */
    async logArtifact(artifactUri: string, relPath: string, bytes: Uint8Array | string, contentType: string) {
      const path = artifactProxyPath(artifactUri, relPath);
      const res = await opts.fetch(`${base}/api/2.0/mlflow-artifacts/artifacts/${encodeArtifactPath(path)}`, {
        method: 'PUT',
        headers: { ...headers, 'content-type': contentType },
        body: typeof bytes === 'string' ? bytes : new Uint8Array(bytes),
      });
      await parse(res, `mlflow-artifacts/artifacts/${path}`);
    },
    /** list_artifacts: the immediate children of `<artifactUri>/<relDir>`, names relative to that folder. */
    async listArtifacts(artifactUri: string, relDir = ''): Promise<MlflowFileInfo[]> {
      const path = artifactProxyPath(artifactUri, relDir);
      const res = await send('GET', `${base}/api/2.0/mlflow-artifacts/artifacts`, { path });
      return (await parse<{ files?: MlflowFileInfo[] }>(res, 'mlflow-artifacts/artifacts')).files ?? [];
    },
    /** download_artifacts of one file: its bytes, or null when there is no such file. */
    async downloadArtifact(artifactUri: string, relPath: string): Promise<Buffer | null> {
      const path = artifactProxyPath(artifactUri, relPath);
      const res = await opts.fetch(`${base}/api/2.0/mlflow-artifacts/artifacts/${encodeArtifactPath(path)}`, {
        method: 'GET',
        headers,
      });
      if (res.status === 404) return null;
      if (!res.ok) await parse(res, `mlflow-artifacts/artifacts/${path}`);
      return Buffer.from(await res.arrayBuffer());
    },
    async deleteRun(runId: string): Promise<void> {
      await call('POST', 'runs/delete', { run_id: runId });
    },
    async searchRuns(input: {
      experimentIds: string[];
      filter?: string;
      orderBy?: string[];
      maxResults?: number;
      pageToken?: string;
    }) {
      const res = await call<{ runs?: MlflowRun[]; next_page_token?: string }>('POST', 'runs/search', {
        experiment_ids: input.experimentIds,
        filter: input.filter ?? '',
        run_view_type: 'ACTIVE_ONLY',
        max_results: input.maxResults ?? 1000,
        order_by: input.orderBy,
        page_token: input.pageToken,
      });
      return { runs: res.runs ?? [], nextPageToken: res.next_page_token || undefined };
    },

    // Model registry (model_registry.proto)

    /** The registered model, or null when MLflow answers RESOURCE_DOES_NOT_EXIST. */
    async getRegisteredModel(name: string): Promise<MlflowRegisteredModel | null> {
      try {
        return (await call<{ registered_model: MlflowRegisteredModel }>('GET', 'registered-models/get', { name }))
          .registered_model;
      } catch (err) {
        if (err instanceof MlflowApiError && err.errorCode === 'RESOURCE_DOES_NOT_EXIST') return null;
        throw err;
      }
    },
    async createRegisteredModel(
      name: string,
      input: { description?: string; tags?: MlflowTag[] } = {},
    ): Promise<MlflowRegisteredModel> {
      const res = await call<{ registered_model: MlflowRegisteredModel }>('POST', 'registered-models/create', {
        name,
        description: input.description,
        tags: input.tags ?? [],
      });
      return res.registered_model;
    },
    async createModelVersion(input: {
      name: string;
      source: string;
      runId?: string;
      description?: string;
      tags?: MlflowTag[];
    }): Promise<MlflowModelVersion> {
      const res = await call<{ model_version: MlflowModelVersion }>('POST', 'model-versions/create', {
        name: input.name,
        source: input.source,
        run_id: input.runId,
        description: input.description,
        tags: input.tags ?? [],
      });
      return res.model_version;
    },
    /** Every version matching the filter, following page tokens. */
    async searchModelVersions(filter: string): Promise<MlflowModelVersion[]> {
      const out: MlflowModelVersion[] = [];
      let pageToken: string | undefined;
      do {
        const res = await call<{ model_versions?: MlflowModelVersion[]; next_page_token?: string }>(
          'GET',
          'model-versions/search',
          { filter, page_token: pageToken },
        );
        out.push(...(res.model_versions ?? []));
        pageToken = res.next_page_token || undefined;
      } while (pageToken);
      return out;
    },
    async transitionModelVersionStage(
      name: string,
      version: string,
      stage: MlflowModelStage,
      archiveExistingVersions: boolean,
    ): Promise<MlflowModelVersion> {
      const res = await call<{ model_version: MlflowModelVersion }>('POST', 'model-versions/transition-stage', {
        name,
        version,
        stage,
        archive_existing_versions: archiveExistingVersions,
      });
      return res.model_version;
    },
    async setRegisteredModelAlias(name: string, alias: string, version: string): Promise<void> {
      await call('POST', 'registered-models/alias', { name, alias, version });
    },
  };
}
export type MlflowClient = ReturnType<typeof createMlflowClient>;
