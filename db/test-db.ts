import fs from 'node:fs';
import { randomBytes } from 'node:crypto';
import postgres from 'postgres';
import { type DbHandle, openDb } from './client';
import { migrateDb } from './migrate';

/** Admin connection used to create throwaway databases; TEST_DATABASE_URL overrides the local server. */
export const TEST_ADMIN_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export function databaseUrlFor(name: string, adminUrl = TEST_ADMIN_URL): string {
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

/** Creates an empty Postgres database with a unique name and returns its URL and a drop function. */
export async function createFreshPostgresDatabase(prefix = 'runboard_test') {
  const name = `${prefix}_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`;
  const admin = postgres(TEST_ADMIN_URL, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database "${name}"`);
  await admin.end();
  return {
    name,
    url: databaseUrlFor(name),
    drop: async () => {
      const a = postgres(TEST_ADMIN_URL, { max: 1, onnotice: () => {} });
      await a.unsafe(`drop database if exists "${name}" with (force)`);
      await a.end();
    },
  };
}

/** The migrated PGlite data folder that tests/helpers/pglite-dump.setup.ts made once for this test run. */
export async function migratedPgliteDump(): Promise<Blob> {
  // Imported here, not at the top: the bench and CLI scripts import this module outside vitest.
  const { inject } = await import('vitest');
  return new Blob([fs.readFileSync(inject('pgliteDumpFile'))]);
}

export type TestDb = DbHandle & { backend: 'pglite' | 'postgres'; url?: string; cleanup: () => Promise<void> };

/** A migrated, empty database on the backend this test run targets (RUNBOARD_TEST_BACKEND). */
export async function openTestDb(): Promise<TestDb> {
  const backend = process.env.RUNBOARD_TEST_BACKEND === 'postgres' ? 'postgres' : 'pglite';
  if (backend === 'pglite') {
    const handle = await openDb({ dataDir: 'memory://', loadDataDir: await migratedPgliteDump() });
    return { ...handle, backend, cleanup: handle.close };
  }
  const fresh = await createFreshPostgresDatabase();
  const config = { databaseUrl: fresh.url, dataDir: '' };
  const handle = await openDb(config);
  await migrateDb(handle, config);
  return {
    ...handle,
    backend,
    url: fresh.url,
    cleanup: async () => {
      await handle.close();
      await fresh.drop();
    },
  };
}
