// Figure 1: MLflow log-batch ingest (1000 metrics a request, several concurrent clients) against COPY FROM STDIN of
// the same rows straight into metric_points with the same concurrency, in the same database. A multi-row INSERT of
// the same rows is measured too and printed for reference.
import { sql } from 'drizzle-orm';
import postgres from 'postgres';
import type { Db, DbHandle } from '@/db/client';
import { createExperiment } from '@/db/queries/experiments';
import { createProject } from '@/db/queries/projects';
import { createRun } from '@/db/queries/runs';
import { createApiToken } from '@/db/queries/tokens';
import { createUser } from '@/db/queries/users';
import { copyMetricPoints } from '../lib/copy-points';
import { type Figure, fmtInt } from '../lib/util';
import { type FetchLike, createMlflowClient } from '../mlflow-client';
import { runFigureAlone } from './standalone';
import { chooseTransport } from './transport';

export type IngestSetup = {
  db: Db;
  /** The same database, for the COPY baseline's own connections. */
  databaseUrl: string;
  projectId: string;
  experimentId: number;
  token: string;
  baseUrl: string;
  fetch: FetchLike;
  workers: number;
  batches: number;
  rounds: number;
  log: (line: string) => void;
};
export type IngestResult = {
  apiRate: number;
  /** COPY FROM STDIN: the baseline. */
  copyRate: number;
  /** Multi-row INSERT (unnest), for reference. */
  insertRate: number;
  apiRates: number[];
  copyRates: number[];
  insertRates: number[];
  points: number;
};

export const INGEST_TARGET = 0.5;

const KEYS = 10;
const STEPS_PER_KEY = 100; // 10 keys × 100 steps = 1000 metrics, MLflow's per-request maximum

type Metric = { key: string; value: number; timestamp: number; step: number };

function makeBatch(batch: number, t0: number): Metric[] {
  const out: Metric[] = [];
  for (let k = 0; k < KEYS; k++) {
    for (let j = 0; j < STEPS_PER_KEY; j++) {
      const step = batch * STEPS_PER_KEY + j;
      out.push({
        key: `loss_${k}`,
        value: Math.exp(-step / 5000) + ((step * 7919 + k) % 100) / 1e4,
        timestamp: t0 + step,
        step,
      });
    }
  }
  return out;
}

/** The same rows, the same unnest shape the ingest query uses, but only into metric_points: no summary, no rollups. */
function directInsert(db: Db, runId: string, m: Metric[]) {
  return db.execute(sql`
    insert into metric_points (run_id, key, step, timestamp, value)
    select ${runId}, key, step, ts, value
    from unnest(${sql.param(m.map((x) => x.key))}::text[], ${sql.param(m.map((x) => x.step))}::bigint[],
                ${sql.param(m.map((x) => x.timestamp))}::bigint[], ${sql.param(m.map((x) => x.value))}::float8[]) as p(key, step, ts, value)`);
}

/** The same rows through COPY FROM STDIN, on a postgres.js client of the bench's own (Postgres only: PGlite has no COPY FROM STDIN). */
const copyInsert = (client: postgres.Sql) => (_db: Db, runId: string, m: Metric[]) =>
  copyMetricPoints(client, [m.map((x) => `${runId}\t${x.key}\t${x.step}\t${x.timestamp}\t${x.value}\n`).join('')]);

async function timed(workers: number, work: (w: number) => Promise<void>): Promise<number> {
  const t = performance.now();
  await Promise.all(Array.from({ length: workers }, (_, w) => work(w)));
  return (performance.now() - t) / 1000;
}

export async function benchIngest(s: IngestSetup): Promise<IngestResult> {
  const client = createMlflowClient({ baseUrl: s.baseUrl, token: s.token, fetch: s.fetch });
  const t0 = Date.now();
  const batches = Array.from({ length: s.batches + 1 }, (_, b) => makeBatch(b, t0));
  const points = s.workers * s.batches * KEYS * STEPS_PER_KEY;
  const url = `${s.baseUrl}/api/2.0/mlflow/runs/log-batch`;
  const headers = { authorization: `Bearer ${s.token}`, 'content-type': 'application/json' };

  const apiRound = async (round: number) => {
    const runIds: string[] = [];
    for (let w = 0; w < s.workers; w++) {
      runIds.push(
        (
          await client.createRun({
            experimentId: String(s.experimentId),
            runName: `ingest-api-${round}-${w}`,
            startTime: Date.now(),
          })
        ).run_id,
      );
    }
    // Bodies are serialized before the clock starts: clients usually run on other machines than the server.
    const bodies = runIds.map((runId) => batches.map((metrics) => JSON.stringify({ run_id: runId, metrics })));
    const post = async (body: string) => {
      const res = await s.fetch(url, { method: 'POST', headers, body });
      if (res.status !== 200) throw new Error(`log-batch answered ${res.status}: ${(await res.text()).slice(0, 300)}`);
      await res.arrayBuffer();
    };
    await Promise.all(bodies.map((b) => post(b[0]!))); // warm-up batch, untimed
    return timed(s.workers, async (w) => {
      for (let b = 1; b <= s.batches; b++) await post(bodies[w]![b]!);
    });
  };

  const directRound = async (round: number, insert: (db: Db, runId: string, m: Metric[]) => Promise<unknown>) => {
    const runIds: string[] = [];
    for (let w = 0; w < s.workers; w++) {
      runIds.push(
        (
          await createRun(s.db, null, s.projectId, {
            experimentId: s.experimentId,
            runName: `ingest-direct-${round}-${w}`,
            startTime: Date.now(),
          })
        ).id,
      );
    }
    await Promise.all(runIds.map((id) => insert(s.db, id, batches[0]!)));
    return timed(s.workers, async (w) => {
      for (let b = 1; b <= s.batches; b++) await insert(s.db, runIds[w]!, batches[b]!);
    });
  };

  const apiRates: number[] = [];
  const copyRates: number[] = [];
  const insertRates: number[] = [];
  const fmt = (n: number) => Math.round(n).toLocaleString('en-US');
  const copyClient = postgres(s.databaseUrl, { max: s.workers, onnotice: () => {} });
  try {
    // Alternating rounds, best of each: other load on the machine hits all paths alike.
    for (let r = 0; r < s.rounds; r++) {
      copyRates.push(points / (await directRound(r, copyInsert(copyClient))));
      s.log(`  round ${r + 1}: COPY          ${fmt(copyRates.at(-1)!)} points/s`);
      insertRates.push(points / (await directRound(r, directInsert)));
      s.log(`  round ${r + 1}: INSERT        ${fmt(insertRates.at(-1)!)} points/s`);
      apiRates.push(points / (await apiRound(r)));
      s.log(`  round ${r + 1}: log-batch     ${fmt(apiRates.at(-1)!)} points/s`);
    }
  } finally {
    await copyClient.end();
  }
  return {
    apiRate: Math.max(...apiRates),
    copyRate: Math.max(...copyRates),
    insertRate: Math.max(...insertRates),
    apiRates,
    copyRates,
    insertRates,
    points,
  };
}

export function ingestFigure(result: IngestResult, workers: number, transport: string, note?: string): Figure {
  const ratio = result.apiRate / result.copyRate;
  return {
    name: `1 Ingest: log-batch ${transport}, ${workers} clients`,
    measured: `${fmtInt(result.apiRate)} points/s`,
    baseline: `COPY ${fmtInt(result.copyRate)} points/s (INSERT ${fmtInt(result.insertRate)}: ${(result.apiRate / result.insertRate).toFixed(2)})`,
    ratio: ratio.toFixed(2),
    target: `≥ ${INGEST_TARGET}`,
    pass: ratio >= INGEST_TARGET,
    note,
  };
}

/** A user, project, experiment and API token to ingest into. */
export async function ingestFixture(db: Db) {
  const user = await createUser(db, null, { email: 'bench@example.com', name: 'Bench', password: 'bench-password-1' });
  const actor = { id: user.id, isAdmin: false };
  const project = await createProject(db, actor, { slug: 'bench', name: 'Bench', problemStatement: '' });
  const experiment = await createExperiment(db, actor, project.id, { name: 'Ingest bench' });
  const { token } = await createApiToken(db, actor, project.id, 'bench');
  return { user, project, experiment, token };
}

const envNum = (name: string, fallback: number) => {
  const v = Number(process.env[name]);
  return Number.isFinite(v) && v > 0 ? Math.floor(v) : fallback;
};

// Alone: `npx tsx scripts/bench/ingest.ts`, over HTTP when a build exists, else in-process (see ./transport.ts).
runFigureAlone(import.meta.url, 'ingest', async (handle: DbHandle, databaseUrl: string) => {
  const { project, experiment, token } = await ingestFixture(handle.db);
  const log = (line: string) => console.log(line);
  const transport = await chooseTransport(databaseUrl, handle, log);
  const workers = envNum('BENCH_WORKERS', 4);
  try {
    const result = await benchIngest({
      db: handle.db,
      databaseUrl,
      projectId: project.id,
      experimentId: experiment.id,
      token,
      baseUrl: transport.baseUrl,
      fetch: transport.fetch,
      workers,
      batches: envNum('BENCH_BATCHES', 25),
      rounds: envNum('BENCH_ROUNDS', 3),
      log,
    });
    const how = transport.kind === 'http' ? 'over HTTP' : 'in-process';
    return { figures: [ingestFigure(result, workers, how, transport.note)] };
  } finally {
    await transport.stop();
  }
});
