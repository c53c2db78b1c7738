// `npm run bench`: the performance figures of the "Experiment tracking" issue, each against a baseline measured in
// the same run on a fresh Postgres database (dropped afterwards). Exits 1 when a target is missed.
// Knobs: BENCH_WORKERS (4), BENCH_BATCHES per worker (25), BENCH_ROUNDS (3), BENCH_POINTS (1000000),
// BENCH_RUNS (10000), BENCH_AB_EVENTS (1000000), BENCH_ARTIFACT_MB (1024), BENCH_TRANSPORT (http | in-process;
// default: http when the build serves the API), BENCH_SCALE=1 (figure 12, opt-in). One figure alone: `npx tsx scripts/bench/<figure>.ts`.
import { type DbHandle, openDb } from '@/db/client';
import { migrateDb } from '@/db/migrate';
import { createFreshPostgresDatabase } from '@/db/test-db';
import { benchAbTests } from './bench/ab-tests';
import { benchArtifacts } from './bench/artifacts';
import { benchIngest, ingestFigure, ingestFixture } from './bench/ingest';
import { benchMonitoring } from './bench/monitoring';
import { RUNS_SEARCH_QUERY, benchRunsSearch } from './bench/runs-search';
import { RUNS_TABLE_QUERY, benchRunsTable } from './bench/runs-table';
import { pageJsFigure } from './bench/page-js';
import { benchScale } from './bench/scale';
import { benchBulkInterval } from './bench/bulk-interval';
import { benchSeries } from './bench/series';
import { type Transport, chooseTransport } from './bench/transport';
import { buildState } from './lib/next-server';
import { type Figure, fmtInt, fmtMs, printTable } from './lib/util';

const num = (name: string, fallback: number) => {
  const v = Number(process.env[name]);
  return Number.isFinite(v) && v > 0 ? Math.floor(v) : fallback;
};
const WORKERS = num('BENCH_WORKERS', 4);
const BATCHES = num('BENCH_BATCHES', 25);
const ROUNDS = num('BENCH_ROUNDS', 3);
const POINTS = num('BENCH_POINTS', 1_000_000);
const RUNS = num('BENCH_RUNS', 10_000);
const AB_EVENTS = num('BENCH_AB_EVENTS', 1_000_000);
const ARTIFACT_MB = num('BENCH_ARTIFACT_MB', 1024);
const TARGETS = { seriesSpeedup: 20, seriesMs: 100, pageMs: 100 };

const log = (line: string) => console.log(line);

async function main(): Promise<number> {
  const started = performance.now();
  const fresh = await createFreshPostgresDatabase('runboard_bench');
  log(`bench on a fresh Postgres database ${fresh.name}`);
  const config = { databaseUrl: fresh.url, dataDir: '' };
  let handle: DbHandle | null = null;
  let transport: Transport | null = null;
  try {
    handle = await openDb(config);
    await migrateDb(handle, config);
    const db = handle.db;
    const { project, experiment, token } = await ingestFixture(db);
    const figures: Figure[] = [];

    log(
      `\n(1) ingest: ${WORKERS} concurrent clients × ${BATCHES} log-batch requests of 1000 metrics, ${ROUNDS} rounds`,
    );
    transport = await chooseTransport(fresh.url, handle, log);
    const ingest = await benchIngest({
      db,
      databaseUrl: fresh.url,
      projectId: project.id,
      experimentId: experiment.id,
      token,
      baseUrl: transport.baseUrl,
      fetch: transport.fetch,
      workers: WORKERS,
      batches: BATCHES,
      rounds: ROUNDS,
      log,
    });
    const { kind, note } = transport;
    await transport.stop();
    transport = null;
    figures.push(ingestFigure(ingest, WORKERS, kind === 'http' ? 'over HTTP' : 'in-process', note));

    // Before figure 2 runs ANALYZE on metric_points, so the latest-point query is planned without statistics.
    log(`\n(11) get-history-bulk-interval on ${fmtInt(POINTS)} points; the latest point before any ANALYZE`);
    figures.push(...(await benchBulkInterval(db, project.id, experiment.id, POINTS, log)).figures);

    log(`\n(2) one metric with ${fmtInt(POINTS)} points`);
    const series = await benchSeries(db, project.id, experiment.id, POINTS, log);
    const speedup = series.historyMs / series.seriesMs;
    figures.push({
      name: `2 Chart query (${series.buckets} buckets of ${fmtInt(POINTS)} points), median`,
      measured: fmtMs(series.seriesMs),
      baseline: `full history ${fmtMs(series.historyMs)}`,
      ratio: `${speedup.toFixed(0)}× faster`,
      target: `≥ ${TARGETS.seriesSpeedup}×`,
      pass: speedup >= TARGETS.seriesSpeedup,
    });
    figures.push({
      name: '2 Chart query, absolute',
      measured: fmtMs(series.seriesMs),
      baseline: '—',
      ratio: '—',
      target: `< ${TARGETS.seriesMs} ms`,
      pass: series.seriesMs < TARGETS.seriesMs,
    });

    log(
      `\n(3) runs table: ${fmtInt(RUNS)} runs × 20 params × 10 metrics; filter ${RUNS_TABLE_QUERY.filter}, sort ${RUNS_TABLE_QUERY.orderBy[0]}`,
    );
    const page = await benchRunsTable(db, project.id, RUNS, log);
    figures.push({
      name: `3 Runs page (${fmtInt(page.matched)} match, 50 rows), median`,
      measured: fmtMs(page.pageMs),
      baseline: `unfiltered page ${fmtMs(page.plainMs)}`,
      ratio: `${(page.pageMs / page.plainMs).toFixed(1)}× the plain page`,
      target: `< ${TARGETS.pageMs} ms`,
      pass: page.pageMs < TARGETS.pageMs,
    });

    log(
      `\n(3b) runs search right after ${fmtInt(RUNS)} more runs arrive, then after ANALYZE; filter ${RUNS_SEARCH_QUERY.filter}, sort ${RUNS_SEARCH_QUERY.orderBy[0]}`,
    );
    figures.push(...(await benchRunsSearch(handle, { projectId: project.id, runs: RUNS, log })).figures);

    log(
      `\n(4–5) model monitoring: 10,000-row prediction batches, drift checks over 1,000,000 predictions × 10 features`,
    );
    figures.push(...(await benchMonitoring(handle, { log })).figures);

    log(`\n(6–7) A/B tests: assign for new units, results after 1,000 and ${fmtInt(AB_EVENTS)} events`);
    figures.push(...(await benchAbTests(handle, { databaseUrl: fresh.url, events: AB_EVENTS, log })).figures);

    log(`\n(8–9) artifacts: one ${fmtInt(ARTIFACT_MB)} MiB file PUT to and GET from the artifact proxy, streamed`);
    figures.push(
      ...(await benchArtifacts(handle, { databaseUrl: fresh.url, megabytes: ARTIFACT_MB, rounds: ROUNDS, log }))
        .figures,
    );

    log('\n(10) JavaScript each page loads first, compressed, from the production build');
    const build = buildState();
    if (build.ok) figures.push(pageJsFigure(log));
    else log(`  skipped: ${build.reason}`);

    if (process.env.BENCH_SCALE === '1') {
      log('\n(12) scale: the chart query, the runs search and ingest after COPY of 50,000,000 other points');
      figures.push(...(await benchScale(db, fresh.url, project.id, { log })));
    } else log('\n(12) scale: skipped (opt-in, about 15 min: BENCH_SCALE=1 npm run bench)');

    log(`\n${printTable(figures)}\n`);
    const missed = figures.filter((f) => !f.pass);
    log(
      `${missed.length ? `${missed.length} target(s) missed` : 'all targets met'} — bench took ${((performance.now() - started) / 1000).toFixed(0)} s`,
    );
    return missed.length ? 1 : 0;
  } finally {
    await transport?.stop();
    await handle?.close();
    await fresh.drop();
  }
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    console.error(`bench failed: ${err instanceof Error ? err.message : String(err)}`);
    if (process.env.RUNBOARD_DEBUG) console.error(err);
    process.exitCode = 1;
  },
);
