// `npm run test:faults`: on a PostgreSQL server this script starts for itself (initdb in a temp folder, its own
// port), Runboard (`next start`) takes continuous log-batch and prediction writes while
//  (1) Postgres is stopped for OUTAGE_MS and started again: every answer must be 200 or a retryable
//      503 TEMPORARILY_UNAVAILABLE, and writes must succeed again within 10 s of Postgres being back;
//  (2) Runboard is killed with SIGKILL while batches are in flight, then started again.
// Afterwards every acknowledged batch must be in the database whole, and no batch may be there in part.
import { openDb } from '@/db/client';
import { migrateDb } from '@/db/migrate';
import { type Outcome, Ingestors, tally } from './lib/ingestors';
import { auditMetricBatches, auditPassed, auditPredictionBatches, describeAudit } from './lib/ledger';
import { type RunningServer, ensureBuild, startNextServer } from './lib/next-server';
import { runScript, verdict } from './lib/util';
import { type OwnPostgres, startOwnPostgres } from './lib/own-postgres';
import { PREDICTION_TEMPLATE, createWorld, monitorIdOf } from './lib/world';

const OUTAGE_MS = 3000;
const RECOVERY_TARGET_MS = 10_000;
const log = (line: string) => console.log(line);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function main(): Promise<number> {
  ensureBuild(log);
  const failures: string[] = [];
  let pg: OwnPostgres | null = null;
  let server: RunningServer | null = null;
  try {
    pg = await startOwnPostgres(log);
    const config = { databaseUrl: pg.url, dataDir: '' };
    const setup = await openDb(config);
    await migrateDb(setup, config);
    const world = await createWorld(setup.db, { runs: 8 });
    await setup.close();

    const env = { RUNBOARD_SCHEDULER: 'off' };
    server = await startNextServer({ databaseUrl: pg.url, env, log });
    let baseUrl = server.baseUrl;
    const target = {
      baseUrl: () => baseUrl,
      token: world.token,
      runIds: world.runIds,
      model: world.model,
      template: PREDICTION_TEMPLATE,
    };

    // (1) Postgres restart during ingestion.
    log(
      `\n(1) Postgres stopped for ${OUTAGE_MS / 1000} s and started again while 6 log-batch and 2 prediction clients write`,
    );
    const phase1 = new Ingestors(target);
    phase1.start(6, 2);
    await sleep(4000);
    const downAt = Date.now();
    await pg.stop();
    log(`  Postgres stopped (${Date.now() - downAt} ms)`);
    await sleep(OUTAGE_MS);
    await pg.start();
    const upAt = Date.now();
    log(`  Postgres accepting connections again after ${((upAt - downAt) / 1000).toFixed(1)} s`);
    const recovered = (kind: Outcome['kind']) =>
      phase1.outcomes.find((o) => o.kind === kind && o.at >= upAt && o.status === 200)?.at;
    const deadline = upAt + RECOVERY_TARGET_MS + 5000;
    while (Date.now() < deadline && !(recovered('metrics') && recovered('predictions'))) await sleep(100);
    await sleep(3000);
    await phase1.stop();
    if (process.env.FAULT_DEBUG)
      for (const o of phase1.outcomes.filter((o) => o.at >= downAt - 500 && o.at <= upAt + 10_000))
        log(`    +${o.at - upAt} ms ${o.kind} ${o.status} ${o.code ?? ''}`);
    const counts = tally(phase1.outcomes);
    log(`  answers: ${JSON.stringify(counts)}`);
    const unexpected = Object.keys(counts).filter((k) => k !== '200' && k !== '503/TEMPORARILY_UNAVAILABLE');
    if (unexpected.length)
      failures.push(
        `during the Postgres restart clients saw ${unexpected.map((k) => `${k} ×${counts[k]}`).join(', ')} (only 200 and 503 TEMPORARILY_UNAVAILABLE are allowed)`,
      );
    if (!counts['503/TEMPORARILY_UNAVAILABLE'])
      failures.push('no 503 was seen: the outage did not reach the clients, so nothing was shown');
    for (const kind of ['metrics', 'predictions'] as const) {
      const at = recovered(kind);
      const ms = at ? at - upAt : Infinity;
      log(
        `  ${kind}: first acknowledged write ${Number.isFinite(ms) ? `${(ms / 1000).toFixed(2)} s` : 'never'} after Postgres was back (target ≤ ${RECOVERY_TARGET_MS / 1000} s)`,
      );
      if (!(ms <= RECOVERY_TARGET_MS))
        failures.push(`${kind} writes did not recover within ${RECOVERY_TARGET_MS / 1000} s`);
    }

    // (2) kill -9 Runboard mid-batch.
    log('\n(2) Runboard killed with SIGKILL while batches are in flight, then started again');
    const phase2 = new Ingestors(target, phase1.nextSeq);
    phase2.start(6, 2, { stopOnNetworkError: true });
    await sleep(3000);
    const inFlight = phase2.inFlight;
    await server.kill9();
    log(`  killed next start (pid ${server.pid}) with ${inFlight} batches in flight`);
    await phase2.stop();
    if (inFlight === 0) failures.push('no batch was in flight at the kill: nothing was shown');
    server = await startNextServer({ databaseUrl: pg.url, env, log, name: 'restarted next start' });
    baseUrl = server.baseUrl;
    const lostAnswers = phase2.outcomes.filter((o) => o.status === 0).length;
    log(
      `  answers before the kill: ${JSON.stringify(tally(phase2.outcomes))} (${lostAnswers} requests lost their answer)`,
    );
    const after = new Ingestors(target, phase2.nextSeq);
    after.start(2, 1);
    await sleep(2000);
    await after.stop();
    const afterCounts = tally(after.outcomes);
    log(`  after the restart: ${JSON.stringify(afterCounts)}`);
    if (Object.keys(afterCounts).some((k) => k !== '200'))
      failures.push(`after the restart writes answered ${JSON.stringify(afterCounts)}`);

    // Audit: every acknowledged batch whole, no batch in part.
    const check = await openDb(config);
    try {
      const all = [phase1, phase2, after];
      const metrics = await auditMetricBatches(
        check.db,
        world.runIds,
        all.flatMap((p) => p.ackedMetrics),
      );
      const predictions = await auditPredictionBatches(
        check.db,
        await monitorIdOf(check.db, world.projectId),
        all.flatMap((p) => p.ackedPredictions),
      );
      log(`\n${describeAudit('log-batch', metrics)}\n${describeAudit('predictions', predictions)}`);
      for (const [what, a] of [
        ['log-batch', metrics],
        ['predictions', predictions],
      ] as const) {
        if (!auditPassed(a))
          failures.push(
            `${what}: ${a.lost.length} acknowledged batches lost, ${a.partial.length} batches partly written`,
          );
      }
    } finally {
      await check.close();
    }
    const partialAccepts = [phase1, phase2, after]
      .flatMap((p) => p.outcomes)
      .filter((o) => o.code === 'PARTIAL_ACCEPT').length;
    if (partialAccepts)
      failures.push(`${partialAccepts} prediction batches were acknowledged with fewer rows than sent`);
  } finally {
    await server?.stop();
    await pg?.destroy();
  }
  return verdict(
    failures,
    'fault test passed: only 200/503 during the outage, recovered in time, no acknowledged write lost, no partial batch',
  );
}

runScript('fault test', main);
