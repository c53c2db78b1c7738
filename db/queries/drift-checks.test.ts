import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRng } from '@/scripts/demo/ml/random';
import { type TestDb, openTestDb } from '../test-db';
import { listAlerts, transitionAlert } from './alerts';
import { claimScheduledWindow, computeDrift, getLatestCheck, listChecks, runDriftCheck } from './drift-checks';
import { getMonitor, updateMonitorSettings } from './monitoring';
import {
  listReferenceDatasets,
  setReferenceDataset,
  setReferenceWindow,
  uploadReferenceCsv,
} from './monitoring-reference';
import { ingestPredictions } from './predictions';
import { registerCsvDataset } from './datasets';
import { createProject } from './projects';
import { createModelVersion, createRegisteredModel, transitionModelVersionStage } from './registry';
import { createUser } from './users';

let t: TestDb;
let projectId: string;
let monitorId: string;
const actor = { id: '', isAdmin: false };
const DAY = 86_400_000;
const T0 = Date.parse('2024-05-01T00:00:00Z');
const day = (n: number) => ({ start: new Date(T0 + n * DAY), end: new Date(T0 + (n + 1) * DAY) });

/** A day of traffic: temperature around `mean`, a city mix, and labels right with probability `accuracy`. */
function traffic(
  prefix: string,
  dayIndex: number,
  n: number,
  opts: { mean: number; tromso: number; accuracy: number },
) {
  const rng = createRng(dayIndex * 101 + n);
  return Array.from({ length: n }, (_, i) => {
    const temp = opts.mean + 5 * Math.sqrt(-2 * Math.log(1 - rng())) * Math.cos(2 * Math.PI * rng());
    const actual = rng() < 0.5 ? 'rain' : 'dry';
    const prediction = rng() < opts.accuracy ? actual : actual === 'rain' ? 'dry' : 'rain';
    return {
      id: `${prefix}-${i}`,
      timestamp: T0 + dayIndex * DAY + Math.floor((i / n) * DAY),
      features: { temp, city: rng() < opts.tromso ? 'Tromsø' : 'Oslo', weekday: i % 7 },
      prediction,
      actual,
    };
  });
}

beforeAll(async () => {
  t = await openTestDb();
  actor.id = (await createUser(t.db, null, { email: 'dora@example.com', name: 'Dora', password: 'password-1' })).id;
  projectId = (await createProject(t.db, actor, { slug: 'drift', name: 'Drift', problemStatement: '' })).id;
  await createRegisteredModel(t.db, actor, projectId, { name: 'rain' });
  await createModelVersion(t.db, actor, projectId, { name: 'rain' });
  await transitionModelVersionStage(t.db, actor, projectId, {
    name: 'rain',
    version: 1,
    stage: 'Production',
    archiveExisting: true,
    reason: 'ship',
  });
  await ingestPredictions(
    t.db,
    projectId,
    'rain',
    'Production',
    traffic('ref', 0, 400, { mean: 15, tromso: 0.2, accuracy: 0.9 }),
  );
  await ingestPredictions(
    t.db,
    projectId,
    'rain',
    'Production',
    traffic('calm', 1, 300, { mean: 15, tromso: 0.2, accuracy: 0.9 }),
  );
  await ingestPredictions(
    t.db,
    projectId,
    'rain',
    'Production',
    traffic('hot', 2, 300, { mean: 22, tromso: 0.6, accuracy: 0.6 }),
  );
  await ingestPredictions(
    t.db,
    projectId,
    'rain',
    'Production',
    traffic('hot2', 3, 300, { mean: 23, tromso: 0.6, accuracy: 0.6 }),
  );
  monitorId = (await getMonitor(t.db, projectId, 'rain')).monitor.id;
});
afterAll(() => t.cleanup());

describe('drift checks', () => {
  it('refuses to check before a reference is set', async () => {
    await expect(runDriftCheck(t.db, actor, projectId, monitorId, day(1))).rejects.toThrow(
      /Set a reference for rain first/,
    );
    await expect(setReferenceWindow(t.db, actor, projectId, monitorId, day(9).start, day(9).end)).rejects.toThrow(
      /No predictions were logged/,
    );
  });

  it('finds no drift and no drop on a calm day', async () => {
    await setReferenceWindow(t.db, actor, projectId, monitorId, day(0).start, day(0).end);
    const { check, newAlerts } = await runDriftCheck(t.db, actor, projectId, monitorId, day(1));
    expect(check).toMatchObject({
      status: 'done',
      referenceRows: 400,
      currentRows: 300,
      referenceSampled: 400,
      currentSampled: 300,
      datasetDrift: false,
    });
    expect(check.features.map((f) => [f.feature, f.test, f.drifted])).toEqual([
      ['city', 'z_test', false],
      ['temp', 'ks', false],
      ['weekday', 'ks', false],
    ]);
    expect(check.performance.map((p) => [p.metric, p.status])).toEqual([
      ['accuracy', 'ok'],
      ['f1', 'ok'],
    ]);
    expect(newAlerts).toEqual([]);
  });

  it('raises drift, dataset drift and performance alerts on a shifted day', async () => {
    const { check, newAlerts } = await runDriftCheck(t.db, actor, projectId, monitorId, day(2));
    const by = Object.fromEntries(check.features.map((f) => [f.feature, f]));
    expect(by.temp).toMatchObject({ test: 'ks', drifted: true, psi_band: 'significant' });
    expect(by.temp!.p_value!).toBeLessThan(1e-10);
    expect(by.city).toMatchObject({ test: 'z_test', drifted: true });
    expect(by.weekday!.drifted).toBe(false);
    expect(check.datasetDrift).toBe(true);
    const accuracy = check.performance.find((p) => p.metric === 'accuracy')!;
    expect(accuracy.status).toBe('degraded');
    expect(accuracy.baseline!).toBeGreaterThan(0.85);
    expect(accuracy.value!).toBeLessThan(0.7);
    expect(newAlerts.map((a) => `${a.kind}:${a.subject}`).sort()).toEqual([
      'dataset_drift:*',
      'drift:city',
      'drift:temp',
      'performance:accuracy',
      'performance:f1',
    ]);
  });

  it('deduplicates: the next finding updates the open alert; after resolving, a new one opens', async () => {
    const second = await runDriftCheck(t.db, actor, projectId, monitorId, day(3));
    expect(second.newAlerts).toEqual([]);
    const active = await listAlerts(t.db, projectId, { monitorId });
    expect(active).toHaveLength(5);
    const temp = active.find((a) => a.alert.subject === 'temp')!.alert;
    expect(temp).toMatchObject({ status: 'open', occurrences: 2, lastCheckId: second.check.id });
    expect(temp.lastWindowEnd?.toISOString()).toBe(day(3).end.toISOString());

    await transitionAlert(t.db, actor, projectId, temp.id, 'acknowledged');
    const third = await runDriftCheck(t.db, actor, projectId, monitorId, day(2));
    expect(third.newAlerts).toEqual([]);
    const acked = (await listAlerts(t.db, projectId, { monitorId })).find((a) => a.alert.id === temp.id)!.alert;
    expect(acked).toMatchObject({ status: 'acknowledged', occurrences: 3 });
    // an older window checked again never moves the alert's latest window back
    expect(acked.lastWindowEnd?.toISOString()).toBe(day(3).end.toISOString());

    await transitionAlert(t.db, actor, projectId, temp.id, 'resolved');
    const fourth = await runDriftCheck(t.db, actor, projectId, monitorId, day(3));
    expect(fourth.newAlerts.map((a) => a.subject)).toEqual(['temp']);
    expect(await listAlerts(t.db, projectId, { monitorId, filter: 'all' })).toHaveLength(6);
  });

  it('records an empty window without alerts and keeps the latest real check', async () => {
    const { check } = await runDriftCheck(t.db, actor, projectId, monitorId, day(20));
    expect(check).toMatchObject({ status: 'empty', currentRows: 0, features: [] });
    expect((await getLatestCheck(t.db, monitorId))!.windowEnd.toISOString()).toBe(day(3).end.toISOString());
    expect((await listChecks(t.db, monitorId)).length).toBeGreaterThanOrEqual(5);
  });

  it('compares against the registered metric snapshot when asked to', async () => {
    const { monitor } = await getMonitor(t.db, projectId, 'rain');
    await updateMonitorSettings(t.db, actor, projectId, monitorId, monitor.version, {
      ...monitor,
      baselineSource: 'registered',
      baselineKeys: { accuracy: 'val_accuracy' },
    });
    const result = await computeDrift(t.db, projectId, await getMonitor(t.db, projectId, 'rain'), day(1));
    // version 1 was registered without a run: no snapshot to compare with
    expect(result.performance.map((p) => p.status)).toEqual(['no_baseline', 'no_baseline']);
    await expect(
      updateMonitorSettings(t.db, actor, projectId, monitorId, monitor.version, { ...monitor }),
    ).rejects.toThrow(/Someone else changed/);
  });

  it('claims a scheduled window once, however many claim it at once', async () => {
    const claims = await Promise.all([1, 2, 3, 4].map(() => claimScheduledWindow(t.db, projectId, monitorId, day(5))));
    expect(claims.filter(Boolean)).toHaveLength(1);
  });
});

describe('dataset references', () => {
  it('stores an uploaded CSV as a dataset version with rows, and checks against it', async () => {
    const rows = traffic('csv', 0, 200, { mean: 15, tromso: 0.2, accuracy: 0.9 });
    const csv = [
      'temp,city,weekday,prediction,actual',
      ...rows.map((r) => `${r.features.temp},${r.features.city},${r.features.weekday},${r.prediction},${r.actual}`),
    ].join('\n');
    const summary = await uploadReferenceCsv(t.db, actor, projectId, monitorId, { name: 'training-2024', csv });
    expect(summary).toMatchObject({ kind: 'dataset', name: 'training-2024', rows: 200 });
    const { check } = await runDriftCheck(t.db, actor, projectId, monitorId, day(2));
    expect(check.referenceRows).toBe(200);
    expect(check.features.find((f) => f.feature === 'temp')!.drifted).toBe(true);
    if (summary.kind !== 'dataset') throw new Error('expected a dataset reference');
    await expect(
      setReferenceDataset(t.db, actor, projectId, monitorId, `training-2024@${summary.digest.slice(0, 10)}`),
    ).resolves.toMatchObject({ rows: 200 });
    await expect(setReferenceDataset(t.db, actor, projectId, monitorId, 'training-2024@ffffffff')).rejects.toThrow(
      /no dataset version/,
    );
    expect((await listReferenceDatasets(t.db, projectId)).map((d) => [d.name, d.rows])).toEqual([
      ['training-2024', 200],
    ]);
    await expect(setReferenceDataset(t.db, actor, projectId, monitorId, summary.datasetId)).resolves.toMatchObject({
      name: 'training-2024',
    });
    // A version registered on the datasets page keeps only its digest and profile: no rows to compare with.
    const plain = await registerCsvDataset(t.db, actor, projectId, { name: 'profile-only', csv: 'temp\n1\n2\n' });
    await expect(setReferenceDataset(t.db, actor, projectId, monitorId, plain.id)).rejects.toThrow(
      /has no stored rows. Upload the CSV through the monitoring reference form/,
    );
    await expect(
      uploadReferenceCsv(t.db, actor, projectId, monitorId, { name: 'broken', csv: 'temp,city\nwarm,Oslo' }),
    ).rejects.toThrow(/temp is a numeric feature/);
  });
});
