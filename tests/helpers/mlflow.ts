// An in-process MLflow client for contract tests: requests go to the router's exported Next handlers the
// way Next.js would call them, against a fresh app database with two projects and tokens for every role.
import type { Db } from '@/db/client';
import type { RouteHandler } from '@/server/api';
import { openAppTestDb } from './app-db';

export type MlflowReply = { status: number; json: Record<string, unknown>; text: string };
export type CallOptions = {
  /** Raw token (sent as Bearer); null sends no Authorization header; defaults to the editor's token. */
  token?: string | null;
  authorization?: string;
  /** A JSON body (serialized) or a raw string body. */
  body?: unknown;
  query?: Record<string, string | number | (string | number)[]>;
  prefix?: '/api/2.0/mlflow/' | '/ajax-api/2.0/mlflow/' | '/api/2.0/preview/mlflow/';
};

export type ArtifactReply = MlflowReply & { bytes: Buffer; headers: Headers };
export type ArtifactCallOptions = {
  token?: string | null;
  body?: string | Uint8Array | Record<string, unknown>;
  headers?: Record<string, string>;
  query?: Record<string, string>;
  prefix?: '/api/2.0/mlflow-artifacts/' | '/ajax-api/2.0/mlflow-artifacts/';
};

export async function openMlflowApp() {
  const app = await openAppTestDb();
  const db: Db = app.handle.db;
  const router = await import('@/server/mlflow/router');
  const { createUser } = await import('@/db/queries/users');
  const { addMember, createProject } = await import('@/db/queries/projects');
  const { createApiToken, revokeApiToken } = await import('@/db/queries/tokens');

  const user = async (key: string) =>
    createUser(db, null, { email: `${key}@mlflow.test`, name: `The ${key}`, password: 'long-enough-pw' });
  const [owner, editor, viewer, outsider] = [
    await user('owner'),
    await user('editor'),
    await user('viewer'),
    await user('outsider'),
  ];
  const project = await createProject(db, owner, { slug: 'tracking', name: 'Tracking', problemStatement: '' });
  await addMember(db, owner, project.id, editor.email, 'editor');
  await addMember(db, owner, project.id, viewer.email, 'viewer');
  const other = await createProject(db, outsider, { slug: 'elsewhere', name: 'Elsewhere', problemStatement: '' });
  const tokenFor = async (who: { id: string; isAdmin: boolean }, projectId: string) =>
    (await createApiToken(db, who, projectId, 'test')).token;
  const revoked = await createApiToken(db, owner, project.id, 'revoked');
  await revokeApiToken(db, owner, project.id, revoked.row.id);
  const tokens = {
    owner: await tokenFor(owner, project.id),
    editor: await tokenFor(editor, project.id),
    viewer: await tokenFor(viewer, project.id),
    other: await tokenFor(outsider, other.id),
    revoked: revoked.token,
  };

  const handlers: Record<string, RouteHandler> = {
    GET: router.GET,
    POST: router.POST,
    PATCH: router.PATCH,
    DELETE: router.DELETE,
  };

  async function call(method: string, path: string, opts: CallOptions = {}): Promise<MlflowReply> {
    const url = new URL(`http://localhost${opts.prefix ?? '/api/2.0/mlflow/'}${path}`);
    for (const [k, v] of Object.entries(opts.query ?? {}))
      for (const item of Array.isArray(v) ? v : [v]) url.searchParams.append(k, String(item));
    const headers = new Headers({ 'content-type': 'application/json' });
    const token = opts.token === undefined ? tokens.editor : opts.token;
    if (opts.authorization) headers.set('authorization', opts.authorization);
    else if (token !== null) headers.set('authorization', `Bearer ${token}`);
    const body =
      opts.body === undefined ? undefined : typeof opts.body === 'string' ? opts.body : JSON.stringify(opts.body);
    const req = new Request(url, { method, headers, body: method === 'GET' ? undefined : body });
    const handler = handlers[method];
    if (!handler) throw new Error(`The router exports no ${method} handler`);
    const res = await handler(req, { params: Promise.resolve({ path: path.split('/') }) });
    const text = await res.text();
    let json: Record<string, unknown> = {};
    try {
      json = JSON.parse(text) as Record<string, unknown>;
    } catch {
      json = {};
    }
    return { status: res.status, json, text };
  }

  const proxy = await import('@/server/mlflow/artifact-proxy');
  const proxyHandlers: Record<string, RouteHandler> = {
    GET: proxy.GET,
    PUT: proxy.PUT,
    POST: proxy.POST,
    DELETE: proxy.DELETE,
  };

  /**
   * Calls the artifact proxy as Next.js would: `rawPath` is the URL path after `/api/2.0/mlflow-artifacts/`,
   * still %-encoded as the client sent it; the catch-all parameter gets its segments decoded.
   */
  async function artifacts(method: string, rawPath: string, opts: ArtifactCallOptions = {}): Promise<ArtifactReply> {
    const url = new URL(`http://localhost${opts.prefix ?? '/api/2.0/mlflow-artifacts/'}${rawPath}`);
    for (const [k, v] of Object.entries(opts.query ?? {})) url.searchParams.append(k, v);
    const headers = new Headers(opts.headers);
    const token = opts.token === undefined ? tokens.editor : opts.token;
    if (token !== null) headers.set('authorization', `Bearer ${token}`);
    const init: RequestInit & { duplex?: 'half' } = { method, headers };
    if (opts.body !== undefined) {
      init.body =
        typeof opts.body === 'string'
          ? opts.body
          : opts.body instanceof Uint8Array
            ? new Blob([new Uint8Array(opts.body)])
            : JSON.stringify(opts.body);
      if (!(opts.body instanceof Uint8Array) && typeof opts.body !== 'string')
        headers.set('content-type', 'application/json');
      init.duplex = 'half';
    }
    const handler = proxyHandlers[method];
    if (!handler) throw new Error(`The artifact proxy exports no ${method} handler`);
    const segments = rawPath.split('?')[0]!.split('/').map(decodeURIComponent);
    const res = await handler(new Request(url, init), { params: Promise.resolve({ path: segments }) });
    const bytes = Buffer.from(await res.arrayBuffer());
    let json: Record<string, unknown> = {};
    try {
      json = JSON.parse(bytes.toString('utf8')) as Record<string, unknown>;
    } catch {
      json = {};
    }
    return { status: res.status, json, text: bytes.toString('utf8'), bytes, headers: res.headers };
  }

  const post = (path: string, body: unknown, opts: Omit<CallOptions, 'body'> = {}) =>
    call('POST', path, { ...opts, body });
  const get = (path: string, query: CallOptions['query'] = {}, opts: Omit<CallOptions, 'query'> = {}) =>
    call('GET', path, { ...opts, query });

  return {
    app,
    db,
    project,
    other,
    tokens,
    users: { owner, editor, viewer, outsider },
    call,
    post,
    get,
    artifacts,
    cleanup: () => app.cleanup(),
  };
}

export type MlflowApp = Awaited<ReturnType<typeof openMlflowApp>>;

/** Asserts an MLflow error reply and returns its message. */
export function errorOf(reply: MlflowReply): { status: number; error_code: unknown; message: unknown } {
  return { status: reply.status, error_code: reply.json.error_code, message: reply.json.message };
}

/** Creates an experiment through the API and returns its id. */
export async function newExperiment(m: MlflowApp, name: string, token?: string): Promise<string> {
  const res = await m.post('experiments/create', { name }, { token });
  if (res.status !== 200) throw new Error(`experiments/create failed: ${res.text}`);
  return res.json.experiment_id as string;
}

/** Creates a run through the API and returns its id. */
export async function newRun(m: MlflowApp, body: Record<string, unknown> = {}, token?: string): Promise<string> {
  const res = await m.post('runs/create', body, { token });
  if (res.status !== 200) throw new Error(`runs/create failed: ${res.text}`);
  return (res.json.run as { info: { run_id: string } }).info.run_id;
}

type RunJson = {
  info: Record<string, unknown>;
  data: {
    metrics?: { key: string; value: unknown }[];
    params?: { key: string; value: string }[];
    tags?: { key: string; value: string }[];
  };
  inputs: { dataset_inputs?: unknown[] };
};

/** Reads a run back through runs/get. */
export async function readRun(m: MlflowApp, runId: string): Promise<RunJson> {
  const res = await m.get('runs/get', { run_id: runId });
  if (res.status !== 200) throw new Error(`runs/get failed: ${res.text}`);
  return res.json.run as RunJson;
}
