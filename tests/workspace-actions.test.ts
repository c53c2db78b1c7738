// The workspace's server actions and report route as the browser calls them: form fields as strings,
// field-level messages for bad input, conflicts that name the other person's values, never a 500.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Db } from '@/db/client';
import { listProjectActivity } from '@/db/queries/activity';
import { addMember, createProject, getProjectBySlug } from '@/db/queries/projects';
import { getRisk, listRisks } from '@/db/queries/risks';
import { listSuccessMetrics } from '@/db/queries/success-metrics';
import { createUser } from '@/db/queries/users';
import type { ActionResult } from '@/server/action';
import { openAppTestDb } from './helpers/app-db';
import { actAs } from './helpers/next-request';
import { signInCookie } from './helpers/sessions';

vi.mock('next/headers', async () => (await import('./helpers/next-request')).nextHeadersModule);
vi.mock('next/cache', async () => (await import('./helpers/next-request')).nextCacheModule);

const metrics = await import('@/app/(app)/[project]/metrics/actions');
const risks = await import('@/app/(app)/[project]/risks/actions');
const problem = await import('@/app/(app)/[project]/problem/actions');
const report = await import('@/app/(app)/[project]/report/actions');
const settings = await import('@/app/(app)/[project]/settings/actions');
const reportRoute = await import('@/app/api/projects/[project]/report/route');

const PASSWORD = 'correct-horse-battery-9';
let app: Awaited<ReturnType<typeof openAppTestDb>>;
let db: Db;
let pmCookie: string;
let leadCookie: string;
let viewerCookie: string;
let projectId: string;
const slug = 'ws-actions';

type Call = (prev: unknown, payload: Record<string, unknown>) => Promise<ActionResult<unknown>>;
async function as<T>(cookie: string, action: Call, payload: Record<string, unknown>) {
  actAs(cookie);
  try {
    return (await action(null, { project: slug, ...payload })) as ActionResult<T>;
  } finally {
    actAs(null);
  }
}

beforeAll(async () => {
  app = await openAppTestDb();
  db = app.handle.db;
  const make = (key: string) =>
    createUser(db, null, {
      email: `${key}@ws.test`,
      name: key === 'pm' ? 'Pat PM' : key === 'lead' ? 'Lena Lead' : 'Vic Viewer',
      password: PASSWORD,
    });
  const [pm, lead] = [await make('pm'), await make('lead')];
  await make('viewer');
  projectId = (
    await createProject(db, { id: lead.id, isAdmin: false }, { slug, name: 'Workspace actions', problemStatement: '' })
  ).id;
  await addMember(db, { id: lead.id, isAdmin: false }, projectId, pm.email, 'editor');
  await addMember(db, { id: lead.id, isAdmin: false }, projectId, 'viewer@ws.test', 'viewer');
  pmCookie = await signInCookie(db, pm.email, PASSWORD);
  leadCookie = await signInCookie(db, lead.email, PASSWORD);
  viewerCookie = await signInCookie(db, 'viewer@ws.test', PASSWORD);
});
afterAll(async () => {
  actAs(null);
  await app?.cleanup();
});

const metricForm = {
  name: 'latency',
  kind: 'guardrail',
  direction: 'lower_better',
  unit: 'ms',
  isPrimary: 'on',
  startValue: '200',
  target: '100',
  rangeMin: '',
  rangeMax: '',
  deadline: '2099-06-30',
  ownerId: '',
  source: 'manual',
  sourceKey: '',
  sourceModel: '',
  description: '',
};

describe('success metric actions', () => {
  it('creates from form strings, then answers bad input field by field', async () => {
    const created = await as<{ id: string }>(pmCookie, metrics.createMetricAction, metricForm);
    expect(created).toMatchObject({ ok: true, message: 'Success metric latency created.' });
    const bad = await as(pmCookie, metrics.createMetricAction, {
      ...metricForm,
      name: 'x',
      target: 'fast',
      deadline: '2026-02-30',
    });
    expect(bad.ok).toBe(false);
    expect(!bad.ok && bad.fieldErrors).toMatchObject({ target: ['Enter a number'], deadline: ['Choose a real date'] });
    const range = await as(pmCookie, metrics.createMetricAction, {
      ...metricForm,
      name: 'band',
      direction: 'range',
      rangeMin: '5',
      rangeMax: '1',
    });
    expect(!range.ok && range.fieldErrors).toEqual({ rangeMax: ['The highest value must not be below the lowest'] });
  });

  it('checks in yes/no and numbers with a message on the value field; viewers cannot', async () => {
    const [m] = await listSuccessMetrics(db, projectId);
    expect(
      await as(pmCookie, metrics.checkInAction, { id: m!.id, value: '80', note: 'after caching', recordedOn: '' }),
    ).toMatchObject({ ok: true });
    const bad = await as(pmCookie, metrics.checkInAction, { id: m!.id, value: 'quick', note: '', recordedOn: '' });
    expect(!bad.ok && bad.fieldErrors).toEqual({ value: ['Enter a number'] });
    const future = await as(pmCookie, metrics.checkInAction, {
      id: m!.id,
      value: '1',
      note: '',
      recordedOn: '2999-01-01',
    });
    expect(!future.ok && future.fieldErrors).toEqual({ recordedOn: ['Choose today or an earlier day'] });
    expect(
      (await as(viewerCookie, metrics.checkInAction, { id: m!.id, value: '1', note: '', recordedOn: '' })).ok,
    ).toBe(false);
  });

  it('two people saving the same metric: the second sees the first one’s values', async () => {
    const [m] = await listSuccessMetrics(db, projectId);
    const version = String(m!.version);
    expect(
      await as(leadCookie, metrics.updateMetricAction, { ...metricForm, id: m!.id, version, target: '90' }),
    ).toMatchObject({ ok: true });
    const second = await as(pmCookie, metrics.updateMetricAction, { ...metricForm, id: m!.id, version, target: '120' });
    expect(second.ok).toBe(false);
    expect(!second.ok && second.message).toContain('target ≤ 90 ms');
    expect((await listSuccessMetrics(db, projectId))[0]!.target).toBe(90);
  });
});

describe('risk actions', () => {
  const riskForm = {
    title: 'Data quality issues',
    category: 'data_quality',
    likelihood: 'High',
    impact: 'High',
    ownerId: '',
    response: 'mitigate',
    mitigationPct: '0',
    status: 'open',
    nextReviewDate: '',
    mitigationPlan: 'Validate inputs',
    description: '',
  };

  it('adds a risk and saves one field at a time, returning the new version', async () => {
    expect(await as(pmCookie, risks.createRiskAction, riskForm)).toMatchObject({
      ok: true,
      message: 'Risk “Data quality issues” added.',
    });
    const [r] = await listRisks(db, projectId);
    const saved = await as<{ version: number }>(pmCookie, risks.quickUpdateRiskAction, {
      id: r!.id,
      version: r!.version,
      field: 'mitigationPct',
      value: '50',
    });
    expect(saved).toMatchObject({ ok: true, data: { version: 2 } });
    const bad = await as(pmCookie, risks.quickUpdateRiskAction, {
      id: r!.id,
      version: 2,
      field: 'mitigationPct',
      value: '150',
    });
    expect(!bad.ok && bad.fieldErrors).toEqual({ value: ['Use 0–100'] });
    const owner = await as(pmCookie, risks.quickUpdateRiskAction, {
      id: r!.id,
      version: 2,
      field: 'ownerId',
      value: 'not-a-member',
    });
    expect(!owner.ok && owner.fieldErrors).toEqual({ ownerId: ['Choose a member of this project'] });
  });

  it('a stale inline save is refused with the other person’s values; nothing is overwritten', async () => {
    const [r] = await listRisks(db, projectId);
    await as(leadCookie, risks.quickUpdateRiskAction, {
      id: r!.id,
      version: r!.version,
      field: 'likelihood',
      value: 'Low',
    });
    const stale = await as(pmCookie, risks.quickUpdateRiskAction, {
      id: r!.id,
      version: r!.version,
      field: 'impact',
      value: 'Medium',
    });
    expect(stale.ok).toBe(false);
    expect(!stale.ok && stale.message).toContain('likelihood Low');
    expect(await getRisk(db, projectId, r!.id)).toMatchObject({ likelihood: 'Low', impact: 'High' });
    const [entry] = await listProjectActivity(db, projectId, { entityType: 'risk' });
    expect(entry).toMatchObject({ action: 'update', changes: { likelihood: { from: 'High', to: 'Low' } } });
  });
});

describe('problem, report and stage actions', () => {
  it('builds a sub-problem tree and refuses a move under its own child', async () => {
    const parent = await as<{ id: string }>(pmCookie, problem.createSubProblemAction, {
      title: 'Predict churn probability',
      parentId: '',
    });
    const parentId = parent.ok ? parent.data.id : '';
    const child = await as<{ id: string }>(pmCookie, problem.createSubProblemAction, { title: 'Calibrate', parentId });
    const loop = await as(pmCookie, problem.updateSubProblemAction, {
      id: parentId,
      field: 'parentId',
      value: child.ok ? child.data.id : '',
    });
    expect(!loop.ok && loop.fieldErrors).toEqual({
      parentId: ['A sub-problem cannot move under itself or its own sub-problems.'],
    });
    expect(
      await as(pmCookie, problem.updateSubProblemAction, { id: parentId, field: 'status', value: 'done' }),
    ).toMatchObject({ ok: true });
  });

  it('saves a narrative and refuses a stale one', async () => {
    expect(
      await as(pmCookie, report.saveNarrativeAction, { section: 'results', version: '0', body: 'Accuracy 0.92.' }),
    ).toMatchObject({ ok: true });
    const stale = await as(leadCookie, report.saveNarrativeAction, { section: 'results', version: '0', body: 'Mine' });
    expect(!stale.ok && stale.message).toContain('Accuracy 0.92.');
  });

  it('moving on with unmet exit criteria needs a reason, as a field error', async () => {
    const refused = await as(pmCookie, settings.changeStageAction, { stage: 'collect_data', reason: '' });
    expect(refused.ok).toBe(false);
    expect(!refused.ok && refused.fieldErrors?.reason?.[0]).toMatch(
      /^Exit criteria not met: A problem statement \(Define problem\)\. Say why/,
    );
    expect(
      await as(pmCookie, settings.changeStageAction, { stage: 'collect_data', reason: 'Statement agreed verbally' }),
    ).toMatchObject({ ok: true });
    expect((await getProjectBySlug(db, slug))!.stage).toBe('collect_data');
  });

  it('the report downloads as Markdown for a signed-in member, and not for anyone else', async () => {
    const req = (cookie?: string) =>
      new Request(`http://localhost/api/projects/${slug}/report`, { headers: cookie ? { cookie } : {} });
    const res = await reportRoute.GET(req(viewerCookie), { params: Promise.resolve({ project: slug }) });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/markdown; charset=utf-8');
    expect(res.headers.get('content-disposition')).toMatch(
      /^attachment; filename="ws-actions-report-\d{4}-\d{2}-\d{2}\.md"$/,
    );
    const md = await res.text();
    expect(md).toContain('# Workspace actions — ML Project Documentation');
    expect(md).toContain('Accuracy 0.92.');
    expect(md).toContain('| latency (primary) | Guardrail | ≤ 90 ms |');
    expect((await reportRoute.GET(req(), { params: Promise.resolve({ project: slug }) })).status).toBe(401);
  });
});
