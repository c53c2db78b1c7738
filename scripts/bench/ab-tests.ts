// Figures 6–7 (A/B tests): assignment latency for new units (each records an exposure) against the cheapest
// authenticated route on the same transport, and the results endpoint of a test with 1,000,000 logged events
// against one with 1,000. Events go through recordAbEvents (what POST …/events runs), so the running sums are the
// product's own.
// Run alone with `npx tsx scripts/bench/ab-tests.ts` (a fresh Postgres database, dropped afterwards).
import fs from 'node:fs';
import path from 'node:path';
import { type DbHandle, provideDbHandle } from '@/db/client';
import { recordAbEvents } from '@/db/queries/ab-ingest';
import { createAbTest } from '@/db/queries/ab-tests';
import { createProject } from '@/db/queries/projects';
import { createModelVersion, createRegisteredModel } from '@/db/queries/registry';
import { createApiToken } from '@/db/queries/tokens';
import { createUser } from '@/db/queries/users';
import { MAX_EVENTS_PER_BATCH } from '@/lib/ab-tests/events';
import type { AbResults } from '@/lib/ab-tests/results';
import { createRng } from '@/scripts/demo/ml/random';
import { type BuildState, buildState, startNextServer } from '../lib/next-server';
import { type Figure, fmtInt, fmtMs, median, percentile, timeRuns } from '../lib/util';
import { runFigureAlone } from './standalone';

export const AB_TARGETS = { assignMs: 10, resultsRatio: 2, resultsMs: 100 };
const ASSIGNS = 1000;
const WARMUP = 50;
const SMALL = 1000;
const RESULTS_CALLS = 100;
const SPAN_MS = 14 * 86_400_000;

/** The three calls the figures time, on one transport: over HTTP to `next start`, or the route handlers in-process. */
type Api = {
  kind: 'http' | 'in-process';
  note?: string;
  project: () => Promise<Response>;
  assign: (testId: string, unitId: string) => Promise<Response>;
  results: (testId: string) => Promise<Response>;
  close: () => Promise<void>;
};

function abBuildState(): BuildState {
  const state = buildState();
  if (
    state.ok &&
    !fs.existsSync(
      path.join(process.cwd(), '.next', 'server', 'app', 'api', 'v1', 'ab-tests', '[id]', 'assign', 'route.js'),
    )
  ) {
    return {
      ok: false,
      reason:
        'the existing build predates the A/B test routes (no .next/server/app/api/v1/ab-tests): rebuild with `npx next build` to measure over HTTP',
    };
  }
  return state;
}

async function openApi(handle: DbHandle, databaseUrl: string, token: string, log: (l: string) => void): Promise<Api> {
  const forced = process.env.BENCH_TRANSPORT;
  const build = abBuildState();
  if (forced === 'http' && !build.ok) throw new Error(`BENCH_TRANSPORT=http, but ${build.reason}`);
  const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
  const body = (unitId: string) => JSON.stringify({ unit_id: unitId });
  if (forced !== 'in-process' && build.ok) {
    const server = await startNextServer({ databaseUrl, log });
    return {
      kind: 'http',
      project: () => fetch(`${server.baseUrl}/api/v1/project`, { headers }),
      assign: (testId, unitId) =>
        fetch(`${server.baseUrl}/api/v1/ab-tests/${testId}/assign`, { method: 'POST', headers, body: body(unitId) }),
      results: (testId) => fetch(`${server.baseUrl}/api/v1/ab-tests/${testId}/results`, { headers }),
      close: () => server.stop(),
    };
  }
  const note = build.ok ? 'BENCH_TRANSPORT=in-process' : build.reason;
  log(`  calling the route handlers in-process: ${note}`);
  const withdraw = provideDbHandle(handle);
  const [project, assign, results] = await Promise.all([
    import('@/app/api/v1/project/route'),
    import('@/app/api/v1/ab-tests/[id]/assign/route'),
    import('@/app/api/v1/ab-tests/[id]/results/route'),
  ]);
  const url = (p: string) => `http://bench.internal${p}`;
  return {
    kind: 'in-process',
    note: `in-process, not HTTP: ${note}`,
    project: () => project.GET(new Request(url('/api/v1/project'), { headers }), { params: Promise.resolve({}) }),
    assign: (testId, unitId) =>
      assign.POST(
        new Request(url(`/api/v1/ab-tests/${testId}/assign`), { method: 'POST', headers, body: body(unitId) }),
        { params: Promise.resolve({ id: testId }) },
      ),
    results: (testId) =>
      results.GET(new Request(url(`/api/v1/ab-tests/${testId}/results`), { headers }), {
        params: Promise.resolve({ id: testId }),
      }),
    close: async () => withdraw(),
  };
}

/** Reads the whole answer (a client does) and refuses anything but 200. */
async function json<T>(res: Response, what: string): Promise<T> {
  const text = await res.text();
  if (res.status !== 200) throw new Error(`${what} answered ${res.status}: ${text.slice(0, 300)}`);
  return JSON.parse(text) as T;
}

/** Milliseconds of each call of a and of b, called in turn so that a busy machine slows both alike. */
async function timeAlternately(
  a: () => Promise<unknown>,
  b: () => Promise<unknown>,
  runs: number,
  warmup: number,
): Promise<[number[], number[]]> {
  const times: [number[], number[]] = [[], []];
  for (let i = 0; i < warmup + runs; i++) {
    for (const [k, fn] of [a, b].entries()) {
      const t = performance.now();
      await fn();
      if (i >= warmup) times[k as 0 | 1].push(performance.now() - t);
    }
  }
  return times;
}

type Event = { unit_id: string; metric: 'revenue' | 'converted'; value: number; timestamp: number };

/** Events [from, to) of a stream over `units` units and two metrics; every unit comes back every `units` events. */
function makeEvents(from: number, to: number, units: number, total: number, t0: number): Event[] {
  const rng = createRng(from + 1);
  const out: Event[] = [];
  for (let i = from; i < to; i++) {
    const timestamp = t0 + Math.floor((i / total) * SPAN_MS);
    out.push(
      i % 3 === 0
        ? { unit_id: `u-${i % units}`, metric: 'converted', value: rng() < 0.3 ? 1 : 0, timestamp }
        : { unit_id: `u-${i % units}`, metric: 'revenue', value: Math.round(rng() * 5000) / 100, timestamp },
    );
  }
  return out;
}

/** One test and what the events sent to it must show in its results: units per metric, the revenue total, exposures. */
class Tracked {
  readonly units = { revenue: new Set<string>(), converted: new Set<string>() };
  revenue = 0;
  events = 0;
  last: AbResults | null = null;
  constructor(
    readonly id: string,
    readonly exposures: number,
  ) {}
  add(events: Event[]) {
    this.events += events.length;
    for (const e of events) {
      this.units[e.metric].add(e.unit_id);
      if (e.metric === 'revenue') this.revenue += e.value;
    }
  }
  check() {
    const results = this.last!;
    const after = `After ${fmtInt(this.events)} events`;
    for (const metric of results.metrics) {
      const n = metric.variants.reduce((s, v) => s + v.n, 0);
      const want = this.units[metric.name as Event['metric']].size;
      if (n !== want) throw new Error(`${after} the results count ${n} units for ${metric.name}, expected ${want}.`);
      if (metric.name !== 'revenue') continue;
      const sum = metric.variants.reduce((s, v) => s + v.n * v.mean, 0);
      if (Math.abs(sum - this.revenue) > 1e-6 * Math.max(1, this.revenue))
        throw new Error(`${after} the revenue total is ${sum}, expected ${this.revenue}.`);
    }
    const exposed = results.variants.reduce((s, v) => s + v.assigned, 0);
    if (exposed !== this.exposures)
      throw new Error(`${after} the results count ${exposed} exposures, expected ${this.exposures}.`);
  }
}

export type AbBench = {
  figures: Figure[];
  assignP50: number;
  assignP99: number;
  projectP50: number;
  resultsSmallMs: number;
  resultsLargeMs: number;
};

const definition = (name: string) => ({
  name,
  description: '',
  model: 'ranker',
  variants: [
    { version: 1, weight: 50 },
    { version: 2, weight: 50 },
  ],
  metrics: [
    { name: 'revenue', kind: 'continuous' as const, direction: 'increase' as const, guardrail: false },
    { name: 'converted', kind: 'conversion' as const, direction: 'increase' as const, guardrail: false },
  ],
});

export async function benchAbTests(
  handle: DbHandle,
  opts: { databaseUrl: string; events: number; log?: (line: string) => void },
): Promise<AbBench> {
  const log = opts.log ?? ((line: string) => console.log(line));
  // At least ten times the small test's events, or the comparison says nothing.
  const total = Math.max(opts.events, SMALL * 10);
  const units = Math.max(SMALL, Math.floor(total / 10));
  const db = handle.db;
  const user = await createUser(db, null, {
    email: 'ab-bench@example.com',
    name: 'Bench',
    password: 'bench-password-1',
  });
  const project = await createProject(db, user, { slug: 'ab-bench', name: 'A/B bench', problemStatement: '' });
  const { token } = await createApiToken(db, user, project.id, 'bench');
  await createRegisteredModel(db, user, project.id, { name: 'ranker' });
  for (let v = 0; v < 2; v++) await createModelVersion(db, user, project.id, { name: 'ranker' });
  const large = new Tracked((await createAbTest(db, user, project.id, definition('Ranker v2'))).id, WARMUP + ASSIGNS);
  const small = new Tracked((await createAbTest(db, user, project.id, definition('Ranker v2, small'))).id, 0);
  const api = await openApi(handle, opts.databaseUrl, token, log);
  try {
    log(
      `  assign: ${fmtInt(ASSIGNS)} new units, each call after a GET /api/v1/project with the same token (${api.kind})`,
    );
    let unit = 0;
    const [projectMs, assignMs] = await timeAlternately(
      async () => json(await api.project(), 'GET /api/v1/project'),
      async () => {
        const { variant } = await json<{ variant: string }>(await api.assign(large.id, `new-unit-${unit++}`), 'assign');
        if (variant !== 'A' && variant !== 'B') throw new Error(`assign answered variant ${variant}`);
      },
      ASSIGNS,
      WARMUP,
    );
    const projectP50 = median(projectMs);
    const assignP50 = median(assignMs);
    const assignP99 = percentile(assignMs, 99);
    log(`  assign p50 ${fmtMs(assignP50)}, p99 ${fmtMs(assignP99)}; GET /api/v1/project p50 ${fmtMs(projectP50)}`);

    const t0 = Date.now() - SPAN_MS;
    const send = async (test: Tracked, from: number, to: number) => {
      const events = makeEvents(from, to, units, total, t0);
      test.add(events);
      await recordAbEvents(db, project.id, test.id, events);
    };
    const results = (test: Tracked) => async () => {
      test.last = await json<AbResults>(await api.results(test.id), 'results');
    };
    await send(small, 0, SMALL);
    await send(large, 0, SMALL);
    const before = median(await timeRuns(results(large), RESULTS_CALLS, 10));
    large.check();
    log(`  results after ${fmtInt(SMALL)} events: median ${fmtMs(before)}`);
    log(
      `  logging ${fmtInt(total - SMALL)} more events over ${fmtInt(units)} units in batches of ${fmtInt(MAX_EVENTS_PER_BATCH)} through recordAbEvents …`,
    );
    const started = performance.now();
    for (let from = SMALL; from < total; from += MAX_EVENTS_PER_BATCH)
      await send(large, from, Math.min(total, from + MAX_EVENTS_PER_BATCH));
    const seconds = (performance.now() - started) / 1000;
    log(`  logged in ${seconds.toFixed(1)} s (${fmtInt((total - SMALL) / seconds)} events/s)`);
    // The baseline is a second test that stayed at 1,000 events, called in turn with this one: on a busy
    // machine a measurement taken a minute earlier differs by more than the effect looked for.
    const [smallMs, largeMs] = await timeAlternately(results(small), results(large), RESULTS_CALLS, 10);
    small.check();
    large.check();
    const resultsSmallMs = median(smallMs);
    const resultsLargeMs = median(largeMs);
    log(
      `  results after ${fmtInt(total)} events: median ${fmtMs(resultsLargeMs)}; the test with ${fmtInt(SMALL)} events meanwhile ${fmtMs(resultsSmallMs)}`,
    );

    const resultsRatio = resultsLargeMs / resultsSmallMs;
    const transport = api.kind === 'http' ? 'over HTTP' : 'in-process';
    const figures: Figure[] = [
      {
        name: `6 A/B assign ${transport}, new unit (records its exposure), p50`,
        measured: fmtMs(assignP50),
        baseline: `GET /api/v1/project p50 ${fmtMs(projectP50)}`,
        ratio: `${(assignP50 / projectP50).toFixed(2)}×`,
        target: `< ${AB_TARGETS.assignMs} ms`,
        pass: assignP50 < AB_TARGETS.assignMs,
        note: api.note,
      },
      {
        name: '6 A/B assign, p99',
        measured: fmtMs(assignP99),
        baseline: `GET /api/v1/project p50 ${fmtMs(projectP50)}`,
        ratio: `${(assignP99 / projectP50).toFixed(2)}×`,
        target: 'reported',
        pass: true,
      },
      {
        name: `7 A/B results at ${fmtInt(total)} events, median`,
        measured: fmtMs(resultsLargeMs),
        baseline: `test at ${fmtInt(SMALL)} events ${fmtMs(resultsSmallMs)}`,
        ratio: `${resultsRatio.toFixed(2)}×`,
        target: `≤ ${AB_TARGETS.resultsRatio}×`,
        pass: resultsRatio <= AB_TARGETS.resultsRatio,
      },
      {
        name: '7 A/B results, absolute',
        measured: fmtMs(resultsLargeMs),
        baseline: '—',
        ratio: '—',
        target: `< ${AB_TARGETS.resultsMs} ms`,
        pass: resultsLargeMs < AB_TARGETS.resultsMs,
      },
    ];
    return { figures, assignP50, assignP99, projectP50, resultsSmallMs, resultsLargeMs };
  } finally {
    await api.close();
  }
}

runFigureAlone(import.meta.url, 'A/B', (handle, databaseUrl) =>
  benchAbTests(handle, { databaseUrl, events: Number(process.env.BENCH_AB_EVENTS) || 1_000_000 }),
);
