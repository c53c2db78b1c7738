import { type DbHandle, provideDbHandle } from '@/db/client';
import { buildState, startNextServer } from '../lib/next-server';
import type { FetchLike } from '../mlflow-client';

/** How the ingest figure reaches log-batch: over HTTP to `next start` when a build exists, else in-process. */
export type Transport = {
  kind: 'http' | 'in-process';
  baseUrl: string;
  fetch: FetchLike;
  note?: string;
  stop: () => Promise<void>;
};

/** BENCH_TRANSPORT=http | in-process forces one; by default HTTP when the build serves the API. */
export async function chooseTransport(
  databaseUrl: string,
  handle: DbHandle,
  log: (line: string) => void,
): Promise<Transport> {
  const forced = process.env.BENCH_TRANSPORT;
  const build = buildState();
  if (forced === 'http' && !build.ok) throw new Error(`BENCH_TRANSPORT=http, but ${build.reason}`);
  if (forced !== 'in-process' && build.ok) {
    const server = await startNextServer({ databaseUrl, log });
    return { kind: 'http', baseUrl: server.baseUrl, fetch: (url, init) => fetch(url, init), stop: () => server.stop() };
  }
  const note = build.ok ? 'BENCH_TRANSPORT=in-process' : build.reason;
  log(`  measuring log-batch in-process (route handler called directly): ${note}`);
  const withdraw = provideDbHandle(handle);
  const { inProcessFetch } = await import('../mlflow-in-process');
  return {
    kind: 'in-process',
    baseUrl: 'http://runboard.internal',
    fetch: inProcessFetch,
    note: `in-process, not HTTP: ${note}`,
    stop: async () => withdraw(),
  };
}
