// MLflow's artifact proxy (mlflow_artifacts.proto), mounted under /api/2.0/mlflow-artifacts/ and
// /ajax-api/2.0/mlflow-artifacts/: what the client's HttpArtifactRepository calls for `mlflow-artifacts:/` URIs.
// Paths are `<project>/<experiment>/<run>/artifacts/…`; the first segment must be the token's project.
import { z } from 'zod';
import { UnsafeArtifactPath, artifactSegments } from '@/lib/artifacts/paths';
import { ApiError, type Caller, type RouteContext, type RouteHandler, defineDispatch, defineRoute } from '../api';
import { artifactTooLarge, maxArtifactBytes } from '../artifacts/limits';
import { getArtifactStore } from '../artifacts/store';
import { fromWebBody, toWebStream } from '../artifacts/web-stream';
import { listArtifactFiles } from '../artifacts/files';

const noInput = z.object({}).passthrough();

type Params = Record<string, string | string[] | undefined>;
const segmentsOf = (path: Params[string]) => (Array.isArray(path) ? path : typeof path === 'string' ? [path] : []);

/** The catch-all segments after the endpoint name (`artifacts/<these>`), as one store path inside the caller's project. */
const projectPath = (params: Params, skip: number, caller: Caller) =>
  checkProjectPath(segmentsOf(params.path).slice(skip), caller);

function checkProjectPath(raw: string | string[], caller: Caller): string {
  let segments: string[];
  try {
    segments = artifactSegments(raw);
  } catch (err) {
    if (err instanceof UnsafeArtifactPath) throw new ApiError(400, 'INVALID_PARAMETER_VALUE', err.message);
    throw err;
  }
  // A path belongs to one project: another project's (or none) is answered as absent, as everywhere else.
  if (segments[0] !== caller.project.slug)
    throw new ApiError(404, 'RESOURCE_DOES_NOT_EXIST', `Artifact '${segments.join('/')}' not found.`);
  return segments.join('/');
}

const downloadRoute = defineRoute(
  'viewer',
  noInput,
  async ({ caller, params }) => {
    const key = projectPath(params, 1, caller);
    const file = await getArtifactStore().get(key);
    if (!file) throw new ApiError(404, 'RESOURCE_DOES_NOT_EXIST', `Artifact '${key}' not found.`);
    const name = key.slice(key.lastIndexOf('/') + 1);
    return new Response(toWebStream(file.stream), {
      headers: {
        'content-type': 'application/octet-stream',
        'content-length': String(file.size),
        // User files are never rendered on Runboard's origin.
        'content-disposition': `attachment; filename*=UTF-8''${encodeURIComponent(name)}`,
        'x-content-type-options': 'nosniff',
        'content-security-policy': 'sandbox',
      },
    });
  },
  { source: 'query' },
);

const uploadRoute = defineRoute(
  'editor',
  noInput,
  async ({ req, caller, params }) => {
    const key = projectPath(params, 1, caller);
    const max = maxArtifactBytes();
    if (Number(req.headers.get('content-length') ?? 0) > max) throw artifactTooLarge(max);
    await getArtifactStore().put(key, fromWebBody(req.body), max);
    return {};
  },
  { source: 'query' },
);

const deleteRoute = defineRoute(
  'editor',
  noInput,
  async ({ caller, params }) => {
    const key = projectPath(params, 1, caller);
    if (key === caller.project.slug)
      throw new ApiError(400, 'INVALID_PARAMETER_VALUE', 'Refusing to delete every artifact of the project.');
    await getArtifactStore().deletePrefix(key);
    return {};
  },
  { source: 'query' },
);

const listRoute = defineRoute(
  'viewer',
  z.object({ path: z.string().optional() }),
  async ({ caller, input }) => {
    const dir = input.path ? checkProjectPath(input.path.replace(/\/+$/, ''), caller) : '';
    const files = dir
      ? await listArtifactFiles(getArtifactStore(), dir)
      : [{ path: caller.project.slug, is_dir: true }];
    return files.length ? { files } : {};
  },
  { source: 'query' },
);

// MLflow's client checks for this message's start to fall back to a plain PUT.
const MPU_UNSUPPORTED = 'Multipart upload is not supported for the current artifact repository';

function multipartStore() {
  const store = getArtifactStore();
  if (!store.createMultipartUpload || !store.completeMultipartUpload || !store.abortMultipartUpload)
    throw new ApiError(
      501,
      'NOT_IMPLEMENTED',
      `${MPU_UNSUPPORTED} (local disk; set RUNBOARD_ARTIFACTS_URI=s3://… to enable it).`,
    );
  return store as Required<typeof store>;
}

/** The object a multipart request targets: the directory in the URL plus the base name of the client's local file. */
function multipartKey(params: Params, caller: Caller, localFile: string): string {
  const dir = projectPath(params, 2, caller);
  const base = localFile.split(/[/\\]/).pop() ?? '';
  return checkProjectPath([...dir.split('/'), base], caller);
}

const mpuCreateRoute = defineRoute(
  'editor',
  z.object({ path: z.string().min(1), num_parts: z.coerce.number().int().min(1).max(10_000).default(1) }),
  async ({ caller, params, input }) => {
    const store = multipartStore();
    const key = multipartKey(params, caller, input.path);
    const created = await store.createMultipartUpload(key, input.num_parts);
    return { upload_id: created.uploadId, credentials: created.credentials };
  },
);

const mpuCompleteRoute = defineRoute(
  'editor',
  z.object({
    path: z.string().min(1),
    upload_id: z.string().min(1),
    parts: z.array(
      z.object({ part_number: z.coerce.number().int().min(1), etag: z.string(), url: z.string().optional() }),
    ),
  }),
  async ({ caller, params, input }) => {
    const store = multipartStore();
    const key = multipartKey(params, caller, input.path);
    await store.completeMultipartUpload(key, input.upload_id, input.parts);
    const max = maxArtifactBytes();
    const stat = await store.stat(key);
    if (stat && stat.size > max) {
      await store.deletePrefix(key);
      throw artifactTooLarge(max);
    }
    return {};
  },
);

const mpuAbortRoute = defineRoute(
  'editor',
  z.object({ path: z.string().min(1), upload_id: z.string().min(1) }),
  async ({ caller, params, input }) => {
    const store = multipartStore();
    const key = multipartKey(params, caller, input.path);
    await store.abortMultipartUpload(key, input.upload_id);
    return {};
  },
);

/** "METHOD endpoint": the endpoint is the first path segment(s); `*` stands for the artifact path after it. */
export const ARTIFACT_ROUTES: Readonly<Record<string, RouteHandler>> = {
  'GET artifacts': listRoute,
  'GET artifacts/*': downloadRoute,
  'PUT artifacts/*': uploadRoute,
  'DELETE artifacts/*': deleteRoute,
  'POST mpu/create/*': mpuCreateRoute,
  'POST mpu/complete/*': mpuCompleteRoute,
  'POST mpu/abort/*': mpuAbortRoute,
};

const endpointNotFound = defineRoute(
  'viewer',
  z.unknown(),
  async ({ req }) => {
    throw new ApiError(
      404,
      'ENDPOINT_NOT_FOUND',
      `No MLflow artifacts endpoint ${req.method} ${new URL(req.url).pathname}.`,
    );
  },
  { source: 'query' },
);

function routeFor(method: string, segments: string[]): RouteHandler {
  if (segments[0] === 'artifacts')
    return ARTIFACT_ROUTES[segments.length === 1 ? `${method} artifacts` : `${method} artifacts/*`] ?? endpointNotFound;
  if (segments[0] === 'mpu' && segments.length > 2)
    return ARTIFACT_ROUTES[`${method} mpu/${segments[1]}/*`] ?? endpointNotFound;
  return endpointNotFound;
}

async function dispatch(req: Request, ctx: RouteContext): Promise<Response> {
  return routeFor(req.method, segmentsOf((await ctx.params).path))(req, ctx);
}

// Viewer is the least any endpoint needs; uploads and deletes enforce editor in their own handlers.
export const GET = defineDispatch('viewer', dispatch);
export const PUT = defineDispatch('viewer', dispatch);
export const POST = defineDispatch('viewer', dispatch);
export const DELETE = defineDispatch('viewer', dispatch);
