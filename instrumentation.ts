// Stamps each request with its peer address (for the per-address sign-in limit) and keeps idle connections open
// long enough for pooled clients before any request is served.
// Opens the database and applies migrations once at server start, so the first request doesn't pay for it
// and a broken migration stops the server instead of failing pages one by one. Never during `next build`.
export async function register() {
  if (process.env.NEXT_RUNTIME === 'nodejs' && process.env.NEXT_PHASE !== 'phase-production-build') {
    (await import('./server/http-server')).instrumentHttpServer();
    const { getDbHandle } = await import('./db/client');
    await getDbHandle();
    if (process.env.RUNBOARD_SCHEDULER !== 'off') (await import('./server/scheduler')).startScheduler();
  }
}
