// Figure 1: MLflow log-batch ingest (1000 metrics a request, several concurrent clients) against inserting the
// same rows straight into metric_points with the same concurrency, in the same database.
import { sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { createRun } from '@/db/queries/runs';
import { type FetchLike, createMlflowClient } from '../mlflow-client';

export type IngestSetup = {
  db: Db;
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
  directRate: number;
  apiRates: number[];
  directRates: number[];
  points: number;
};

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

  const directRound = async (round: number) => {
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
    await Promise.all(runIds.map((id) => directInsert(s.db, id, batches[0]!)));
    return timed(s.workers, async (w) => {
      for (let b = 1; b <= s.batches; b++) await directInsert(s.db, runIds[w]!, batches[b]!);
    });
  };

  const apiRates: number[] = [];
  const directRates: number[] = [];
  // Alternating rounds, best of each: other load on the machine hits both paths alike.
  for (let r = 0; r < s.rounds; r++) {
    const d = directRound(r).then((sec) => points / sec);
    directRates.push(await d);
    s.log(`  round ${r + 1}: direct insert ${Math.round(directRates.at(-1)!).toLocaleString('en-US')} points/s`);
    apiRates.push(points / (await apiRound(r)));
    s.log(`  round ${r + 1}: log-batch     ${Math.round(apiRates.at(-1)!).toLocaleString('en-US')} points/s`);
  }
  return { apiRate: Math.max(...apiRates), directRate: Math.max(...directRates), apiRates, directRates, points };
}
