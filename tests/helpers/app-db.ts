import { type DbHandle, openDb, provideDbHandle } from '@/db/client';
import { createFreshPostgresDatabase, migratedPgliteDump } from '@/db/test-db';

/**
 * Points the app's shared database (getDb() in db/client.ts) at a fresh test database on the backend
 * this run targets, then opens and migrates it. Call before any app code touches the database.
 */
export async function openAppTestDb(): Promise<{ handle: DbHandle; cleanup: () => Promise<void> }> {
  const backend = process.env.RUNBOARD_TEST_BACKEND === 'postgres' ? 'postgres' : 'pglite';
  let drop = async () => {};
  if (backend === 'postgres') {
    const fresh = await createFreshPostgresDatabase();
    process.env.DATABASE_URL = fresh.url;
    drop = fresh.drop;
  } else {
    delete process.env.DATABASE_URL;
    process.env.RUNBOARD_DATA_DIR = 'memory://';
  }
  // The shared handle is memoised on globalThis; never reuse one left by another file in this worker.
  (globalThis as { runboardDb?: unknown }).runboardDb = undefined;
  if (backend === 'pglite') {
    provideDbHandle(await openDb({ dataDir: 'memory://', loadDataDir: await migratedPgliteDump() }));
  }
  const { getDbHandle } = await import('@/db/client');
  const handle = await getDbHandle();
  if (handle.kind !== backend) throw new Error(`Expected the app database on ${backend}, got ${handle.kind}`);
  return {
    handle,
    cleanup: async () => {
      (globalThis as { runboardDb?: unknown }).runboardDb = undefined;
      await handle.close();
      await drop();
    },
  };
}

/**
 * A second app instance on the app's test database, as another server process would hold it: its own postgres.js
 * connections on Postgres, the same handle on PGlite (in-process only). `close` leaves the app's handle open.
 */
export async function openSecondInstance(app: {
  handle: DbHandle;
}): Promise<{ handle: DbHandle; close: () => Promise<void> }> {
  if (!process.env.DATABASE_URL) return { handle: app.handle, close: async () => {} };
  const handle = await openDb({ databaseUrl: process.env.DATABASE_URL, dataDir: '' });
  return { handle, close: () => handle.close() };
}
