import { pathToFileURL } from 'node:url';
import { type DbHandle, openDb } from '@/db/client';
import { migrateDb } from '@/db/migrate';
import { createFreshPostgresDatabase } from '@/db/test-db';
import { type Figure, printTable } from '../lib/util';

/**
 * Lets one figure's module run alone (`npx tsx scripts/bench/<figure>.ts`) on a fresh Postgres database,
 * printing its table and exiting 1 when a target is missed. Does nothing when the module is imported.
 */
export function runFigureAlone(
  moduleUrl: string,
  label: string,
  measure: (handle: DbHandle, databaseUrl: string) => Promise<{ figures: Figure[] }>,
): void {
  if (!process.argv[1] || moduleUrl !== pathToFileURL(process.argv[1]).href) return;
  const run = async () => {
    const fresh = await createFreshPostgresDatabase(`runboard_bench_${label.replace(/\W+/g, '_')}`);
    const config = { databaseUrl: fresh.url, dataDir: '' };
    const handle = await openDb(config);
    try {
      await migrateDb(handle, config);
      const { figures } = await measure(handle, fresh.url);
      console.log(`\n${printTable(figures)}\n`);
      process.exitCode = figures.every((f) => f.pass) ? 0 : 1;
    } finally {
      await handle.close();
      await fresh.drop();
    }
  };
  run().catch((err: unknown) => {
    console.error(`${label} bench failed: ${err instanceof Error ? err.message : String(err)}`);
    process.exitCode = 1;
  });
}
