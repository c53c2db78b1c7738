import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestDb, openTestDb } from '../test-db';
import { listProjectActivity } from './activity';
import { getExperimentByName } from './experiments';
import { getLifecycleFacts, getLifecycleView, moveProjectStage } from './lifecycle';
import { createProject, getProjectBySlug, listStageChanges, updateProject } from './projects';
import { createRisk } from './risks';
import { createRun, logBatch, updateRun } from './runs';
import { addCheckIn, createSuccessMetric, evaluateSuccessMetrics } from './success-metrics';
import { createUser } from './users';
import { rejection } from '@/tests/helpers/rejection';

let t: TestDb;
const lead = { id: '', isAdmin: false };
let serial = 0;

const newProject = async (problemStatement = '') =>
  createProject(t.db, lead, { slug: `life-${++serial}`, name: `Life ${serial}`, problemStatement });

const metric = (projectId: string, extra: Partial<Parameters<typeof createSuccessMetric>[3]> = {}) =>
  createSuccessMetric(t.db, lead, projectId, {
    name: 'accuracy',
    description: '',
    kind: 'model',
    direction: 'higher_better',
    unit: '',
    isPrimary: true,
    startValue: 0.5,
    target: 0.9,
    rangeMin: null,
    rangeMax: null,
    deadline: '2099-01-01',
    ownerId: null,
    source: 'manual',
    sourceKey: null,
    sourceModel: null,
    ...extra,
  });

async function finishedRun(projectId: string, acc: number, at: number, approach?: string) {
  const experimentId = (await getExperimentByName(t.db, projectId, 'Default')).id;
  const r = await createRun(t.db, lead, projectId, {
    experimentId,
    tags: approach ? [{ key: 'runboard.approach', value: approach }] : [],
  });
  await logBatch(t.db, projectId, r.id, { metrics: [{ key: 'acc', value: acc, timestamp: at, step: 0 }] });
  await updateRun(t.db, lead, projectId, r.id, { status: 'FINISHED', endTime: at });
}

beforeAll(async () => {
  t = await openTestDb();
  lead.id = (await createUser(t.db, null, { email: 'lead@life.test', name: 'Lena Lead', password: 'password-123' })).id;
});
afterAll(() => t.cleanup());

describe('exit criteria from data', () => {
  it('counts what the criteria need, live', async () => {
    const p = await newProject('Predict churn');
    expect(await getLifecycleFacts(t.db, p.id)).toEqual({
      hasProblemStatement: true,
      successMetrics: 0,
      primaryMetrics: 0,
      primaryMeasured: 0,
      risks: 0,
      datasets: 0,
      finishedRuns: 0,
      modelVersions: 0,
      productionVersions: 0,
      monitoringData: 0,
    });
    const m = await metric(p.id);
    await addCheckIn(t.db, lead, p.id, m.id, { value: 0.6, note: '' });
    await finishedRun(p.id, 0.7, 1);
    expect(await getLifecycleFacts(t.db, p.id)).toMatchObject({
      successMetrics: 1,
      primaryMetrics: 1,
      primaryMeasured: 1,
      finishedRuns: 1,
    });
  });

  it('moving on with unmet criteria needs a reason; with a reason it moves and keeps it in the history', async () => {
    const p = await newProject();
    const err = await rejection(moveProjectStage(t.db, lead, p.id, 'collect_data', '  '));
    expect(err).toMatchObject({ kind: 'invalid', field: 'reason' });
    expect(err.message).toBe(
      'Exit criteria not met: A problem statement (Define problem); A primary success metric (Define problem); A risk assessment (Define problem). Say why the project moves on anyway.',
    );
    expect((await getProjectBySlug(t.db, p.slug))!.stage).toBe('define');
    await moveProjectStage(t.db, lead, p.id, 'collect_data', 'Sponsor wants data first');
    expect((await listStageChanges(t.db, p.id))[0]).toMatchObject({
      fromStage: 'define',
      toStage: 'collect_data',
      reason: 'Sponsor wants data first',
    });
    const [entry] = await listProjectActivity(t.db, p.id);
    expect(entry).toMatchObject({ action: 'change-stage' });
  });

  it('with every criterion met no reason is needed', async () => {
    const p = await newProject();
    await updateProject(t.db, lead, p.id, p.version, { problemStatement: 'Predict churn' });
    await metric(p.id);
    await createRisk(t.db, lead, p.id, {
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
    });
    await moveProjectStage(t.db, lead, p.id, 'collect_data', '');
    expect((await getProjectBySlug(t.db, p.slug))!.stage).toBe('collect_data');
    // skipping ahead checks the skipped stages too: no dataset and no finished run yet
    expect((await rejection(moveProjectStage(t.db, lead, p.id, 'evaluate', ''))).message).toContain(
      'A dataset version (Collect data); A finished run (Baseline)',
    );
  });

  it('refuses the current stage', async () => {
    const p = await newProject();
    expect(await rejection(moveProjectStage(t.db, lead, p.id, 'define', 'again'))).toMatchObject({ field: 'stage' });
  });
});

describe('iterations and gains', () => {
  it('counts an iteration per move back and credits metric gains to the approach that made them', async () => {
    const p = await newProject('Predict churn');
    const before = Date.now() - 60_000;
    await finishedRun(p.id, 0.7, before, 'model-centric');
    await finishedRun(p.id, 0.76, before + 1, 'data-centric');
    await finishedRun(p.id, 0.8, before + 2, 'model-centric');
    await moveProjectStage(t.db, lead, p.id, 'improve', 'loop');
    await moveProjectStage(t.db, lead, p.id, 'baseline', 'iterate on data');
    const after = Date.now() + 60_000;
    await finishedRun(p.id, 0.9, after, 'data-centric');
    const m = await metric(p.id, { source: 'run_metric', sourceKey: 'acc' });
    const project = (await getProjectBySlug(t.db, p.slug))!;
    const view = await getLifecycleView(
      t.db,
      p.id,
      project.stage,
      await evaluateSuccessMetrics(t.db, p.id, Date.now()),
    );
    expect(view.iterations).toBe(2);
    expect(view.gainMetric).toEqual({ id: m.id, name: 'accuracy' });
    expect(view.gains.map((g) => [g.iteration, g.runs])).toEqual([
      [1, 3],
      [2, 1],
    ]);
    expect(view.gains[0]!.shares['data-centric']).toBeCloseTo(0.6);
    expect(view.gains[0]!.shares['model-centric']).toBeCloseTo(0.4);
    expect(view.gains[1]!.shares['data-centric']).toBe(1);
    expect(view.criteria.baseline[0]).toMatchObject({ id: 'finished-run', met: true });
  });
});
