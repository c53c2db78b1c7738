// The MLflow tracking REST API 2.0, mounted by the catch-all routes under /api/2.0/mlflow/,
// /ajax-api/2.0/mlflow/ and /api/2.0/preview/mlflow/: "METHOD path" → a handler built with defineRoute.
import { z } from 'zod';
import { ApiError, type RouteContext, type RouteHandler, defineDispatch, defineRoute } from '../api';
import {
  createExperimentRoute,
  deleteExperimentRoute,
  deleteExperimentTagRoute,
  getExperimentByNameRoute,
  getExperimentRoute,
  listExperimentsRoute,
  restoreExperimentRoute,
  searchExperimentsRoute,
  setExperimentTagRoute,
  updateExperimentRoute,
} from './experiments';
import { listArtifactsRoute, logModelRoute } from './artifacts';
import { getHistoryBulkIntervalRoute, getMetricHistoryRoute } from './metric-history';
import {
  deleteTagRoute,
  logBatchRoute,
  logInputsRoute,
  logMetricRoute,
  logParamRoute,
  setTagRoute,
} from './run-logging';
import { createRunRoute, deleteRunRoute, getRunRoute, restoreRunRoute, searchRunsRoute, updateRunRoute } from './runs';
import { REGISTRY_ROUTES } from './registry-routes';
import {
  createLoggedModelRoute,
  deleteLoggedModelRoute,
  deleteLoggedModelTagRoute,
  finalizeLoggedModelRoute,
  getLoggedModelRoute,
  logLoggedModelParamsRoute,
  logOutputsRoute,
  searchLoggedModelsRoute,
  setLoggedModelTagsRoute,
} from './logged-models';

export const MLFLOW_ROUTES: Readonly<Record<string, RouteHandler>> = {
  'POST experiments/create': createExperimentRoute,
  'GET experiments/get': getExperimentRoute,
  'GET experiments/get-by-name': getExperimentByNameRoute,
  'POST experiments/search': searchExperimentsRoute,
  'GET experiments/search': searchExperimentsRoute,
  'GET experiments/list': listExperimentsRoute,
  'POST experiments/update': updateExperimentRoute,
  'POST experiments/delete': deleteExperimentRoute,
  'POST experiments/restore': restoreExperimentRoute,
  'POST experiments/set-experiment-tag': setExperimentTagRoute,
  'POST experiments/delete-experiment-tag': deleteExperimentTagRoute,
  'POST runs/create': createRunRoute,
  'GET runs/get': getRunRoute,
  'POST runs/update': updateRunRoute,
  'POST runs/delete': deleteRunRoute,
  'POST runs/restore': restoreRunRoute,
  'POST runs/log-metric': logMetricRoute,
  'POST runs/log-parameter': logParamRoute,
  'POST runs/set-tag': setTagRoute,
  'POST runs/delete-tag': deleteTagRoute,
  'POST runs/log-batch': logBatchRoute,
  'POST runs/search': searchRunsRoute,
  'POST runs/log-inputs': logInputsRoute,
  'GET metrics/get-history': getMetricHistoryRoute,
  'GET artifacts/list': listArtifactsRoute,
  'POST runs/log-model': logModelRoute,
  'GET metrics/get-history-bulk-interval': getHistoryBulkIntervalRoute,
  'POST runs/outputs': logOutputsRoute,
  // MLflow 3's logged models; `{name}` is one path segment, handed to the handler as a route param.
  'POST logged-models': createLoggedModelRoute,
  'POST logged-models/search': searchLoggedModelsRoute,
  'GET logged-models/{model_id}': getLoggedModelRoute,
  'PATCH logged-models/{model_id}': finalizeLoggedModelRoute,
  'DELETE logged-models/{model_id}': deleteLoggedModelRoute,
  'PATCH logged-models/{model_id}/tags': setLoggedModelTagsRoute,
  'DELETE logged-models/{model_id}/tags/{tag_key}': deleteLoggedModelTagRoute,
  'POST logged-models/{model_id}/params': logLoggedModelParamsRoute,
  ...REGISTRY_ROUTES,
};

const PATTERN_ROUTES = Object.entries(MLFLOW_ROUTES)
  .filter(([key]) => key.includes('{'))
  .map(([key, handler]) => {
    const [method, path] = key.split(' ') as [string, string];
    return { method, segments: path.split('/'), handler };
  });

/** The handler for a path with `{name}` segments, and the values those segments took. */
function matchPattern(
  method: string,
  segments: string[],
): { handler: RouteHandler; values: Record<string, string> } | null {
  for (const route of PATTERN_ROUTES) {
    if (route.method !== method || route.segments.length !== segments.length) continue;
    const values: Record<string, string> = {};
    const ok = route.segments.every((part, i) => {
      if (part.startsWith('{')) {
        values[part.slice(1, -1)] = segments[i]!;
        return true;
      }
      return part === segments[i];
    });
    if (ok) return { handler: route.handler, values };
  }
  return null;
}

// Authenticated like every endpoint, so an unknown path tells an anonymous caller nothing; the body is never read.
const endpointNotFound = defineRoute(
  'viewer',
  z.unknown(),
  async ({ req }) => {
    throw new ApiError(404, 'ENDPOINT_NOT_FOUND', `No MLflow API endpoint ${req.method} ${new URL(req.url).pathname}.`);
  },
  { source: 'query' },
);

async function dispatch(req: Request, ctx: RouteContext): Promise<Response> {
  const { path } = await ctx.params;
  const segments = (Array.isArray(path) ? path : typeof path === 'string' ? [path] : []).filter(Boolean);
  const key = `${req.method} ${segments.join('/')}`;
  const exact = key.includes('{') ? undefined : MLFLOW_ROUTES[key];
  if (exact) return exact(req, ctx);
  const pattern = matchPattern(req.method, segments);
  if (!pattern) return endpointNotFound(req, ctx);
  const params = await ctx.params;
  return pattern.handler(req, { params: Promise.resolve({ ...params, ...pattern.values }) });
}

// Viewer is the least any endpoint needs; each endpoint's own handler enforces editor for writes.
export const GET = defineDispatch('viewer', dispatch);
export const POST = defineDispatch('viewer', dispatch);
export const PATCH = defineDispatch('viewer', dispatch);
export const DELETE = defineDispatch('viewer', dispatch);
