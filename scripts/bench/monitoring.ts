// Figures 4–5 (model monitoring): ingestion of 10,000-row prediction batches through the native API against
// inserting the same rows directly, and drift checks over 1,000,000 logged predictions × 10 features.
// Run alone with `npx tsx scripts/bench/monitoring.ts` (a fresh Postgres database, dropped afterwards).
import { sql } from 'drizzle-orm';
import type { DbHandle } from '@/db/client';
import { provideDbHandle } from '@/db/client';
import { computeDrift } from '@/db/queries/drift-checks';
import { ensureMonitor, getMonitor } from '@/db/queries/monitoring';
import { setReferenceWindow } from '@/db/queries/monitoring-reference';
import { insertPredictionRows } from '@/db/queries/predictions';
import { createProject } from '@/db/queries/projects';
import { createModelVersion, createRegisteredModel, transitionModelVersionStage } from '@/db/queries/registry';
import { createApiToken } from '@/db/queries/tokens';
import { createUser } from '@/db/queries/users';
import { createRng } from '@/scripts/demo/ml/random';
import { parsePredictionBatch } from '@/lib/monitoring/ingest';
import type { Figure } from '../lib/util';
import { runFigureAlone } from './standalone';
import { fmtInt, fmtMs, median } from '../lib/util';

const BATCH = 10_000;
const TOTAL = 1_000_000;
const T0 = Date.parse('2024-01-01T00:00:00Z');
const STEP_MS = 1000;
export const MONITORING_TARGETS = { checkMs: 2000, ingestRatio: 0.5 };

type Row = {
  id: string;
  timestamp: string;
  features: Record<string, number | string>;
  prediction: string;
  actual: string;
};

/** Row i of a stream whose second half drifts on three of its ten features (f0 and f1 shift, `plan` changes mix). */
function makeRows(from: number, count: number, seed: number): Row[] {
  const rng = createRng(seed);
  const gauss = () => Math.sqrt(-2 * Math.log(1 - rng())) * Math.cos(2 * Math.PI * rng());
  return Array.from({ length: count }, (_, k) => {
    const i = from + k;
    const late = i >= TOTAL / 2;
    const features: Record<string, number | string> = {};
    for (let f = 0; f < 8; f++) features[`f${f}`] = Math.round((gauss() + (late && f < 2 ? 0.3 : 0)) * 1e4) / 1e4;
    features.plan = rng() < (late ? 0.5 : 0.3) ? 'pro' : 'free';
    features.region = ['eu', 'us', 'apac', 'latam'][Math.floor(rng() * 4)]!;
    const prediction = rng() < 0.5 ? 'churn' : 'stay';
    return {
      id: `r-${i}`,
      timestamp: new Date(T0 + i * STEP_MS).toISOString(),
      features,
      prediction,
      actual: rng() < 0.85 ? prediction : prediction === 'churn' ? 'stay' : 'churn',
    };
  });
}

export type MonitoringBench = {
  figures: Figure[];
  apiRate: number;
  directRate: number;
  checks: { name: string; ms: number }[];
};

export async function benchMonitoring(
  handle: DbHandle,
  opts: { batches?: number; log?: (line: string) => void } = {},
): Promise<MonitoringBench> {
  const log = opts.log ?? ((line: string) => console.log(line));
  const batches = opts.batches ?? 20;
  const db = handle.db;
  const user = await createUser(db, null, {
    email: 'monitoring-bench@example.com',
    name: 'Bench',
    password: 'bench-password-1',
  });
  const project = await createProject(db, user, {
    slug: 'monitoring-bench',
    name: 'Monitoring bench',
    problemStatement: '',
  });
  const { token } = await createApiToken(db, user, project.id, 'bench');
  for (const name of ['churn', 'churn-direct']) {
    await createRegisteredModel(db, user, project.id, { name });
    await createModelVersion(db, user, project.id, { name });
    await transitionModelVersionStage(db, user, project.id, {
      name,
      version: 1,
      stage: 'Production',
      archiveExisting: true,
    });
  }
  const withdraw = provideDbHandle(handle);
  try {
    const { POST } = await import('@/app/api/v1/models/[name]/predictions/route');
    log(
      `  ingest: ${batches} batches of ${fmtInt(BATCH)} rows × 10 features through POST /api/v1/models/churn/predictions (in-process), then the same rows inserted directly`,
    );
    // Bodies are serialized before the clock starts: clients build them on their own machines.
    const bodies = Array.from({ length: batches }, (_, b) => JSON.stringify(makeRows(b * BATCH, BATCH, b + 1)));
    const apiMs: number[] = [];
    for (const body of bodies) {
      const t = performance.now();
      const res = await POST(
        new Request('http://bench.internal/api/v1/models/churn/predictions', {
          method: 'POST',
          headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
          body,
        }),
        {
          params: Promise.resolve({ name: 'churn' }),
        },
      );
      if (res.status !== 200)
        throw new Error(`predictions answered ${res.status}: ${(await res.text()).slice(0, 300)}`);
      await res.arrayBuffer();
      apiMs.push(performance.now() - t);
    }
    // The direct path: the same rows, already validated, the same single unnest INSERT, no HTTP/JSON/auth.
    const { monitor: direct } = await ensureMonitor(db, user, project.id, 'churn-direct');
    const parsed = bodies.map((b) => parsePredictionBatch(JSON.parse(b), new Map()).rows);
    const directMs: number[] = [];
    for (const rows of parsed) {
      const t = performance.now();
      await insertPredictionRows(db, direct.id, null, rows);
      directMs.push(performance.now() - t);
    }
    const apiRate = BATCH / (median(apiMs) / 1000);
    const directRate = BATCH / (median(directMs) / 1000);
    log(
      `  API ${fmtInt(apiRate)} rows/s (median batch ${fmtMs(median(apiMs))}), direct ${fmtInt(directRate)} rows/s (median ${fmtMs(median(directMs))})`,
    );

    log(`  loading the rest of ${fmtInt(TOTAL)} predictions for the drift checks …`);
    const { monitor } = await getMonitor(db, project.id, 'churn');
    for (let from = batches * BATCH; from < TOTAL; from += BATCH) {
      await insertPredictionRows(
        db,
        monitor.id,
        null,
        parsePredictionBatch(makeRows(from, BATCH, from / BATCH + 1), new Map()).rows,
      );
    }
    // A bulk load leaves no visibility map or planner statistics; autovacuum would add them within a minute.
    await db.execute(sql`vacuum analyze predictions`);
    const at = (i: number) => new Date(T0 + i * STEP_MS);
    const scenarios = [
      { name: '500k reference vs 500k current (Wasserstein / JS)', ref: [0, TOTAL / 2], cur: [TOTAL / 2, TOTAL] },
      { name: '500k reference vs all 1M as current', ref: [0, TOTAL / 2], cur: [0, TOTAL] },
      { name: '1,000-row reference vs 500k current (KS / χ² / z)', ref: [0, 1000], cur: [TOTAL / 2, TOTAL] },
    ];
    const checks: { name: string; ms: number }[] = [];
    for (const s of scenarios) {
      await setReferenceWindow(db, user, project.id, monitor.id, at(s.ref[0]!), at(s.ref[1]!));
      const target = await getMonitor(db, project.id, 'churn');
      const times: number[] = [];
      let drifted = '';
      for (let run = 0; run < 4; run++) {
        const t = performance.now();
        const result = await computeDrift(db, project.id, target, { start: at(s.cur[0]!), end: at(s.cur[1]!) });
        if (run > 0) times.push(performance.now() - t);
        drifted = `${result.features
          .filter((f) => f.drifted)
          .map((f) => f.feature)
          .join(
            ', ',
          )}; tests ${[...new Set(result.features.map((f) => f.test))].join('/')}; sample ${fmtInt(result.referenceSampled)} + ${fmtInt(result.currentSampled)} of ${fmtInt(result.referenceRows)} + ${fmtInt(result.currentRows)}`;
      }
      checks.push({ name: s.name, ms: median(times) });
      log(`  check ${s.name}: median ${fmtMs(median(times))} — drifted: ${drifted}`);
    }
    const ratio = apiRate / directRate;
    const figures: Figure[] = [
      {
        name: `4 Ingest: ${fmtInt(BATCH)}-row prediction batches, in-process API`,
        measured: `${fmtInt(apiRate)} rows/s`,
        baseline: `direct insert ${fmtInt(directRate)} rows/s`,
        ratio: ratio.toFixed(2),
        target: `≥ ${MONITORING_TARGETS.ingestRatio}`,
        pass: ratio >= MONITORING_TARGETS.ingestRatio,
      },
      ...checks.map((c) => ({
        name: `5 Drift check over 1M predictions × 10 features: ${c.name}`,
        measured: fmtMs(c.ms),
        baseline: '—',
        ratio: '—',
        target: `< ${fmtMs(MONITORING_TARGETS.checkMs)}`,
        pass: c.ms < MONITORING_TARGETS.checkMs,
      })),
    ];
    return { figures, apiRate, directRate, checks };
  } finally {
    withdraw();
  }
}

runFigureAlone(import.meta.url, 'monitoring', (handle) =>
  benchMonitoring(handle, { batches: Number(process.env.BENCH_MONITORING_BATCHES) || 20 }),
);
