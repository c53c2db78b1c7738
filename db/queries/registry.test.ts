import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestDb, openTestDb } from '../test-db';
import { getDatasetUsage, registerCsvDataset } from './datasets';
import { getExperimentByName } from './experiments';
import { createProject } from './projects';
import {
  createModelVersion,
  createRegisteredModel,
  getLatestVersions,
  getModelVersionByAlias,
  listModelTransitions,
  resolveModelVersion,
  rollbackProduction,
  setModelAlias,
  transitionModelVersionStage,
} from './registry';
import { createRun, logBatch, logInputs } from './runs';
import { createUser } from './users';

let t: TestDb;
let projectId: string;
const actor = { id: '', isAdmin: true };

beforeAll(async () => {
  t = await openTestDb();
  actor.id = (await createUser(t.db, null, { email: 'lead@example.com', name: 'Lead', password: 'password-1' })).id;
  projectId = (await createProject(t.db, actor, { slug: 'reg', name: 'Registry', problemStatement: '' })).id;
});
afterAll(() => t.cleanup());

async function runWithMetric(acc: number) {
  const experimentId = (await getExperimentByName(t.db, projectId, 'Default')).id;
  const run = await createRun(t.db, actor, projectId, { experimentId });
  await logBatch(t.db, projectId, run.id, {
    metrics: [{ key: 'acc', value: acc, timestamp: 1, step: 0 }],
    params: [{ key: 'depth', value: String(acc) }],
  });
  return run;
}

describe('registry', () => {
  it('numbers versions, snapshots run metrics, promotes with archiving, and rolls back to the previous holder', async () => {
    await createRegisteredModel(t.db, actor, projectId, { name: 'churn' });
    await expect(createRegisteredModel(t.db, actor, projectId, { name: 'churn' })).rejects.toThrow(/already exists/);
    const r1 = await runWithMetric(0.8);
    const r2 = await runWithMetric(0.85);
    const v1 = await createModelVersion(t.db, actor, projectId, { name: 'churn', runId: r1.id });
    const v2 = await createModelVersion(t.db, actor, projectId, { name: 'churn', runId: r2.id });
    expect([v1.version.version, v2.version.version]).toEqual([1, 2]);
    expect(v2.version.metrics).toEqual({ acc: 0.85 });
    expect(v2.version.source).toBe(`runs:/${r2.id}/model`);

    await transitionModelVersionStage(t.db, actor, projectId, {
      name: 'churn',
      version: 1,
      stage: 'Production',
      archiveExisting: true,
      reason: 'baseline',
    });
    await transitionModelVersionStage(t.db, actor, projectId, {
      name: 'churn',
      version: 2,
      stage: 'Production',
      archiveExisting: true,
      reason: 'better',
    });
    let latest = await getLatestVersions(t.db, projectId, 'churn', []);
    expect(latest.map((v) => [v.version, v.stage])).toEqual([
      [1, 'Archived'],
      [2, 'Production'],
    ]);

    await expect(rollbackProduction(t.db, actor, projectId, 'churn', '  ')).rejects.toThrow(/reason is required/);
    await rollbackProduction(t.db, actor, projectId, 'churn', 'v2 regressed on Mondays');
    latest = await getLatestVersions(t.db, projectId, 'churn', ['Production']);
    expect(latest.map((v) => v.version)).toEqual([1]);
    expect((await resolveModelVersion(t.db, projectId, 'churn', 'production'))?.version.version).toBe(1);

    const timeline = await listModelTransitions(t.db, v1.model.id);
    expect(timeline[0]).toMatchObject({
      kind: 'rollback',
      version: 1,
      toStage: 'Production',
      reason: 'v2 regressed on Mondays',
      userName: 'Lead',
    });
    expect(timeline.some((e) => e.kind === 'archive' && e.version === 2)).toBe(true);
  });

  it('aliases point at one version, move on reassignment and refuse reserved names', async () => {
    await setModelAlias(t.db, actor, projectId, 'churn', 'champion', 1);
    await setModelAlias(t.db, actor, projectId, 'churn', 'champion', 2);
    expect((await getModelVersionByAlias(t.db, projectId, 'churn', 'champion')).version.version).toBe(2);
    await expect(setModelAlias(t.db, actor, projectId, 'churn', 'v3', 1)).rejects.toThrow(/reserved/);
    await expect(setModelAlias(t.db, actor, projectId, 'churn', 'bad alias', 1)).rejects.toThrow(/letters, digits/);
  });
});

describe('datasets', () => {
  it('hashes the uploaded bytes, infers the schema, and traces forward to runs and model versions', async () => {
    const csv = 'x,y\n1,a\n2,b\n';
    const ds = await registerCsvDataset(t.db, actor, projectId, { name: 'tiny', csv });
    // Reference: `printf 'x,y\n1,a\n2,b\n' | sha256sum`
    expect(ds.digest).toBe('01331cf653a16b7278f66569b5719303c2f18ce869c87638c09943a49d3e73dd');
    expect(JSON.parse(ds.profile!)).toMatchObject({ num_rows: 2, num_columns: 2 });
    await expect(registerCsvDataset(t.db, actor, projectId, { name: 'tiny', csv })).rejects.toThrow(
      /already registered/,
    );
    const run = await runWithMetric(0.9);
    await logInputs(t.db, projectId, run.id, [{ dataset: { name: 'tiny', digest: ds.digest } }]);
    await createModelVersion(t.db, actor, projectId, { name: 'churn', runId: run.id });
    const usage = await getDatasetUsage(t.db, ds.id);
    expect(usage.runs.map((u) => u.run.id)).toEqual([run.id]);
    expect(usage.modelVersions).toEqual([expect.objectContaining({ modelName: 'churn', version: 3 })]);
  });
});
