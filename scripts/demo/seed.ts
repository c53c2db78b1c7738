// `npm run seed:demo`: creates and fills the demo project (Seattle weather, real training runs) against
// DATABASE_URL or the embedded database, which a running server must not hold. Safe to run again.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { dbConfigFromEnv, provideDbHandle } from '@/db/client';
import { parseWeatherCsv } from '@/scripts/demo/ml/weather';
import { CliError, withCliDb } from '../cli-db';
import { seedDemoExtras } from './extras';
import { seedDemoProject } from './project';

// The package exports only its JS entry (build/index.js); the data folder sits beside build/.
function weatherCsvPath(): string {
  const entry = createRequire(import.meta.url).resolve('vega-datasets');
  return path.join(path.dirname(entry), '..', 'data', 'seattle-weather.csv');
}

function gitHead(): string {
  try {
    return (
      execFileSync('git', ['rev-parse', 'HEAD'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim() ||
      'unknown'
    );
  } catch {
    return 'unknown';
  }
}

async function main() {
  const started = performance.now();
  const csv = fs.readFileSync(weatherCsvPath());
  const days = parseWeatherCsv(csv.toString('utf8'));
  const config = dbConfigFromEnv();
  const log = (line: string) => console.log(line);
  log(
    `seed:demo on ${config.databaseUrl ? 'Postgres (DATABASE_URL)' : `the embedded database at ${config.dataDir}`}; ${days.length} days of Seattle weather`,
  );
  const result = await withCliDb(config, async (db, handle) => {
    const withdraw = provideDbHandle(handle);
    try {
      // Imported only now, so the route handlers find the database this script opened.
      const { inProcessFetch } = await import('../mlflow-in-process');
      const seeded = await seedDemoProject(db, { csv, days, gitCommit: gitHead(), fetch: inProcessFetch, log });
      await seedDemoExtras(db, seeded.projectId, days, log);
      return seeded;
    } finally {
      withdraw();
    }
  });
  const best = [...result.outcomes].sort((a, b) => b.outcome.valid.accuracy - a.outcome.valid.accuracy)[0];
  log(
    `done in ${((performance.now() - started) / 1000).toFixed(1)} s: ${result.created} run(s) logged, ${result.skipped} already there`,
  );
  if (best)
    log(
      `best validation accuracy: ${best.outcome.valid.accuracy.toFixed(3)} (${best.spec.name}, ${best.spec.approach})`,
    );
}

main().catch((err: unknown) => {
  const message = err instanceof CliError || err instanceof Error ? err.message : String(err);
  console.error(`seed:demo failed: ${message}`);
  if (process.env.RUNBOARD_DEBUG) console.error(err);
  process.exitCode = 1;
});
