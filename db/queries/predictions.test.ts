import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRng } from '@/scripts/demo/ml/random';
import { SAMPLE_SHARDS } from '@/lib/monitoring/ingest';
import { classificationMetrics, regressionMetrics } from '@/lib/monitoring/performance';
import { type TestDb, openTestDb } from '../test-db';
import { getMonitor, getMonitorFeatures } from './monitoring';
import {
  attachActuals,
  countRows,
  ingestPredictions,
  listRecentPredictions,
  performanceAggregates,
  sampleFeatureRows,
  shardsFor,
} from './predictions';
import { createProject } from './projects';
import { createModelVersion, createRegisteredModel, setModelAlias, transitionModelVersionStage } from './registry';
import { createUser } from './users';

let t: TestDb;
let projectId: string;
const actor = { id: '', isAdmin: false };
const T0 = Date.parse('2024-05-01T00:00:00Z');

function batch(
  prefix: string,
  n: number,
  opts: {
    start?: number;
    label?: (i: number) => string | number;
    actual?: (i: number) => string | number | undefined;
  } = {},
) {
  const rng = createRng(n + prefix.length);
  return Array.from({ length: n }, (_, i) => ({
    id: `${prefix}-${i}`,
    timestamp: new Date((opts.start ?? T0) + i * 1000).toISOString(),
    features: { temp: Math.round(rng() * 1000) / 10, city: ['Oslo', 'Bergen', 'Tromsø'][i % 3], rainy: i % 2 === 0 },
    prediction: opts.label ? opts.label(i) : i % 2 ? 'rain' : 'dry',
    ...(opts.actual && opts.actual(i) !== undefined ? { actual: opts.actual(i) } : {}),
  }));
}

beforeAll(async () => {
  t = await openTestDb();
  actor.id = (await createUser(t.db, null, { email: 'mona@example.com', name: 'Mona', password: 'password-1' })).id;
  projectId = (await createProject(t.db, actor, { slug: 'mon', name: 'Monitoring', problemStatement: '' })).id;
  for (const name of ['rain', 'price']) {
    await createRegisteredModel(t.db, actor, projectId, { name });
    await createModelVersion(t.db, actor, projectId, { name });
    await createModelVersion(t.db, actor, projectId, { name });
    await transitionModelVersionStage(t.db, actor, projectId, {
      name,
      version: 1,
      stage: 'Production',
      archiveExisting: true,
      reason: 'ship',
    });
  }
  await setModelAlias(t.db, actor, projectId, 'rain', 'challenger', 2);
});
afterAll(() => t.cleanup());

describe('ingestPredictions', () => {
  it('logs a batch against the Production version, registering the monitor, its features and its task', async () => {
    const result = await ingestPredictions(t.db, projectId, 'rain', 'Production', batch('a', 50));
    expect(result).toEqual({ model: 'rain', version: 1, stage: 'Production', accepted: 50, duplicates: 0 });
    const { monitor } = await getMonitor(t.db, projectId, 'rain');
    expect(monitor.task).toBe('classification');
    expect(await getMonitorFeatures(t.db, monitor.id)).toEqual([
      { name: 'city', kind: 'categorical' },
      { name: 'rainy', kind: 'categorical' },
      { name: 'temp', kind: 'numeric' },
    ]);
    const [latest] = await listRecentPredictions(t.db, monitor.id, 1);
    expect(latest).toMatchObject({ external_id: 'a-49', version: 1, prediction: 'rain' });
    expect(latest!.features).toMatchObject({ city: 'Bergen', rainy: false });
  });

  it('ties each prediction to the version of the stage or alias it was logged against', async () => {
    const result = await ingestPredictions(t.db, projectId, 'rain', 'challenger', batch('c', 3));
    expect(result.version).toBe(2);
    const { monitor } = await getMonitor(t.db, projectId, 'rain');
    const recent = await listRecentPredictions(t.db, monitor.id, 100);
    expect(recent.filter((r) => r.external_id.startsWith('c-')).map((r) => r.version)).toEqual([2, 2, 2]);
    await expect(ingestPredictions(t.db, projectId, 'rain', 'Staging', batch('s', 1))).rejects.toThrow(
      'Model rain has no version in stage or alias "Staging".',
    );
    await expect(ingestPredictions(t.db, projectId, 'nope', 'Production', batch('s', 1))).rejects.toThrow(/not found/);
  });

  it('treats ids already logged as duplicates: a retried batch changes nothing', async () => {
    const { monitor } = await getMonitor(t.db, projectId, 'rain');
    const before = await countRows(t.db, {
      kind: 'window',
      monitorId: monitor.id,
      from: new Date(0),
      to: new Date('2100-01-01'),
    });
    const again = await ingestPredictions(t.db, projectId, 'rain', 'Production', [...batch('a', 50), ...batch('d', 2)]);
    expect(again).toMatchObject({ accepted: 2, duplicates: 50 });
    const inBatchTwice = await ingestPredictions(t.db, projectId, 'rain', 'Production', [
      ...batch('e', 2),
      ...batch('e', 2),
    ]);
    expect(inBatchTwice).toMatchObject({ accepted: 2, duplicates: 2 });
    expect(
      await countRows(t.db, { kind: 'window', monitorId: monitor.id, from: new Date(0), to: new Date('2100-01-01') }),
    ).toBe(before + 4);
  });

  it('writes nothing when any row is bad, and names that row', async () => {
    const { monitor } = await getMonitor(t.db, projectId, 'rain');
    const all = { kind: 'window' as const, monitorId: monitor.id, from: new Date(0), to: new Date('2100-01-01') };
    const before = await countRows(t.db, all);
    const rows = batch('bad', 20);
    rows[17] = { ...rows[17]!, timestamp: 'soon' };
    await expect(ingestPredictions(t.db, projectId, 'rain', 'Production', rows)).rejects.toThrow(
      'rows[17].timestamp: Expected an ISO 8601 time or epoch ms',
    );
    const typed = batch('typed', 5).map((r, i) => (i === 3 ? { ...r, features: { ...r.features, temp: 'warm' } } : r));
    await expect(ingestPredictions(t.db, projectId, 'rain', 'Production', typed)).rejects.toThrow(
      'rows[3].features.temp: Expected a number or null',
    );
    expect(await countRows(t.db, all)).toBe(before);
  });
});

describe('attachActuals', () => {
  it('labels logged predictions, all or nothing', async () => {
    await ingestPredictions(t.db, projectId, 'rain', 'Production', batch('l', 40, { start: T0 + 3_600_000 }));
    await expect(
      attachActuals(t.db, projectId, 'rain', [
        { id: 'l-0', actual: 'rain' },
        { id: 'ghost', actual: 'dry' },
      ]),
    ).rejects.toThrow('rows[1].id: No prediction with id "ghost" was logged for model rain; nothing was updated.');
    const { monitor } = await getMonitor(t.db, projectId, 'rain');
    const window = {
      kind: 'window' as const,
      monitorId: monitor.id,
      from: new Date(T0 + 3_600_000),
      to: new Date(T0 + 7_200_000),
    };
    expect(await performanceAggregates(t.db, window, 'classification')).toEqual({ confusion: [] });
    const labels = Array.from({ length: 40 }, (_, i) => ({ id: `l-${i}`, actual: i % 4 === 0 ? 'dry' : 'rain' }));
    expect(await attachActuals(t.db, projectId, 'rain', [...labels, labels[0]!])).toEqual({
      model: 'rain',
      updated: 40,
    });
    const agg = await performanceAggregates(t.db, window, 'classification');
    const predicted = Array.from({ length: 40 }, (_, i) => (i % 2 ? 'rain' : 'dry'));
    const expected = classificationMetrics(
      ['dry', 'rain']
        .flatMap((p) =>
          ['dry', 'rain'].map((a) => ({
            predicted: p,
            actual: a,
            count: predicted.filter((x, i) => x === p && labels[i]!.actual === a).length,
          })),
        )
        .filter((c) => c.count > 0),
    );
    expect('confusion' in agg && classificationMetrics(agg.confusion)).toEqual(expected);
  });

  it('summarises regression errors in the database as lib/stats would', async () => {
    const values = Array.from({ length: 60 }, (_, i) => ({ p: i / 2, a: i / 2 + ((i % 5) - 2) }));
    await ingestPredictions(
      t.db,
      projectId,
      'price',
      'Production',
      batch('r', 60, { label: (i) => values[i]!.p, actual: (i) => values[i]!.a }),
    );
    const { monitor } = await getMonitor(t.db, projectId, 'price');
    expect(monitor.task).toBe('regression');
    const agg = await performanceAggregates(
      t.db,
      { kind: 'window', monitorId: monitor.id, from: new Date(T0), to: new Date(T0 + 3_600_000) },
      'regression',
    );
    if (!('moments' in agg)) throw new Error('expected moments');
    const [mae, rmse] = regressionMetrics(agg.moments);
    expect(mae!.value).toBeCloseTo(values.reduce((s, v) => s + Math.abs(v.a - v.p), 0) / 60, 10);
    expect(rmse!.value).toBeCloseTo(Math.sqrt(values.reduce((s, v) => s + (v.a - v.p) ** 2, 0) / 60), 10);
  });
});

describe('sampling', () => {
  it('reads everything from small windows and about the target from large ones', async () => {
    expect(shardsFor(500, 1000)).toBe(SAMPLE_SHARDS);
    expect(shardsFor(100_000, 1000)).toBe(11);
    for (let b = 0; b < 3; b++)
      await ingestPredictions(
        t.db,
        projectId,
        'rain',
        'Production',
        batch(`big${b}`, 2000, { start: T0 + 86_400_000 + b * 2_000_000 }),
      );
    const { monitor } = await getMonitor(t.db, projectId, 'rain');
    const source = {
      kind: 'window' as const,
      monitorId: monitor.id,
      from: new Date(T0 + 86_400_000),
      to: new Date(T0 + 2 * 86_400_000),
    };
    const total = await countRows(t.db, source);
    expect(total).toBe(6000);
    expect(await sampleFeatureRows(t.db, source, total, 10_000)).toHaveLength(6000);
    const sample = await sampleFeatureRows(t.db, source, total, 1000);
    // 171 of 1024 shards: 1002 rows expected, binomial sd ≈ 29
    expect(sample.length).toBeGreaterThan(880);
    expect(sample.length).toBeLessThan(1120);
    expect(sample[0]).toHaveProperty('temp');
  });
});
