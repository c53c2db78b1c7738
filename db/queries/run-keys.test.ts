// run_keys and monitors.prediction_count are kept by triggers (drizzle/0017): every way keys and predictions
// arrive must reach them, and the readers (the runs table's column keys, the monitoring list) must see them.
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type MlflowApp, newExperiment, newRun, openMlflowApp } from '@/tests/helpers/mlflow';
import { rowsOf } from '../rows';
import { predictions, runKeys } from '../schema';
import { listMonitors } from './monitoring';
import { ingestPredictions } from './predictions';
import { createModelVersion, createRegisteredModel, transitionModelVersionStage } from './registry';
import { listRunColumnKeys } from './run-search';
import { updateRunMetadata } from './runs';

let m: MlflowApp;
let exp: number;
let other: number;

beforeAll(async () => {
  m = await openMlflowApp();
  exp = Number(await newExperiment(m, 'keys-exp'));
  other = Number(await newExperiment(m, 'keys-other'));
});
afterAll(() => m?.cleanup());

const ok = async (path: string, body: Record<string, unknown>) => {
  const res = await m.post(path, body);
  expect(res.status, res.text).toBe(200);
};
const keysOf = (experimentId?: number) => listRunColumnKeys(m.db, m.project.id, experimentId);
const storedKeys = async (experimentId: number) =>
  (await m.db.select().from(runKeys).where(eq(runKeys.experimentId, experimentId))).length;

describe('run keys', () => {
  it('records the keys of log-batch, log-parameter, log-metric and set-tag, per experiment', async () => {
    const run = await newRun(m, { experiment_id: String(exp), run_name: 'first' });
    await ok('runs/log-batch', {
      run_id: run,
      params: [{ key: 'lr', value: '0.1' }],
      metrics: [{ key: 'acc', value: 0.9, timestamp: 1, step: 0 }],
      tags: [{ key: 'team', value: 'a' }],
    });
    await ok('runs/log-parameter', { run_id: run, key: 'depth', value: '6' });
    await ok('runs/log-metric', { run_id: run, key: 'loss', value: 0.2, timestamp: 2, step: 0 });
    await ok('runs/set-tag', { run_id: run, key: 'stage', value: 'try' });
    const keys = await keysOf(exp);
    expect(keys.params).toEqual(['depth', 'lr']);
    expect(keys.metrics).toEqual(['acc', 'loss']);
    expect(keys.tags).toEqual(expect.arrayContaining(['mlflow.runName', 'stage', 'team']));
    const elsewhere = await keysOf(other);
    expect(elsewhere.params).toEqual([]);
    expect(elsewhere.metrics).toEqual([]);
    // The project-wide list holds every experiment's keys.
    const inOther = await newRun(m, { experiment_id: String(other), run_name: 'other' });
    await ok('runs/log-parameter', { run_id: inOther, key: 'batch', value: '32' });
    expect((await keysOf()).params).toEqual(['batch', 'depth', 'lr']);
    expect((await keysOf(other)).params).toEqual(['batch']);
  });

  it('records a key once however many runs and batches log it', async () => {
    const before = await storedKeys(exp);
    for (const name of ['second', 'third']) {
      const run = await newRun(m, { experiment_id: String(exp), run_name: name });
      await ok('runs/log-batch', {
        run_id: run,
        params: [{ key: 'lr', value: '0.2' }],
        metrics: [
          { key: 'acc', value: 0.5, timestamp: 1, step: 0 },
          { key: 'acc', value: 0.6, timestamp: 2, step: 1 },
        ],
      });
      await ok('runs/log-metric', { run_id: run, key: 'acc', value: 0.7, timestamp: 3, step: 2 });
    }
    expect(await storedKeys(exp)).toBe(before);
  });

  it('records the tags the UI writes when an editor sets a run’s approach', async () => {
    const run = await newRun(m, { experiment_id: String(exp), run_name: 'ui' });
    expect((await keysOf(exp)).tags).not.toContain('runboard.approach');
    await updateRunMetadata(m.db, m.users.editor, m.project.id, run, { approach: 'data-centric' });
    expect((await keysOf(exp)).tags).toContain('runboard.approach');
  });

  it('keeps keys after their runs are deleted, and drops them with the experiment', async () => {
    const run = await newRun(m, { experiment_id: String(other), run_name: 'short-lived' });
    await ok('runs/log-parameter', { run_id: run, key: 'gone', value: '1' });
    await ok('runs/delete', { run_id: run });
    expect((await keysOf(other)).params).toContain('gone');
    await ok('experiments/delete', { experiment_id: String(other) });
    await m.db.execute(sql`delete from experiments where id = ${other}`);
    expect(await storedKeys(other)).toBe(0);
  });
});

describe('prediction counts', () => {
  const rows = (prefix: string, n: number) =>
    Array.from({ length: n }, (_, i) => ({
      id: `${prefix}-${i}`,
      timestamp: new Date(Date.UTC(2024, 4, 1, 0, 0, i)).toISOString(),
      features: { temp: i },
      prediction: i % 2 ? 'rain' : 'dry',
    }));
  const counts = async () =>
    new Map((await listMonitors(m.db, m.project.id)).map((r) => [r.modelName, r.predictions] as const));

  it('counts inserted predictions, not duplicates, per monitor, and follows deletes', async () => {
    for (const name of ['rain', 'snow']) {
      await createRegisteredModel(m.db, m.users.owner, m.project.id, { name });
      await createModelVersion(m.db, m.users.owner, m.project.id, { name });
      await transitionModelVersionStage(m.db, m.users.owner, m.project.id, {
        name,
        version: 1,
        stage: 'Production',
        archiveExisting: true,
        reason: 'ship',
      });
    }
    await ingestPredictions(m.db, m.project.id, 'rain', 'Production', rows('a', 30));
    await ingestPredictions(m.db, m.project.id, 'rain', 'Production', rows('a', 40));
    await ingestPredictions(m.db, m.project.id, 'snow', 'Production', rows('b', 5));
    expect(await counts()).toEqual(
      new Map([
        ['rain', 40],
        ['snow', 5],
      ]),
    );
    const [rain] = (await listMonitors(m.db, m.project.id)).filter((r) => r.modelName === 'rain');
    await m.db
      .delete(predictions)
      .where(and(eq(predictions.monitorId, rain!.monitor.id), sql`${predictions.externalId} like 'a-1%'`));
    expect((await counts()).get('rain')).toBe(29);
    const [actual] = rowsOf<{ n: number | string }>(
      await m.db.execute(sql`select count(*) as n from predictions where monitor_id = ${rain!.monitor.id}`),
    );
    expect(Number(actual!.n)).toBe(29);
  });
});
