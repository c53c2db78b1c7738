// Calls Runboard's MLflow route handlers in-process: the same code path as HTTP (token auth, validation,
// error mapping) without a server. The database is the process's shared one (getDb / provideDbHandle).
import * as artifactProxy from '@/server/mlflow/artifact-proxy';
import * as tracking from '@/server/mlflow/router';
import type { FetchLike } from './mlflow-client';

const TRACKING = /^\/(?:api|ajax-api)\/2\.0\/(?:preview\/)?mlflow\//;
const ARTIFACTS = /^\/(?:api|ajax-api)\/2\.0\/mlflow-artifacts\//;

export const inProcessFetch: FetchLike = async (url, init) => {
  const { pathname } = new URL(url);
  const [prefix, routes] = TRACKING.test(pathname)
    ? [TRACKING, tracking]
    : ARTIFACTS.test(pathname)
      ? [ARTIFACTS, artifactProxy]
      : [null, null];
  if (!prefix || !routes) throw new Error(`Not an MLflow API path: ${pathname}`);
  const handler = init.method === 'GET' ? routes.GET : init.method === 'PUT' ? artifactProxy.PUT : routes.POST;
  // The route's catch-all segments, decoded as Next decodes them.
  const path = pathname.replace(prefix, '').split('/').filter(Boolean).map(decodeURIComponent);
  return handler(new Request(url, init as RequestInit), { params: Promise.resolve({ path }) });
};
