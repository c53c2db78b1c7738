import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestDb, openTestDb } from '../../db/test-db';
import { listAlerts } from '../../db/queries/alerts';
import { listChecks } from '../../db/queries/drift-checks';
import { DEMO_MONITORED_MODEL, seedDemoMonitoring } from './monitoring';
import { getExperimentByName } from '../../db/queries/experiments';
import { getMonitor, getMonitorFeatures } from '../../db/queries/monitoring';
import { describeReference } from '../../db/queries/monitoring-reference';
import { createProject } from '../../db/queries/projects';
import { createModelVersion, createRegisteredModel, transitionModelVersionStage } from '../../db/queries/registry';
import { createRun } from '../../db/queries/runs';
import { createUser } from '../../db/queries/users';

let t: TestDb;
let projectId: string;
const actor = { id: '', isAdmin: true };

beforeAll(async () => {
  t = await openTestDb();
  actor.id = (
    await createUser(t.db, null, { email: 'demo@example.com', name: 'Demo', password: 'password-1', isAdmin: true })
  ).id;
  projectId = (await createProject(t.db, actor, { slug: 'demo', name: 'Demo', problemStatement: '' })).id;
});
afterAll(() => t.cleanup());

describe('seedDemoMonitoring', () => {
  it('serves 2014–2015 from a model trained on 2012–2013 and finds the drift of two warm years', async () => {
    const result = await seedDemoMonitoring(t.db, projectId, actor);
    expect(result.served).toBe('logreg data: seasonal');
    expect(result.predictions).toBe(1458);
    expect(result.checks).toBe(13);
    const { monitor } = await getMonitor(t.db, projectId, DEMO_MONITORED_MODEL);
    expect(monitor).toMatchObject({ task: 'classification', schedule: 'off', referenceKind: 'window' });
    const reference = await describeReference(t.db, monitor);
    expect(reference).toMatchObject({ kind: 'window', rows: 729 });
    const checks = await listChecks(t.db, monitor.id);
    // Trailing years, checked monthly: the last one is calendar 2015 against 2012–2013.
    const year2015 = checks.find((c) => c.windowStart.toISOString() === '2015-01-01T00:00:00.000Z')!;
    expect(year2015.currentRows).toBe(364);
    const by = Object.fromEntries(year2015.features.map((f) => [f.feature, f]));
    // Whole years on both sides: the season features cannot drift, the warmth of 2015 does.
    expect(by.doy_sin).toMatchObject({ test: 'ks', drifted: false });
    expect(by.temp_max).toMatchObject({ test: 'ks', drifted: true });
    expect(by.weather!.test).toBe('chi_square');
    expect(year2015.datasetDrift).toBe(true);
    const alerts = await listAlerts(t.db, projectId);
    expect(alerts.some((a) => a.alert.kind === 'drift' && a.alert.subject === 'temp_max')).toBe(true);
  });

  it('does nothing new when run again', async () => {
    const again = await seedDemoMonitoring(t.db, projectId, actor);
    expect(again.checks).toBe(0);
  });

  it('serves the run behind the Production version when the registry has promoted one', async () => {
    const other = (await createProject(t.db, actor, { slug: 'demo-two', name: 'Demo two', problemStatement: '' })).id;
    const experimentId = (await getExperimentByName(t.db, other, 'Default')).id;
    const run = await createRun(t.db, actor, other, { experimentId, runName: 'random-forest n=10 depth=3' });
    await createRegisteredModel(t.db, actor, other, { name: DEMO_MONITORED_MODEL });
    await createModelVersion(t.db, actor, other, { name: DEMO_MONITORED_MODEL, runId: run.id });
    await transitionModelVersionStage(t.db, actor, other, {
      name: DEMO_MONITORED_MODEL,
      version: 1,
      stage: 'Production',
      archiveExisting: true,
    });
    const result = await seedDemoMonitoring(t.db, other, actor);
    expect(result.served).toBe('random-forest n=10 depth=3');
    // that run used the basic feature set: the month is one of the logged features
    const { monitor } = await getMonitor(t.db, other, DEMO_MONITORED_MODEL);
    expect((await getMonitorFeatures(t.db, monitor.id)).map((f) => f.name)).toContain('month');
  });
});
