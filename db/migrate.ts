import path from 'node:path';
import type { DbConfig, DbHandle } from './client';

export const MIGRATIONS_FOLDER = path.join(process.cwd(), 'drizzle');
// Arbitrary constant shared by every instance: whoever holds it applies migrations, the rest wait.
const MIGRATION_LOCK_KEY = 72_410_001;

export async function migrateDb(handle: DbHandle, config: DbConfig): Promise<void> {
  if (handle.kind === 'pglite') {
    const { migrate } = await import('drizzle-orm/pglite/migrator');
    // PGlite is single-connection and in-process, so no other migrator can race it.
    await migrate(handle.db as never, { migrationsFolder: MIGRATIONS_FOLDER });
    return;
  }
  const { default: postgres } = await import('postgres');
  const { drizzle } = await import('drizzle-orm/postgres-js');
  const { migrate } = await import('drizzle-orm/postgres-js/migrator');
  const url = config.databaseUrl!;
  const lock = postgres(url, { max: 1, onnotice: () => {} });
  const runner = postgres(url, { max: 1, onnotice: () => {} });
  try {
    await lock`select pg_advisory_lock(${MIGRATION_LOCK_KEY})`;
    try {
      await migrate(drizzle(runner), { migrationsFolder: MIGRATIONS_FOLDER });
    } finally {
      await lock`select pg_advisory_unlock(${MIGRATION_LOCK_KEY})`;
    }
  } finally {
    await Promise.all([lock.end(), runner.end()]);
  }
}
