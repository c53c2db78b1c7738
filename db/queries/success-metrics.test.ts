import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestDb, openTestDb } from '../test-db';
import { driftChecks, monitors } from '../schema';
import { listProjectActivity } from './activity';
import { getExperimentByName } from './experiments';
import { addMember, createProject } from './projects';
import { createModelVersion, createRegisteredModel, transitionModelVersionStage } from './registry';
import { createRun, logBatch, updateRun } from './runs';
import {
  type SuccessMetricInput,
  addCheckIn,
  createSuccessMetric,
  deleteSuccessMetric,
  evaluateSuccessMetrics,
  getSuccessMetric,
  listSuccessMetrics,
  updateSuccessMetric,
} from './success-metrics';
import { createUser } from './users';
import { rejection } from '@/tests/helpers/rejection';

let t: TestDb;
let projectId: string;
let otherProjectId: string;
const lead = { id: '', isAdmin: false };
const pm = { id: '', isAdmin: false };
let outsiderId = '';

const base: SuccessMetricInput = {
  name: 'latency',
  description: 'p95 serving latency',
  kind: 'guardrail',
  direction: 'lower_better',
  unit: 'ms',
  isPrimary: true,
  startValue: 200,
  target: 100,
  rangeMin: null,
  rangeMax: null,
  deadline: '2099-12-31',
  ownerId: null,
  source: 'manual',
  sourceKey: null,
  sourceModel: null,
};

beforeAll(async () => {
  t = await openTestDb();
  lead.id = (
    await createUser(t.db, null, { email: 'lead@metrics.test', name: 'Lena Lead', password: 'password-123' })
  ).id;
  pm.id = (await createUser(t.db, null, { email: 'pm@metrics.test', name: 'Pat PM', password: 'password-123' })).id;
  outsiderId = (
    await createUser(t.db, null, { email: 'out@metrics.test', name: 'Out Sider', password: 'password-123' })
  ).id;
  projectId = (await createProject(t.db, lead, { slug: 'metrics', name: 'Metrics', problemStatement: '' })).id;
  otherProjectId = (await createProject(t.db, lead, { slug: 'metrics-other', name: 'Other', problemStatement: '' })).id;
  await addMember(t.db, lead, projectId, 'pm@metrics.test', 'editor');
});
afterAll(() => t.cleanup());

describe('success metric definitions', () => {
  it('creates a metric with an owner from the project and logs it', async () => {
    const m = await createSuccessMetric(t.db, pm, projectId, { ...base, ownerId: pm.id });
    expect(m).toMatchObject({ name: 'latency', version: 1, ownerId: pm.id });
    expect((await getSuccessMetric(t.db, projectId, m.id)).ownerName).toBe('Pat PM');
    const [entry] = await listProjectActivity(t.db, projectId, { entityType: 'success-metric' });
    expect(entry).toMatchObject({ action: 'create', entityId: m.id, userEmail: 'pm@metrics.test' });
  });

  it('refuses a duplicate name, an owner from outside, and incomplete targets, each on its field', async () => {
    expect(await rejection(createSuccessMetric(t.db, pm, projectId, base))).toMatchObject({
      kind: 'exists',
      field: 'name',
    });
    expect(
      await rejection(createSuccessMetric(t.db, pm, projectId, { ...base, name: 'x', ownerId: outsiderId })),
    ).toMatchObject({ field: 'ownerId' });
    expect(
      await rejection(createSuccessMetric(t.db, pm, projectId, { ...base, name: 'x', target: null })),
    ).toMatchObject({ field: 'target' });
    expect(
      await rejection(
        createSuccessMetric(t.db, pm, projectId, { ...base, name: 'x', direction: 'range', rangeMin: 5, rangeMax: 1 }),
      ),
    ).toMatchObject({ field: 'rangeMax' });
    expect(
      await rejection(createSuccessMetric(t.db, pm, projectId, { ...base, name: 'x', source: 'run_metric' })),
    ).toMatchObject({ field: 'sourceKey' });
    expect((await listSuccessMetrics(t.db, projectId)).map((m) => m.name)).toEqual(['latency']);
  });

  it('a stale save is refused with the other person’s values, and nothing is overwritten', async () => {
    const m = await createSuccessMetric(t.db, pm, projectId, {
      ...base,
      name: 'cost',
      target: 0.01,
      startValue: 0.02,
      unit: '$',
      isPrimary: false,
    });
    await updateSuccessMetric(t.db, lead, projectId, m.id, 1, {
      ...base,
      name: 'cost',
      target: 0.008,
      startValue: 0.02,
      unit: '$',
      isPrimary: false,
      ownerId: lead.id,
    });
    const err = await rejection(
      updateSuccessMetric(t.db, pm, projectId, m.id, 1, {
        ...base,
        name: 'cost',
        target: 0.5,
        startValue: 0.02,
        unit: '$',
        isPrimary: false,
      }),
    );
    expect(err.kind).toBe('conflict');
    expect(err.message).toContain('target ≤ 0.008 $');
    expect(err.message).toContain('owner Lena Lead');
    expect(await getSuccessMetric(t.db, projectId, m.id)).toMatchObject({ target: 0.008, version: 2 });
  });

  it('is scoped by project: another project cannot read, change or delete it', async () => {
    const [m] = await listSuccessMetrics(t.db, projectId);
    expect((await rejection(getSuccessMetric(t.db, otherProjectId, m!.id))).kind).toBe('not_found');
    expect((await rejection(updateSuccessMetric(t.db, lead, otherProjectId, m!.id, m!.version, base))).kind).toBe(
      'not_found',
    );
    expect((await rejection(deleteSuccessMetric(t.db, lead, otherProjectId, m!.id))).kind).toBe('not_found');
  });
});

describe('current value, history and status', () => {
  it('check-ins: the latest is current, history keeps them all, and lower-better 80 against 100 is achieved', async () => {
    const m = await createSuccessMetric(t.db, pm, projectId, { ...base, name: 'p95 latency' });
    await addCheckIn(t.db, pm, projectId, m.id, {
      value: 150,
      note: 'first load test',
      recordedAt: new Date(Date.now() - 2000),
    });
    let [evaluated] = (await evaluateSuccessMetrics(t.db, projectId, Date.now())).filter((x) => x.id === m.id);
    expect(evaluated).toMatchObject({ current: 150, achieved: false });
    await addCheckIn(t.db, pm, projectId, m.id, { value: 80, note: 'after caching' });
    [evaluated] = (await evaluateSuccessMetrics(t.db, projectId, Date.now())).filter((x) => x.id === m.id);
    expect(evaluated).toMatchObject({ current: 80, achieved: true, status: 'achieved' });
    expect(evaluated!.history.map((h) => h.value)).toEqual([150, 80]);
    expect(evaluated!.planned).toEqual([
      { at: m.createdAt.getTime(), value: 200 },
      { at: Date.parse('2100-01-01T00:00:00Z'), value: 100 },
    ]);
  });

  it('a metric without data has no status yet; past its deadline unmet it is off track', async () => {
    const m = await createSuccessMetric(t.db, pm, projectId, {
      ...base,
      name: 'nps',
      direction: 'higher_better',
      startValue: 10,
      target: 40,
      deadline: '2000-01-01',
    });
    let [e] = (await evaluateSuccessMetrics(t.db, projectId, Date.now())).filter((x) => x.id === m.id);
    expect(e!.status).toBe('no_data');
    await addCheckIn(t.db, pm, projectId, m.id, { value: 39.9, note: '' });
    [e] = (await evaluateSuccessMetrics(t.db, projectId, Date.now())).filter((x) => x.id === m.id);
    expect(e!.status).toBe('off_track');
  });

  it('a run metric source takes the best value across active runs by direction, with the best-so-far history and the run', async () => {
    const experimentId = (await getExperimentByName(t.db, projectId, 'Default')).id;
    const run = async (name: string, loss: number, at: number, status: 'FINISHED' | 'FAILED' = 'FINISHED') => {
      const r = await createRun(t.db, lead, projectId, { experimentId, runName: name });
      await logBatch(t.db, projectId, r.id, { metrics: [{ key: 'val_loss', value: loss, timestamp: at, step: 0 }] });
      await updateRun(t.db, lead, projectId, r.id, { status, endTime: at });
      return r;
    };
    await run('first', 0.5, 1000);
    const best = await run('second', 0.3, 2000);
    await run('third', 0.4, 3000);
    await run('crashed', 0.1, 4000, 'FAILED');
    const m = await createSuccessMetric(t.db, pm, projectId, {
      ...base,
      name: 'val loss',
      unit: '',
      startValue: 0.6,
      target: 0.2,
      source: 'run_metric',
      sourceKey: 'val_loss',
    });
    const [e] = (await evaluateSuccessMetrics(t.db, projectId, Date.now())).filter((x) => x.id === m.id);
    expect(e).toMatchObject({ current: 0.3, bestRun: { id: best.id, name: 'second' }, achieved: false });
    expect(e!.history).toEqual([
      { at: 1000, value: 0.5 },
      { at: 2000, value: 0.3 },
    ]);
    await expect(addCheckIn(t.db, pm, projectId, m.id, { value: 0.1, note: '' })).rejects.toMatchObject({
      field: 'value',
    });
  });

  it('a production model source reads the Production version’s metric and the history of promotions', async () => {
    const experimentId = (await getExperimentByName(t.db, projectId, 'Default')).id;
    await createRegisteredModel(t.db, lead, projectId, { name: 'churn' });
    for (const auc of [0.81, 0.86]) {
      const r = await createRun(t.db, lead, projectId, { experimentId });
      await logBatch(t.db, projectId, r.id, { metrics: [{ key: 'auc', value: auc, timestamp: 1, step: 0 }] });
      await createModelVersion(t.db, lead, projectId, { name: 'churn', runId: r.id });
    }
    const m = await createSuccessMetric(t.db, pm, projectId, {
      ...base,
      name: 'production auc',
      kind: 'model',
      direction: 'higher_better',
      startValue: 0.7,
      target: 0.85,
      source: 'production_model',
      sourceKey: 'auc',
      sourceModel: 'churn',
    });
    let [e] = (await evaluateSuccessMetrics(t.db, projectId, Date.now())).filter((x) => x.id === m.id);
    expect(e).toMatchObject({ current: null, status: 'no_data', productionVersion: null });
    await transitionModelVersionStage(t.db, lead, projectId, {
      name: 'churn',
      version: 1,
      stage: 'Production',
      archiveExisting: true,
    });
    await transitionModelVersionStage(t.db, lead, projectId, {
      name: 'churn',
      version: 2,
      stage: 'Production',
      archiveExisting: true,
    });
    [e] = (await evaluateSuccessMetrics(t.db, projectId, Date.now())).filter((x) => x.id === m.id);
    expect(e).toMatchObject({ current: 0.86, achieved: true, productionVersion: { model: 'churn', version: 2 } });
    expect(e!.history.map((h) => h.value)).toEqual([0.81, 0.86]);
  });

  it('a monitoring source reads the monitored model’s live performance from finished drift checks', async () => {
    const model = await createRegisteredModel(t.db, lead, projectId, { name: 'served' });
    const [monitor] = await t.db.insert(monitors).values({ projectId, modelId: model.id }).returning();
    const check = (day: number, mae: number | null, status: 'done' | 'failed' = 'done') => ({
      projectId,
      monitorId: monitor!.id,
      trigger: 'manual' as const,
      windowStart: new Date(Date.UTC(2026, 0, day - 1)),
      windowEnd: new Date(Date.UTC(2026, 0, day)),
      status,
      performance: [
        {
          metric: 'mae' as const,
          value: mae,
          n: 100,
          baseline: null,
          baseline_source: null,
          threshold: null,
          z: null,
          p_value: null,
          degraded: false,
          status: 'ok' as const,
        },
      ],
    });
    await t.db.insert(driftChecks).values([check(2, 4.1), check(3, null), check(4, 3.2), check(5, 1.0, 'failed')]);
    const m = await createSuccessMetric(t.db, pm, projectId, {
      ...base,
      name: 'live mae',
      unit: '',
      startValue: 5,
      target: 3.5,
      source: 'monitoring',
      sourceKey: 'mae',
      sourceModel: 'served',
    });
    const [e] = (await evaluateSuccessMetrics(t.db, projectId, Date.now())).filter((x) => x.id === m.id);
    expect(e).toMatchObject({ current: 3.2, achieved: true });
    expect(e!.history).toEqual([
      { at: Date.UTC(2026, 0, 2), value: 4.1 },
      { at: Date.UTC(2026, 0, 4), value: 3.2 },
    ]);
    expect(
      await rejection(
        createSuccessMetric(t.db, pm, projectId, { ...base, name: 'no model', source: 'monitoring', sourceKey: 'mae' }),
      ),
    ).toMatchObject({ field: 'sourceModel' });
  });

  it('deleting a metric removes its check-ins and logs it', async () => {
    const m = await createSuccessMetric(t.db, pm, projectId, { ...base, name: 'temporary' });
    await addCheckIn(t.db, pm, projectId, m.id, { value: 1, note: '' });
    await deleteSuccessMetric(t.db, lead, projectId, m.id);
    expect((await listSuccessMetrics(t.db, projectId)).some((x) => x.id === m.id)).toBe(false);
    const [entry] = await listProjectActivity(t.db, projectId, { entityType: 'success-metric' });
    expect(entry).toMatchObject({ action: 'delete', entityId: m.id });
  });
});
