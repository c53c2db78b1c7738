// Hostile input against every server action, API route and MLflow endpoint, called in-process as a caller who
// IS allowed (the project's owner), so only the input can make a request fail. fast-check generates wrong
// types, missing fields, huge strings and arrays, awkward unicode (NUL, lone surrogates, RTL), NaN/Infinity
// and extreme numbers, SQL and LIKE metacharacters, deep JSON, non-JSON bodies and prototype keys, and also
// valid requests with one text field poisoned. Every answer must be a 4xx with a clear message, or a success —
// never a 5xx (MLflow clients retry those) nor an action's "something went wrong"; when the schema rejects the
// input, the answer is exactly the wrapper's message naming the field; and rejected input writes no row.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import type { Db } from '@/db/client';
import { createAbTest } from '@/db/queries/ab-tests';
import { createExperiment } from '@/db/queries/experiments';
import { ensureMonitor } from '@/db/queries/monitoring';
import { createProject } from '@/db/queries/projects';
import { createModelVersion, createRegisteredModel, transitionModelVersionStage } from '@/db/queries/registry';
import { createRun, logBatch } from '@/db/queries/runs';
import { createApiToken } from '@/db/queries/tokens';
import { createUser } from '@/db/queries/users';
import { PROJECT_ROLES, type ProjectRole } from '@/lib/domain';
import { describeUnstorableText, describeZodError, formDataToObject, slugSchema } from '@/lib/validation';
import type { ActionResult } from '@/server/action';
import { ApiError, readInput } from '@/server/api';
import {
  type ActionEntry,
  type RouteEntry,
  loadActions,
  loadRoutes,
  mlflowEndpoints,
  routeUrl,
} from './helpers/app-modules';
import { openAppTestDb } from './helpers/app-db';
import { ACTION_SAMPLES, type Fixture, ROUTE_SAMPLES, type Sample } from './helpers/hostile-samples';
import {
  hostilePayload,
  nastyString,
  poisonedSample,
  prototypeNameProbes,
  rawBody,
  schemaKeys,
} from './helpers/hostile-values';
import { junkWatch } from './helpers/junk-watch';
import { actAs } from './helpers/next-request';
import { signInCookie } from './helpers/sessions';

vi.mock('next/headers', async () => (await import('./helpers/next-request')).nextHeadersModule);
vi.mock('next/cache', async () => (await import('./helpers/next-request')).nextCacheModule);

const SLUG = 'hostile';
const PASSWORD = 'correct-horse-battery-9';
const FALLBACK = 'Something went wrong on our side; nothing was saved.';
/** Malformed inputs per target (~130 targets), and valid requests with poisoned text per target that has a sample. */
const RUNS = Number(process.env.HOSTILE_RUNS ?? 95);
const POISONED_RUNS = Math.ceil(RUNS / 6);
const MIN_MALFORMED = 10_000;

const actions = (await loadActions('app')).filter((e) => e.fn && e.access && e.schema);
const allRoutes = await loadRoutes('app');
const routes = [...allRoutes.filter((r) => r.schema), ...mlflowEndpoints(allRoutes)];
const keyOf = (e: RouteEntry) =>
  e.file === 'server/mlflow/router.ts'
    ? `${e.name} ${e.urlPath.replace('/api/2.0/mlflow/', '')}`
    : `${e.name} ${e.file}`;

let db: Db;
let cleanup = async () => {};
let fixture: Fixture;
let ownerToken: string;
const cookies = { owner: '', admin: '' };
let malformed = 0;

type Refusal = { message: string; field: string | null };

/** What the shared wrappers refuse before a handler runs (input the schema rejects, or text Postgres cannot store), and the field to blame. */
function wrapperRefusal(schema: z.ZodType, input: unknown): Refusal | null {
  const parsed = schema.safeParse(input);
  if (parsed.success) {
    const unstorable = describeUnstorableText(parsed.data);
    const key = unstorable && Object.keys(unstorable.fieldErrors)[0]!;
    return unstorable && { message: unstorable.message, field: key === '_' ? null : key };
  }
  const path = parsed.error.issues[0]?.path ?? [];
  return { message: describeZodError(parsed.error).message, field: path.length ? path.map(String).join('.') : null };
}

/** A refusal's message must say which field is wrong, whenever one is. */
const namesField = (message: string, field: string | null) => field === null || message.includes(`'${field}'`);

function describeInput(v: unknown): string {
  let text: string;
  try {
    text =
      typeof v === 'string'
        ? v
        : v instanceof FormData
          ? JSON.stringify(formDataToObject(v))
          : (JSON.stringify(v) ?? String(v));
  } catch {
    text = fc.stringify(v);
  }
  return text.length > 300 ? `${text.slice(0, 300)}… (${text.length} chars)` : text;
}

type Outcome = { kind: 'result'; result: ActionResult<unknown> } | { kind: 'redirect'; to: string };

async function callAction(entry: ActionEntry, cookie: string | null, payload: unknown): Promise<Outcome> {
  actAs(cookie);
  try {
    return { kind: 'result', result: await entry.fn!(null, payload as Record<string, unknown>) };
  } catch (err) {
    const digest = (err as { digest?: unknown }).digest;
    if (typeof digest === 'string' && digest.startsWith('NEXT_REDIRECT'))
      return { kind: 'redirect', to: digest.split(';')[2] ?? '' };
    throw err;
  } finally {
    actAs(null);
  }
}

/** Creates a row through the real action (as the UI does) from the action's sample, and returns its id. */
async function createdBy(key: string, f: Fixture): Promise<string> {
  const entry = actions.find((e) => `${e.file}#${e.name}` === key)!;
  const outcome = await callAction(entry, cookies.owner, { project: SLUG, ...ACTION_SAMPLES[key]!(f) });
  if (outcome.kind !== 'result' || !outcome.result.ok)
    throw new Error(`seeding with ${key} failed: ${JSON.stringify(outcome)}`);
  return (outcome.result.data as { id: string }).id;
}

beforeAll(async () => {
  const app = await openAppTestDb();
  db = app.handle.db;
  cleanup = app.cleanup;
  const owner = await createUser(db, null, { email: 'owner@hostile.test', name: 'Owner', password: PASSWORD });
  const admin = await createUser(db, null, {
    email: 'admin@hostile.test',
    name: 'Admin',
    password: PASSWORD,
    isAdmin: true,
  });
  cookies.owner = await signInCookie(db, owner.email, PASSWORD);
  cookies.admin = await signInCookie(db, admin.email, PASSWORD);
  const project = await createProject(db, owner, { slug: SLUG, name: 'Hostile', problemStatement: '' });
  ownerToken = (await createApiToken(db, owner, project.id, 'owner token')).token;
  const experiment = await createExperiment(db, owner, project.id, { name: 'experiment' });
  const run = await createRun(db, owner, project.id, {
    experimentId: experiment.id,
    runName: 'run',
    startTime: 1_700_000_000_000,
  });
  await logBatch(db, project.id, run.id, {
    metrics: [{ key: 'loss', value: 1, timestamp: 1_700_000_000_000, step: 0 }],
    params: [{ key: 'p', value: 'v' }],
  });
  const model = 'hostile model';
  await createRegisteredModel(db, owner, project.id, { name: model });
  await createModelVersion(db, owner, project.id, { name: model, runId: run.id, source: 's3://bucket/model' });
  await createModelVersion(db, owner, project.id, { name: model, runId: run.id, source: 's3://bucket/model' });
  await transitionModelVersionStage(db, owner, project.id, {
    name: model,
    version: 1,
    stage: 'Production',
    archiveExisting: true,
  });
  const { monitor } = await ensureMonitor(db, owner, project.id, model);
  const abTest = await createAbTest(
    db,
    owner,
    project.id,
    {
      name: 'ab',
      description: '',
      model,
      variants: [
        { version: 1, weight: 50 },
        { version: 2, weight: 50 },
      ],
      metrics: [{ name: 'conversion', kind: 'conversion', direction: 'increase', guardrail: false }],
    },
    { start: true },
  );
  const f = {
    slug: SLUG,
    ownerEmail: owner.email,
    experimentId: String(experiment.id),
    runId: run.id,
    model,
    abTestId: abTest.id,
    monitorId: monitor.id,
  };
  const noIds = { ...f, taskId: '', riskId: '', metricId: '', subProblemId: '' };
  fixture = {
    ...f,
    taskId: await createdBy('app/(app)/[project]/board/actions.ts#createTaskAction', noIds),
    riskId: await createdBy('app/(app)/[project]/risks/actions.ts#createRiskAction', noIds),
    metricId: await createdBy('app/(app)/[project]/metrics/actions.ts#createMetricAction', noIds),
    subProblemId: await createdBy('app/(app)/[project]/problem/actions.ts#createSubProblemAction', noIds),
  };
});

afterAll(async () => {
  actAs(null);
  await cleanup();
});

// ---------------------------------------------------------------------------------------------------
// Routes

type RouteRequest = { query?: Record<string, unknown>; body?: string };

function queryString(input: unknown): string {
  const params = new URLSearchParams();
  const fields =
    input !== null && typeof input === 'object' && !Array.isArray(input)
      ? (input as Record<string, unknown>)
      : { value: input };
  for (const [key, value] of Object.entries(fields)) {
    for (const item of Array.isArray(value) ? value : [value])
      params.append(key, typeof item === 'string' ? item : (JSON.stringify(item) ?? String(item)));
  }
  return params.toString();
}

function paramsFor(entry: RouteEntry, f: Fixture) {
  const value = (name: string) =>
    ({ project: f.slug, runId: f.runId, id: f.abTestId, name: encodeURIComponent(f.model) })[name] ?? 'probe';
  return entry.file === 'server/mlflow/router.ts'
    ? { urlPath: entry.urlPath, params: entry.params }
    : routeUrl(entry.file, 'app', value);
}

type Probe = { before?: (refused: boolean) => Promise<void>; where?: ReturnType<typeof paramsFor> };
const wrapBody = (sample: Sample | undefined) => (p: unknown) =>
  sample?.wrap && p !== null && typeof p === 'object' && !Array.isArray(p)
    ? sample.wrap(p as Record<string, unknown>)
    : p;

/**
 * Sends one request as the project's owner and checks the answer; `before` runs first, told whether the wrapper will
 * refuse it. `where` replaces the URL and params, and then only the status is checked (the target may differ).
 */
async function probeRoute(entry: RouteEntry, request: RouteRequest, { before, where }: Probe = {}): Promise<boolean> {
  const target = where ?? paramsFor(entry, fixture);
  const url = new URL(`http://localhost:3000${target.urlPath.split('/').map(encodeURIComponent).join('/')}`);
  if (request.query) url.search = queryString(request.query);
  const headers = new Headers({ authorization: `Bearer ${ownerToken}`, 'content-type': 'application/json' });
  const req = new Request(url, { method: entry.name, headers, body: request.body });
  const expected = where
    ? null
    : await readInput(req.clone(), entry.name === 'GET' ? 'query' : 'body').then(
        (input) => {
          const refusal = wrapperRefusal(entry.schema!, input);
          return (
            refusal && {
              status: 400,
              body: { error_code: 'INVALID_PARAMETER_VALUE', message: refusal.message },
              field: refusal.field,
            }
          );
        },
        (err: unknown) => {
          if (!(err instanceof ApiError)) throw err;
          return { status: err.status, body: { error_code: err.code, message: err.message }, field: null };
        },
      );
  if (expected) malformed++;
  await before?.(expected !== null);
  const res = await entry.fn!(req, { params: Promise.resolve(target.params) });
  const text = await res.text();
  const shown = `${entry.name} ${url.pathname} ${describeInput(request.body ?? request.query)} → ${res.status} ${text.slice(0, 300)}`;
  expect(res.status, shown).toBeLessThan(500);
  if (res.status >= 400) {
    expect(JSON.parse(text), shown).toEqual({
      error_code: expect.stringMatching(/^[A-Z_]+$/),
      message: expect.stringMatching(/\S/),
    });
  }
  if (expected) {
    expect({ status: res.status, body: JSON.parse(text) as unknown }, shown).toEqual({
      status: expected.status,
      body: expected.body,
    });
    expect(namesField(expected.body.message, expected.field), `${shown} does not name '${expected.field}'`).toBe(true);
  }
  return res.status < 400;
}

const asRequest =
  (entry: RouteEntry) =>
  (payload: unknown): RouteRequest =>
    entry.name === 'GET' ? { query: payload as Record<string, unknown> } : { body: JSON.stringify(payload) ?? '' };

/** Malformed requests, and (as examples run first) the sample with a prototype name in each field. */
function malformedRequests(entry: RouteEntry, sample: Sample | undefined) {
  const base = sample?.body ?? {};
  const fields = [...new Set([...schemaKeys(entry.schema!), ...Object.keys(base)])];
  const toRequest = (p: unknown) => asRequest(entry)(wrapBody(sample)(p));
  const requests = hostilePayload(fields, base, true).map(toRequest);
  const examples = prototypeNameProbes(fields, base).map((p) => [toRequest(p)] as [RouteRequest]);
  return {
    examples,
    arbitrary:
      entry.name === 'GET'
        ? requests
        : fc.oneof({ weight: 6, arbitrary: requests }, { weight: 1, arbitrary: rawBody.map((body) => ({ body })) }),
  };
}

describe.each(routes.map((e) => [keyOf(e), e] as const))('%s', (key, entry) => {
  const sample = () => ROUTE_SAMPLES[key]?.(fixture);

  it('answers malformed input with a 4xx naming the problem, never a 5xx, and writes nothing', async () => {
    const watch = junkWatch(db, entry.name !== 'GET');
    const { arbitrary, examples } = malformedRequests(entry, sample());
    await fc.assert(
      fc.asyncProperty(arbitrary, async (request) => {
        watch.after(await probeRoute(entry, request, { before: watch.before }));
      }),
      { numRuns: RUNS, examples },
    );
    await watch.finish();
  });

  if (ROUTE_SAMPLES[key])
    it('answers a valid request carrying hostile text with a success or a 4xx, never a 5xx', async () => {
      const poisoned = poisonedSample(sample()!.body)!;
      await fc.assert(
        fc.asyncProperty(
          poisoned.map(wrapBody(sample())).map(asRequest(entry)),
          async (request) => void (await probeRoute(entry, request)),
        ),
        { numRuns: POISONED_RUNS },
      );
    });
});

// The catch-all MLflow mounts and every dynamic segment take hostile path values too.
describe('hostile path segments', () => {
  const withParams = routes.filter((e) => Object.keys(e.params).some((p) => p !== 'project'));
  it.each(withParams.map((e) => [keyOf(e), e] as const))(
    '%s answers a 4xx or a success, never a 5xx',
    async (_key, entry) => {
      // No request here can succeed (the segment names nothing), so the run must leave the database as it was.
      const watch = junkWatch(db, false);
      await fc.assert(
        // An empty segment would name the endpoint itself (the router drops empty segments), so it is left out.
        fc.asyncProperty(nastyString.filter(Boolean), async (segment) => {
          const { urlPath, params } = paramsFor(entry, fixture);
          const hostile = Object.fromEntries(
            Object.entries(params).map(([k, v]) => [
              k,
              k === 'project' ? v : Array.isArray(v) ? [...v, segment] : segment,
            ]),
          );
          const request = entry.name === 'GET' ? { query: {} } : { body: '{}' };
          await watch.before(true);
          watch.after(await probeRoute(entry, request, { where: { urlPath, params: hostile } }));
        }),
        { numRuns: 20 },
      );
      await watch.finish();
    },
  );
});

// ---------------------------------------------------------------------------------------------------
// Actions

const projectField = z.object({ project: slugSchema });
const isRole = (access: string | undefined): access is ProjectRole => PROJECT_ROLES.includes(access as ProjectRole);

/** The action wrapper's refusal of input it rejects before the action's body runs, or null. */
function expectedRefusal(entry: ActionEntry, payload: unknown): Refusal | null {
  const raw = payload instanceof FormData ? formDataToObject(payload) : (payload ?? {});
  if (isRole(entry.access) && !projectField.safeParse(raw).success)
    return { message: 'Missing or invalid project.', field: null };
  return wrapperRefusal(entry.schema!, raw);
}

/** As a browser would post it: every value a string (or a File), arrays as repeated fields. */
function asFormData(payload: Record<string, unknown>): FormData {
  const form = new FormData();
  for (const [key, value] of Object.entries(payload)) {
    for (const item of Array.isArray(value) ? value : [value])
      form.append(
        key,
        item instanceof File ? item : typeof item === 'string' ? item : (JSON.stringify(item) ?? String(item)),
      );
  }
  return form;
}

const formOrObject = (payload: unknown, form: boolean) =>
  form && payload !== null && typeof payload === 'object' && !Array.isArray(payload)
    ? asFormData(payload as Record<string, unknown>)
    : payload;

/** Payloads as objects or as FormData; malformed ones come with the sample carrying a prototype name in each field, run first. */
function actionPayloads(entry: ActionEntry, kind: 'malformed' | 'poisoned') {
  const sample = ACTION_SAMPLES[`${entry.file}#${entry.name}`]?.(fixture);
  const project = isRole(entry.access) ? { project: SLUG } : {};
  const base = { ...project, ...sample };
  const payloads =
    kind === 'malformed'
      ? hostilePayload(schemaKeys(entry.schema!), base, false)
      : sample && poisonedSample(sample)?.map((p) => ({ ...project, ...p }));
  const examples =
    kind === 'malformed' ? prototypeNameProbes(schemaKeys(entry.schema!), base).map((p) => [p] as [unknown]) : [];
  return {
    examples,
    arbitrary: payloads ? fc.tuple(payloads, fc.boolean()).map(([p, form]) => formOrObject(p, form)) : null,
  };
}

/** Calls the action as a caller it allows and checks the outcome; returns whether it went through. */
async function probeAction(
  entry: ActionEntry,
  payload: unknown,
  before?: (refused: boolean) => Promise<void>,
): Promise<boolean> {
  const expected = expectedRefusal(entry, payload);
  // Signing out with valid input would end the session every other probe uses.
  fc.pre(expected !== null || entry.name !== 'signOut');
  if (expected) malformed++;
  await before?.(expected !== null);
  const cookie = entry.access === 'public' ? null : entry.access === 'admin' ? cookies.admin : cookies.owner;
  const outcome = await callAction(entry, cookie, payload);
  const shown = `${describeInput(payload)} → ${JSON.stringify(outcome).slice(0, 300)}`;
  const refusal = outcome.kind === 'result' && !outcome.result.ok ? outcome.result.message : null;
  if (refusal !== null) {
    expect(refusal, shown).toMatch(/\S/);
    expect(refusal, shown).not.toBe(FALLBACK);
  }
  if (expected) {
    expect(refusal, shown).toBe(expected.message);
    expect(namesField(expected.message, expected.field), `${shown} does not name '${expected.field}'`).toBe(true);
  }
  return refusal === null;
}

describe.each(actions.map((e) => [`${e.file}#${e.name}`, e] as const))('%s', (key, entry) => {
  it('refuses malformed input with a message naming the problem, never "something went wrong", and writes nothing', async () => {
    const watch = junkWatch(db, true);
    const { arbitrary, examples } = actionPayloads(entry, 'malformed');
    await fc.assert(
      fc.asyncProperty(arbitrary!, async (payload) => watch.after(await probeAction(entry, payload, watch.before))),
      { numRuns: RUNS, examples },
    );
    await watch.finish();
  });

  if (ACTION_SAMPLES[key])
    it('takes valid input carrying hostile text, or refuses it clearly; never "something went wrong"', async () => {
      await fc.assert(
        fc.asyncProperty(
          actionPayloads(entry, 'poisoned').arbitrary!,
          async (payload) => void (await probeAction(entry, payload)),
        ),
        { numRuns: POISONED_RUNS },
      );
    });
});

describe('coverage', () => {
  it(`sent at least ${MIN_MALFORMED.toLocaleString('en-US')} inputs that the schemas reject`, () => {
    console.info(
      `hostile-input: ${malformed} malformed inputs over ${routes.length} routes and ${actions.length} actions`,
    );
    expect(malformed).toBeGreaterThanOrEqual(MIN_MALFORMED);
  });
});
