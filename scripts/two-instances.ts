// `npm run test:instances`: two `next start` processes on one fresh Postgres database.
//  (1) Both start at the same moment on an empty database: both become healthy and every migration is
//      applied exactly once.
//  (2) A write through one instance is read back through the other at once (MLflow API), and a prediction
//      reference set through B applies to predictions logged through A.
//  (3) Both restart at the same moment with 24 hourly windows due: every window is checked exactly once.
// (Live push across instances is shown in the browser by e2e/two-instances.spec.ts.)
import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { type DbHandle, openDb } from '@/db/client';
import { rowsOf } from '@/db/rows';
import { createFreshPostgresDatabase } from '@/db/test-db';
import { type RunningServer, ensureBuild, startNextServer } from './lib/next-server';
import { runScript, verdict } from './lib/util';
import { PREDICTION_TEMPLATE, createWorld, monitorIdOf } from './lib/world';

const WINDOWS = 24;
const log = (line: string) => console.log(line);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function startBoth(databaseUrl: string): Promise<[RunningServer, RunningServer]> {
  const started = performance.now();
  const both = await Promise.all([
    startNextServer({ databaseUrl, log, name: 'instance A' }),
    startNextServer({ databaseUrl, log, name: 'instance B' }),
  ]);
  log(`  both healthy ${((performance.now() - started) / 1000).toFixed(1)} s after starting together`);
  return both;
}

async function main(): Promise<number> {
  ensureBuild(log);
  const failures: string[] = [];
  const fresh = await createFreshPostgresDatabase('runboard_instances');
  let servers: RunningServer[] = [];
  let handle: DbHandle | null = null;
  try {
    log(`(1) two instances start together on the empty database ${fresh.name}`);
    const [a, b] = await startBoth(fresh.url);
    servers = [a, b];
    handle = await openDb({ databaseUrl: fresh.url, dataDir: '' });
    const db = handle.db;
    const journal = JSON.parse(fs.readFileSync(path.join('drizzle', 'meta', '_journal.json'), 'utf8')) as {
      entries: unknown[];
    };
    const [applied] = rowsOf<{ n: number; distinct: number }>(
      await db.execute(
        sql`select count(*)::int as n, count(distinct hash)::int as distinct from drizzle.__drizzle_migrations`,
      ),
    );
    log(
      `  migrations recorded: ${applied!.n} (${applied!.distinct} distinct) of ${journal.entries.length} in drizzle/`,
    );
    if (applied!.n !== journal.entries.length || applied!.distinct !== journal.entries.length)
      failures.push(`migrations applied ${applied!.n} times for ${journal.entries.length} migrations`);

    log('\n(2) a change through one instance, read through the other');
    const world = await createWorld(db, { runs: 1 });
    const headers = { authorization: `Bearer ${world.token}`, 'content-type': 'application/json' };
    const created = await fetch(`${a.baseUrl}/api/2.0/mlflow/experiments/create`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ name: 'made-on-a' }),
    });
    const { experiment_id } = (await created.json()) as { experiment_id: string };
    const readBack = await fetch(`${b.baseUrl}/api/2.0/mlflow/experiments/get?experiment_id=${experiment_id}`, {
      headers,
    });
    const got = (await readBack.json()) as { experiment?: { name: string } };
    log(
      `  experiment created on A (${created.status}), read on B: ${readBack.status} ${got.experiment?.name ?? '(missing)'}`,
    );
    if (got.experiment?.name !== 'made-on-a')
      failures.push('an experiment created through A was not visible through B');

    // Predictions over the last 30 hours through A, the first 6 of them as reference through B.
    const now = Date.now();
    const rows = Array.from({ length: 3000 }, (_, i) => ({
      id: `p-${i}`,
      timestamp: new Date(now - 30 * 3_600_000 + i * 36_000).toISOString(),
      features: { ...PREDICTION_TEMPLATE.features, temp: 10 + (i % 17) },
      prediction: i % 3 ? 'rain' : 'sun',
    }));
    const logged = await fetch(`${a.baseUrl}/api/v1/models/${world.model}/predictions`, {
      method: 'POST',
      headers,
      body: JSON.stringify(rows),
    });
    const reference = await fetch(`${b.baseUrl}/api/v1/models/${world.model}/reference`, {
      method: 'PUT',
      headers,
      body: JSON.stringify({
        from: new Date(now - 30 * 3_600_000).toISOString(),
        to: new Date(now - 24 * 3_600_000).toISOString(),
      }),
    });
    log(`  3,000 predictions logged through A (${logged.status}), reference set through B (${reference.status})`);
    if (logged.status !== 200 || reference.status !== 200)
      failures.push(
        `predictions through A answered ${logged.status}, reference through B ${reference.status}: ${await reference.text()}`,
      );

    log(`\n(3) both restart together with ${WINDOWS} hourly windows due`);
    const monitorId = await monitorIdOf(db, world.projectId);
    await db.execute(
      sql`update monitors set schedule = 'hourly', schedule_since = ${new Date(now - 30 * 3_600_000).toISOString()}::timestamptz where id = ${monitorId}::uuid`,
    );
    await Promise.all(servers.map((s) => s.stop()));
    servers = await startBoth(fresh.url);
    const count = async () =>
      rowsOf<{ total: number; done: number; windows: number }>(
        await db.execute(sql`select count(*)::int as total, count(*) filter (where status <> 'running')::int as done, count(distinct window_start)::int as windows
          from drift_checks where monitor_id = ${monitorId}::uuid and trigger = 'scheduled'`),
      )[0]!;
    const deadline = Date.now() + 90_000;
    let c = await count();
    while (Date.now() < deadline && c.done < WINDOWS) {
      await sleep(500);
      c = await count();
    }
    await sleep(3000); // Time for a duplicate to show up, if either instance would run a window again.
    c = await count();
    log(
      `  scheduled checks: ${c.total} rows, ${c.done} finished, ${c.windows} distinct windows (expected ${WINDOWS} of each)`,
    );
    if (c.total !== WINDOWS || c.windows !== WINDOWS || c.done !== WINDOWS)
      failures.push(
        `expected each of ${WINDOWS} windows checked once, found ${c.total} checks over ${c.windows} windows (${c.done} finished)`,
      );
    const errors =
      servers
        .map((s) => s.output())
        .join('\n')
        .match(/scheduled drift check .* failed|scheduler tick failed/g) ?? [];
    if (errors.length) failures.push(`scheduler errors in the server logs: ${errors.slice(0, 3).join('; ')}`);
  } finally {
    await Promise.all(servers.map((s) => s.stop()));
    await handle?.close();
    await fresh.drop();
  }
  return verdict(
    failures,
    'two-instance test passed: migrations once, changes visible across instances, each scheduled window checked once',
  );
}

runScript('two-instance test', main);
