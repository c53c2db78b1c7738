import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderReport } from '@/lib/report/render';
import { type TestDb, openTestDb } from '../test-db';
import { listProjectActivity } from './activity';
import { registerCsvDataset } from './datasets';
import { createExperiment, getExperimentByName } from './experiments';
import { createSubProblem } from './problem';
import { createProject } from './projects';
import { createModelVersion, createRegisteredModel } from './registry';
import { gatherReportData, listReportNarratives, saveReportNarrative } from './report';
import { createRisk } from './risks';
import { createRun, logBatch, logInputs, updateRun } from './runs';
import { createSuccessMetric } from './success-metrics';
import { createUser } from './users';
import { rejection } from '@/tests/helpers/rejection';
import { ACCURACY_METRIC } from '@/tests/helpers/success-metric';

let t: TestDb;
let project: Awaited<ReturnType<typeof createProject>>;
let otherProjectId: string;
const lead = { id: '', isAdmin: false };
const pm = { id: '', isAdmin: false };

beforeAll(async () => {
  t = await openTestDb();
  lead.id = (
    await createUser(t.db, null, { email: 'lead@report.test', name: 'Lena Lead', password: 'password-123' })
  ).id;
  pm.id = (await createUser(t.db, null, { email: 'pm@report.test', name: 'Pat PM', password: 'password-123' })).id;
  project = await createProject(t.db, lead, {
    slug: 'report',
    name: 'Churn report',
    problemStatement: 'Predict customer churn',
  });
  otherProjectId = (await createProject(t.db, lead, { slug: 'report-other', name: 'Other', problemStatement: '' })).id;
});
afterAll(() => t.cleanup());

describe('report narratives', () => {
  it('saves the first version, then refuses a stale save with the other person’s text', async () => {
    await saveReportNarrative(t.db, pm, project.id, 'methodology', 0, 'We cleaned labels first.');
    await saveReportNarrative(t.db, lead, project.id, 'methodology', 1, 'We cleaned labels, then tuned a forest.');
    const err = await rejection(saveReportNarrative(t.db, pm, project.id, 'methodology', 1, 'Mine'));
    expect(err.kind).toBe('conflict');
    expect(err.message).toContain('We cleaned labels, then tuned a forest.');
    // two first saves at once: the second finds a version it did not expect
    expect((await rejection(saveReportNarrative(t.db, pm, project.id, 'methodology', 0, 'Also mine'))).kind).toBe(
      'conflict',
    );
    const narratives = await listReportNarratives(t.db, project.id);
    expect(narratives.methodology).toMatchObject({
      body: 'We cleaned labels, then tuned a forest.',
      version: 2,
      updatedBy: 'Lena Lead',
    });
    expect(await listReportNarratives(t.db, otherProjectId)).toEqual({});
    const [entry] = await listProjectActivity(t.db, project.id, { entityType: 'report' });
    expect(entry).toMatchObject({ action: 'update', entityId: 'methodology' });
  });
});

describe('gatherReportData', () => {
  it('gathers live data the report renders: metrics, sub-problems, datasets, runs, versions, risks', async () => {
    const experimentId = (await getExperimentByName(t.db, project.id, 'Default')).id;
    const dataset = await registerCsvDataset(t.db, lead, project.id, {
      name: 'customers',
      csv: 'tenure,churned\n1,0\n2,1\n',
      source: 'crm export',
    });
    const run = await createRun(t.db, lead, project.id, {
      experimentId,
      runName: 'forest',
      tags: [{ key: 'runboard.approach', value: 'data-centric' }],
    });
    await logBatch(t.db, project.id, run.id, { metrics: [{ key: 'accuracy', value: 0.91, timestamp: 1, step: 0 }] });
    await logInputs(t.db, project.id, run.id, [
      { dataset: { name: 'customers', digest: dataset.digest, sourceType: 'upload', source: 'crm export' } },
    ]);
    await updateRun(t.db, lead, project.id, run.id, { status: 'FINISHED', endTime: 2 });
    await createRegisteredModel(t.db, lead, project.id, { name: 'churn' });
    await createModelVersion(t.db, lead, project.id, { name: 'churn', runId: run.id });
    await createSuccessMetric(t.db, lead, project.id, ACCURACY_METRIC);
    await createSubProblem(t.db, lead, project.id, {
      parentId: null,
      title: 'Identify churn indicators',
      description: '',
      ownerId: null,
      status: 'done',
    });
    await createRisk(t.db, lead, project.id, {
      title: 'Data quality issues',
      description: '',
      category: 'data_quality',
      likelihood: 'High',
      impact: 'High',
      ownerId: lead.id,
      response: 'mitigate',
      mitigationPlan: 'Implement data validation pipeline',
      mitigationPct: 50,
      status: 'open',
      nextReviewDate: null,
    });

    const data = await gatherReportData(t.db, project, { now: Date.UTC(2026, 4, 17) });
    expect(data.success).toEqual({ success: true, primaryCount: 1, missing: [], behind: [] });
    expect(data.datasets).toEqual([
      {
        name: 'customers',
        digest: dataset.digest,
        sourceType: expect.any(String),
        source: 'crm export',
        createdAt: expect.any(Number),
        runs: 1,
      },
    ]);
    expect(data.experiments).toEqual([{ name: 'Default', runCount: 1 }]);
    expect(data.experimentFilter).toBeNull();
    expect(data.production).toMatchObject({ monitors: [], alerts: [], abTests: [], health: { health: 'at_risk' } });
    await createExperiment(t.db, lead, project.id, { name: 'Empty sweep' });
    const filtered = await gatherReportData(t.db, project, { experimentFilter: 'Default' });
    expect(filtered.experimentFilter).toBe('Default');
    expect(filtered.experiments).toEqual([{ name: 'Default', runCount: 1 }]);
    expect((await gatherReportData(t.db, project, { experimentFilter: 'Empty sweep' })).experimentFilter).toBeNull();
    expect(data.approaches).toEqual([{ approach: 'data-centric', runs: 1 }]);
    expect(data.bestRuns).toEqual([
      { metricName: 'accuracy', key: 'accuracy', value: 0.91, runName: 'forest', runId: run.id },
    ]);
    expect(data.modelVersions).toEqual([
      { model: 'churn', version: 1, stage: 'None', metrics: { accuracy: 0.91 }, createdAt: expect.any(Number) },
    ]);
    expect(data.risks[0]).toMatchObject({
      title: 'Data quality issues',
      score: 9,
      residual: 4.5,
      critical: true,
      ownerName: 'Lena Lead',
    });
    expect(data.narratives.methodology).toBe('We cleaned labels, then tuned a forest.');

    const md = renderReport(data);
    expect(md).toContain('# Churn report — ML Project Documentation');
    expect(md).toContain('Predict customer churn');
    expect(md).toContain('- **Identify churn indicators** — Done');
    expect(md).toContain('| accuracy (primary) | Model | ≥ 0.9 | 0.7 | 0.91 | Achieved | 1 Jan 2099 | — |');
    expect(md).toContain('**Project success: achieved**');
  });
});
