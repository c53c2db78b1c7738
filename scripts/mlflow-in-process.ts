// Calls Runboard's MLflow route handlers in-process: the same code path as HTTP (token auth, validation,
// error mapping) without a server. The database is the process's shared one (getDb / provideDbHandle).
import { GET, POST } from '@/server/mlflow/router';
import type { FetchLike } from './mlflow-client';

const PREFIX = /^\/(?:api|ajax-api)\/2\.0\/(?:preview\/)?mlflow\//;

export const inProcessFetch: FetchLike = async (url, init) => {
  const { pathname } = new URL(url);
  if (!PREFIX.test(pathname)) throw new Error(`Not an MLflow API path: ${pathname}`);
  const path = pathname.replace(PREFIX, '').split('/').filter(Boolean);
  const handler = init.method === 'GET' ? GET : POST;
  return handler(new Request(url, init), { params: Promise.resolve({ path }) });
};
