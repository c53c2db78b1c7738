import fs from 'node:fs';
import path from 'node:path';
import type { ExtractTablesWithRelations } from 'drizzle-orm';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import * as schema from './schema';

export type Schema = typeof schema;
export type Db = PgDatabase<PgQueryResultHKT, Schema, ExtractTablesWithRelations<Schema>>;

export type DbHandle = {
  db: Db;
  kind: 'postgres' | 'pglite';
  /** Runs a raw statement; used for health checks, locks and LISTEN/NOTIFY plumbing. */
  ping: () => Promise<void>;
  /**
   * LISTEN on a channel (postgres.js keeps a dedicated connection for it; PGlite listens in-process). Resolves to an
   * unlisten function. `onListen` runs each time the LISTEN is (re)established: notifications sent while the
   * connection was down are lost, so whoever caches on the strength of them starts afresh there.
   */
  listen: (
    channel: string,
    onMessage: (payload: string) => void,
    onListen?: () => void,
  ) => Promise<() => Promise<void>>;
  close: () => Promise<void>;
};

export type DbConfig = {
  databaseUrl?: string;
  dataDir: string;
  /** PGlite only: start from this dumped data folder (a migrated copy, for tests) instead of running initdb. */
  loadDataDir?: Blob;
};

// The only place that reads DATABASE_URL: everything else receives a Db.
export function dbConfigFromEnv(env: NodeJS.ProcessEnv = process.env): DbConfig {
  return {
    databaseUrl: env.DATABASE_URL || undefined,
    dataDir: env.RUNBOARD_DATA_DIR || path.join(process.cwd(), '.data', 'pglite'),
  };
}

export async function openDb(config: DbConfig): Promise<DbHandle> {
  if (config.databaseUrl) {
    const { default: postgres } = await import('postgres');
    const { drizzle } = await import('drizzle-orm/postgres-js');
    const client = postgres(config.databaseUrl, {
      max: Number(process.env.RUNBOARD_DB_POOL ?? 10),
      onnotice: () => {},
      connect_timeout: 5,
      // The driver's default reconnect delay grows to 20 s after a few failures during an outage; capped at
      // 1 s, requests find the database again within about a second of it coming back.
      backoff: (retries: number) => Math.min(0.05 * 2 ** retries, 1) * (0.5 + Math.random() / 2),
    });
    return {
      db: drizzle(client, { schema }) as unknown as Db,
      kind: 'postgres',
      ping: async () => {
        await client`select 1`;
      },
      listen: async (channel, onMessage, onListen) => (await client.listen(channel, onMessage, onListen)).unlisten,
      close: () => client.end({ timeout: 5 }),
    };
  }
  const { PGlite } = await import('@electric-sql/pglite');
  const { drizzle } = await import('drizzle-orm/pglite');
  if (!config.dataDir.startsWith('memory://')) fs.mkdirSync(config.dataDir, { recursive: true });
  const client = await PGlite.create(config.dataDir, { loadDataDir: config.loadDataDir });
  return {
    db: drizzle(client, { schema }) as unknown as Db,
    kind: 'pglite',
    ping: async () => {
      await client.query('select 1');
    },
    listen: async (channel, onMessage, onListen) => {
      const unlisten = await client.listen(channel, onMessage);
      onListen?.();
      return () => unlisten();
    },
    close: () => client.close(),
  };
}

const globalForDb = globalThis as unknown as { runboardDb?: Promise<DbHandle> };

/** The app's shared database, opened and migrated once per process. */
export function getDbHandle(): Promise<DbHandle> {
  if (!globalForDb.runboardDb) {
    globalForDb.runboardDb = (async () => {
      const config = dbConfigFromEnv();
      const { migrateDb } = await import('./migrate');
      if (!config.databaseUrl) {
        const { claimEmbeddedDb } = await import('./embedded-lock');
        claimEmbeddedDb(config.dataDir);
      }
      const handle = await openDb(config);
      try {
        await migrateDb(handle, config);
      } catch (err) {
        await handle.close().catch(() => {});
        throw err;
      }
      return handle;
    })().catch((err: unknown) => {
      globalForDb.runboardDb = undefined;
      throw err;
    });
  }
  return globalForDb.runboardDb;
}

/**
 * Makes a handle opened elsewhere (a CLI script's, under its embedded-database claim) the process's shared one,
 * so route handlers called in-process use it instead of opening a second PGlite on the same folder.
 * Returns a function that withdraws it again.
 */
export function provideDbHandle(handle: DbHandle): () => void {
  const provided = Promise.resolve(handle);
  globalForDb.runboardDb = provided;
  return () => {
    if (globalForDb.runboardDb === provided) globalForDb.runboardDb = undefined;
  };
}

export async function getDb(): Promise<Db> {
  return (await getDbHandle()).db;
}
