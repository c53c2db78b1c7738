import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestDb, openTestDb } from '../test-db';
import { eq } from 'drizzle-orm';
import { monitoringAlerts, monitors, predictions, registeredModels, sprints, tasks } from '../schema';
import { getExperimentByName } from './experiments';
import { getOverview } from './overview';
import { createProject } from './projects';
import { createModelVersion, createRegisteredModel, transitionModelVersionStage } from './registry';
import { type RiskInput, createRisk } from './risks';
import { createRun, logBatch, updateRun } from './runs';
import { ACCURACY_METRIC } from '@/tests/helpers/success-metric';
import { addCheckIn, createSuccessMetric } from './success-metrics';
import { createUser } from './users';

let t: TestDb;
let project: { id: string; stage: 'define' };
const lead = { id: '', isAdmin: false };

const riskBase: RiskInput = {
  title: 'Data quality issues',
  description: '',
  category: 'data_quality',
  likelihood: 'High',
  impact: 'High',
  ownerId: null,
  response: 'mitigate',
  mitigationPlan: '',
  mitigationPct: 0,
  status: 'open',
  nextReviewDate: null,
};

beforeAll(async () => {
  t = await openTestDb();
  lead.id = (
    await createUser(t.db, null, { email: 'lead@overview.test', name: 'Lena Lead', password: 'password-123' })
  ).id;
  const p = await createProject(t.db, lead, { slug: 'overview', name: 'Overview', problemStatement: 'Predict churn' });
  project = { id: p.id, stage: 'define' };
});
afterAll(() => t.cleanup());

describe('getOverview', () => {
  it('an empty project: nothing flagged, no sprint, no production model, not a success', async () => {
    const o = await getOverview(t.db, project);
    expect(o).toMatchObject({
      metrics: [],
      bestRuns: [],
      production: [],
      sprint: null,
      success: { success: false, primaryCount: 0 },
    });
    expect(o.risks).toEqual({ flagged: [], openCount: 0, criticalCount: 0, overdueCount: 0 });
    expect(o.lifecycle.iterations).toBe(1);
  });

  it('reads scorecard, best run per primary metric, flagged risks, the active sprint and the production model live', async () => {
    const experimentId = (await getExperimentByName(t.db, project.id, 'Default')).id;
    const run = await createRun(t.db, lead, project.id, { experimentId, runName: 'forest-big' });
    await logBatch(t.db, project.id, run.id, { metrics: [{ key: 'accuracy', value: 0.92, timestamp: 5, step: 0 }] });
    await updateRun(t.db, lead, project.id, run.id, { status: 'FINISHED', endTime: 6 });
    await createSuccessMetric(t.db, lead, project.id, ACCURACY_METRIC);
    const latency = await createSuccessMetric(t.db, lead, project.id, {
      ...ACCURACY_METRIC,
      name: 'latency',
      kind: 'guardrail',
      direction: 'lower_better',
      startValue: 200,
      target: 100,
      source: 'manual',
      sourceKey: null,
    });
    await addCheckIn(t.db, lead, project.id, latency.id, { value: 130, note: '' });

    await createRisk(t.db, lead, project.id, riskBase);
    await createRisk(t.db, lead, project.id, {
      ...riskBase,
      title: 'Stale features',
      likelihood: 'Low',
      impact: 'Medium',
      nextReviewDate: '2000-01-01',
    });
    await createRisk(t.db, lead, project.id, { ...riskBase, title: 'Closed critical', status: 'closed' });
    await createRisk(t.db, lead, project.id, { ...riskBase, title: 'Calm', likelihood: 'Low', impact: 'Low' });

    const [sprint] = await t.db
      .insert(sprints)
      .values({
        projectId: project.id,
        name: 'Sprint 1',
        goal: 'Baseline',
        startDate: '2026-01-01',
        endDate: '2026-01-14',
        status: 'active',
      })
      .returning();
    await t.db.insert(tasks).values([
      { projectId: project.id, number: 1, sprintId: sprint!.id, title: 'a', effort: 3, status: 'done', sortKey: 'a0' },
      { projectId: project.id, number: 2, sprintId: sprint!.id, title: 'b', effort: 5, status: 'todo', sortKey: 'a1' },
      {
        projectId: project.id,
        number: 3,
        sprintId: sprint!.id,
        title: 'c',
        effort: 8,
        status: 'cancelled',
        sortKey: 'a2',
      },
      {
        projectId: project.id,
        number: 4,
        sprintId: null,
        title: 'backlog',
        effort: 13,
        status: 'backlog',
        sortKey: 'a3',
      },
    ]);

    await createRegisteredModel(t.db, lead, project.id, { name: 'churn' });
    await createModelVersion(t.db, lead, project.id, { name: 'churn', runId: run.id });
    await transitionModelVersionStage(t.db, lead, project.id, {
      name: 'churn',
      version: 1,
      stage: 'Production',
      archiveExisting: true,
    });

    const o = await getOverview(t.db, project);
    expect(o.metrics.map((m) => [m.name, m.current, m.status])).toEqual([
      ['accuracy', 0.92, 'achieved'],
      ['latency', 130, 'on_track'],
    ]);
    expect(o.success).toEqual({ success: false, primaryCount: 2, missing: ['latency'], behind: [] });
    expect(o.bestRuns).toEqual([
      {
        metricId: expect.any(String),
        metricName: 'accuracy',
        key: 'accuracy',
        unit: '',
        value: 0.92,
        run: { id: run.id, name: 'forest-big' },
        achieved: true,
      },
    ]);
    expect(o.risks.flagged.map((r) => [r.title, r.critical, r.overdue, r.score])).toEqual([
      ['Data quality issues', true, false, 9],
      ['Stale features', false, true, 2],
    ]);
    expect(o.risks).toMatchObject({ openCount: 3, criticalCount: 1, overdueCount: 1 });
    expect(o.sprint).toMatchObject({ name: 'Sprint 1', tasks: 2, doneTasks: 1, points: 8, donePoints: 3 });
    expect(o.production).toEqual([
      { model: 'churn', version: 1, runId: run.id, metrics: { accuracy: 0.92 }, promotedAt: expect.any(Date) },
    ]);
    expect(o.lifecycle.criteria.define.every((c) => c.met)).toBe(true);
  });

  it('groups unresolved monitoring alerts per model and kind with counts, the health names them, and counts logged predictions for the monitor stage', async () => {
    const [model] = await t.db.select().from(registeredModels).where(eq(registeredModels.projectId, project.id));
    const [monitor] = await t.db.insert(monitors).values({ projectId: project.id, modelId: model!.id }).returning();
    const alert = (
      subject: string,
      status: 'open' | 'acknowledged' | 'resolved',
      severity: 'warning' | 'critical',
    ) => ({
      projectId: project.id,
      monitorId: monitor!.id,
      kind: 'drift' as const,
      subject,
      status,
      severity,
      message: `${subject} drifted`,
    });
    await t.db
      .insert(monitoringAlerts)
      .values([
        alert('tenure', 'acknowledged', 'critical'),
        alert('age', 'open', 'warning'),
        alert('plan', 'open', 'critical'),
        alert('region', 'resolved', 'critical'),
      ]);
    await t.db.insert(predictions).values({
      monitorId: monitor!.id,
      externalId: 'p1',
      ts: new Date(),
      features: { tenure: 3 },
      prediction: 1,
      sampleKey: 7,
    });
    const o = await getOverview(t.db, project);
    expect(o.alerts).toMatchObject({ open: 2, acknowledged: 1 });
    expect(o.alerts.groups).toEqual([
      {
        model: 'churn',
        kind: 'drift',
        severity: 'critical',
        open: 2,
        acknowledged: 1,
        count: 3,
        subjects: ['age', 'plan', 'tenure'],
        lastSeenAt: expect.any(Number),
      },
    ]);
    expect(o.health.reasons).toContainEqual({ health: 'at_risk', text: 'churn: 2 open critical feature drift alerts' });
    expect(o.lifecycle.facts.monitoringData).toBe(1);
    expect(o.lifecycle.criteria.monitor[0]).toMatchObject({ id: 'monitoring-data', met: true });
  });
});
