// `npm run test:load`: Runboard (`next start`) on a fresh Postgres database with the demo project, driven by 100
// concurrent clients for LOAD_SECONDS (60) through pages, API reads, MLflow log-batch writes and prediction
// batches. Prints requests and p50/p99 per route; exits 1 on any 5xx or failed request, or when an acknowledged
// write is missing afterwards (audited batch by batch: count and checksum).
import { spawnSync } from 'node:child_process';
import autocannon from 'autocannon';
import { sql } from 'drizzle-orm';
import { type DbHandle, openDb } from '@/db/client';
import { rowsOf } from '@/db/rows';
import { createApiToken } from '@/db/queries/tokens';
import { createUser } from '@/db/queries/users';
import { createFreshPostgresDatabase } from '@/db/test-db';
import { signInCookie } from '@/tests/helpers/sessions';
import { DEMO_PROJECT } from './demo/project';
import { DEMO_MONITORED_MODEL } from '@/scripts/demo/monitoring';
import { createMlflowClient } from './mlflow-client';
import { type RunningServer, ensureBuild, startNextServer } from './lib/next-server';
import { runScript, verdict } from './lib/util';
import {
  type Audit,
  auditMetricBatches,
  auditPassed,
  auditPredictionBatches,
  describeAudit,
  metricBatchBody,
  predictionBatchBody,
} from './lib/ledger';

const SECONDS = Number(process.env.LOAD_SECONDS) || 60;
const log = (line: string) => console.log(line);
const PASSWORD = 'load-test-password-1';

type Route = {
  name: string;
  connections: number;
  method: 'GET' | 'POST';
  path: string;
  headers: Record<string, string>;
  /** Builds the body of each request; returns the batch number it carries, if it is a ledger write. */
  body?: (ctx: Record<string, unknown>) => { body: string; seq: number };
};

type RouteResult = {
  name: string;
  connections: number;
  requests: number;
  p50: number;
  p99: number;
  max: number;
  ok: number;
  client4xx: number;
  server5xx: number;
  errors: number;
  timeouts: number;
};

function drive(baseUrl: string, route: Route, acked: number[]): Promise<RouteResult> {
  return new Promise((resolve, reject) => {
    const instance = autocannon(
      {
        url: baseUrl,
        connections: route.connections,
        duration: SECONDS,
        timeout: 30,
        requests: [
          {
            method: route.method,
            path: route.path,
            headers: route.headers,
            setupRequest: (req, context) => {
              if (!route.body) return req;
              const ctx = context as Record<string, unknown>;
              const { body, seq } = route.body(ctx);
              ctx.seq = seq;
              return { ...req, body };
            },
            onResponse: (status, _body, context) => {
              if (route.body && status === 200) acked.push((context as Record<string, unknown>).seq as number);
            },
          },
        ],
      },
      (err, result) => {
        if (err) return reject(err);
        resolve({
          name: route.name,
          connections: route.connections,
          requests: result.requests.total,
          p50: result.latency.p50,
          p99: result.latency.p99,
          max: result.latency.max,
          ok: result['2xx'],
          client4xx: result['4xx'],
          server5xx: result['5xx'],
          errors: result.errors,
          timeouts: result.timeouts,
        });
      },
    );
    instance.on('error', reject);
  });
}

async function main(): Promise<number> {
  ensureBuild(log);
  const fresh = await createFreshPostgresDatabase('runboard_load');
  log(`load test on a fresh Postgres database ${fresh.name}`);
  let handle: DbHandle | null = null;
  let server: RunningServer | null = null;
  try {
    const seeded = spawnSync('npx', ['tsx', 'scripts/demo/seed.ts'], {
      env: { ...process.env, DATABASE_URL: fresh.url },
      encoding: 'utf8',
    });
    if (seeded.status !== 0) throw new Error(`seeding the demo project failed:\n${seeded.stdout}\n${seeded.stderr}`);
    log('  demo project seeded');
    handle = await openDb({ databaseUrl: fresh.url, dataDir: '' });
    const db = handle.db;
    const admin = await createUser(db, null, {
      email: 'load@example.com',
      name: 'Load',
      password: PASSWORD,
      isAdmin: true,
    });
    // `next start` runs in production, where better-auth names its cookies with the __Secure- prefix.
    const cookie = (await signInCookie(db, admin.email, PASSWORD))
      .split('; ')
      .map((c) => `__Secure-${c}`)
      .join('; ');
    const [project] = rowsOf<{ id: string }>(
      await db.execute(sql`select id from projects where slug = ${DEMO_PROJECT.slug}`),
    );
    if (!project) throw new Error('the demo project is missing after seeding');
    const { token } = await createApiToken(db, { id: admin.id, isAdmin: true }, project.id, 'load test');
    const [experiment] = rowsOf<{ id: number }>(
      await db.execute(sql`select id from experiments where project_id = ${project.id} order by id limit 1`),
    );
    const [template] = rowsOf<{ monitor_id: string; features: Record<string, unknown>; prediction: unknown }>(
      await db.execute(
        sql`select p.monitor_id, p.features, p.prediction from predictions p join monitors m on m.id = p.monitor_id where m.project_id = ${project.id} limit 1`,
      ),
    );
    if (!experiment || !template) throw new Error('the demo project has no experiment or no logged predictions');

    server = await startNextServer({ databaseUrl: fresh.url, log });
    const mlflow = createMlflowClient({ baseUrl: server.baseUrl, token, fetch: (url, init) => fetch(url, init) });
    const runIds: string[] = [];
    for (let i = 0; i < 30; i++)
      runIds.push(
        (await mlflow.createRun({ experimentId: String(experiment.id), runName: `load-${i}`, startTime: Date.now() }))
          .run_id,
      );
    const [someRun] = runIds;

    const api = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
    const page = { cookie, accept: 'text/html' };
    const slug = DEMO_PROJECT.slug;
    let seq = 0;
    let runCursor = 0;
    const routes: Route[] = [
      { name: 'page  overview', connections: 8, method: 'GET', path: `/${slug}`, headers: page },
      {
        name: 'page  experiment runs',
        connections: 8,
        method: 'GET',
        path: `/${slug}/experiments/${experiment.id}`,
        headers: page,
      },
      { name: 'page  board', connections: 6, method: 'GET', path: `/${slug}/board`, headers: page },
      { name: 'page  monitoring', connections: 6, method: 'GET', path: `/${slug}/monitoring`, headers: page },
      {
        name: 'api   runs/search',
        connections: 12,
        method: 'POST',
        path: '/api/2.0/mlflow/runs/search',
        headers: api,
        body: () => ({
          body: JSON.stringify({
            experiment_ids: [String(experiment.id)],
            filter: "attributes.status = 'FINISHED'",
            max_results: 50,
          }),
          seq: -1,
        }),
      },
      {
        name: 'api   metrics/get-history',
        connections: 10,
        method: 'GET',
        path: `/api/2.0/mlflow/metrics/get-history?run_id=${someRun}&metric_key=ledger_0`,
        headers: api,
      },
      {
        name: 'write log-batch (100 metrics)',
        connections: 30,
        method: 'POST',
        path: '/api/2.0/mlflow/runs/log-batch',
        headers: api,
        body: (ctx) => {
          ctx.runId ??= runIds[runCursor++ % runIds.length];
          const n = seq++;
          return { body: metricBatchBody(ctx.runId as string, n), seq: n };
        },
      },
      {
        name: 'write predictions (100 rows)',
        connections: 20,
        method: 'POST',
        path: `/api/v1/models/${DEMO_MONITORED_MODEL}/predictions`,
        headers: api,
        body: () => {
          const n = seq++;
          return { body: predictionBatchBody(n, template), seq: n };
        },
      },
    ];
    // One request per route first: a route that does not answer 2xx would make the figures meaningless.
    for (const r of routes) {
      const res = await fetch(`${server.baseUrl}${r.path}`, {
        method: r.method,
        headers: r.headers,
        body: r.body?.({}).body,
        redirect: 'manual',
      });
      if (res.status < 200 || res.status > 299)
        throw new Error(
          `${r.name} answered ${res.status} ${res.headers.get('location') ?? ''} ${(await res.text()).slice(0, 300)}`,
        );
    }
    const total = routes.reduce((s, r) => s + r.connections, 0);
    log(`\n${total} concurrent clients for ${SECONDS} s on ${server.baseUrl}`);
    const ackedMetrics: number[] = [];
    const ackedPredictions: number[] = [];
    const ignored: number[] = [];
    const results = await Promise.all(
      routes.map((r) =>
        drive(
          server!.baseUrl,
          r,
          r.name.includes('log-batch') ? ackedMetrics : r.name.includes('predictions') ? ackedPredictions : ignored,
        ),
      ),
    );

    const head = ['Route', 'Clients', 'Requests', 'req/s', 'p50 ms', 'p99 ms', 'max ms', '2xx', '4xx', '5xx', 'errors'];
    const rows = results.map((r) =>
      [
        r.name,
        r.connections,
        r.requests,
        (r.requests / SECONDS).toFixed(1),
        r.p50,
        r.p99,
        r.max,
        r.ok,
        r.client4xx,
        r.server5xx,
        r.errors + r.timeouts,
      ].map(String),
    );
    const widths = head.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i]!.length)));
    const line = (cells: string[]) =>
      cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
    log(['', line(head), ...rows.map(line)].join('\n'));

    const metricsAudit = await auditMetricBatches(db, runIds, ackedMetrics);
    const predictionsAudit = await auditPredictionBatches(db, template.monitor_id, ackedPredictions);
    log(`\n${describeAudit('log-batch', metricsAudit)}\n${describeAudit('predictions', predictionsAudit)}`);

    const failures: string[] = [];
    const sum = (f: (r: RouteResult) => number) => results.reduce((s, r) => s + f(r), 0);
    if (sum((r) => r.server5xx) > 0) failures.push(`${sum((r) => r.server5xx)} responses were 5xx`);
    for (const r of results) if (r.ok === 0) failures.push(`${r.name}: no request completed`);
    const not2xx = sum((r) => r.requests - r.ok);
    if (not2xx > 0) failures.push(`${not2xx} responses were not 2xx (the load script's requests are all valid)`);
    if (sum((r) => r.errors + r.timeouts) > 0)
      failures.push(`${sum((r) => r.errors + r.timeouts)} requests failed or timed out`);
    const audits: [string, Audit][] = [
      ['log-batch', metricsAudit],
      ['predictions', predictionsAudit],
    ];
    for (const [what, a] of audits) {
      if (!auditPassed(a))
        failures.push(
          `${what}: acknowledged writes missing or partial (${a.lost.length} lost, ${a.partial.length} partial)`,
        );
      if (a.acknowledged === 0) failures.push(`${what}: no write was acknowledged`);
    }
    const secrets = [token, PASSWORD, cookie.split('session_token=')[1]!.split(';')[0]!];
    if (secrets.some((s) => server!.output().includes(s)))
      failures.push('the server log contains a token, password or session cookie');
    return verdict(
      failures,
      `load test passed: ${sum((r) => r.requests)} requests, zero 5xx, every acknowledged write found`,
    );
  } finally {
    await server?.stop();
    await handle?.close();
    await fresh.drop();
  }
}

runScript('load test', main);
