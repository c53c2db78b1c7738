import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { abTestDefinitionSchema } from '@/lib/ab-tests/definition';
import { assignVariant, compareVariants, sumStatsOf } from '@/lib/stats';
import { rowsOf } from '../rows';
import { abEvents, abMetricSums, abUnitValues } from '../schema';
import { type TestDb, openTestDb } from '../test-db';
import { assignUnit, recordAbEvents } from './ab-ingest';
import { createAbTest, getAbTestConfig, getAbTestResults } from './ab-tests';
import { createProject } from './projects';
import { createModelVersion, createRegisteredModel, transitionModelVersionStage } from './registry';
import { createUser } from './users';

let t: TestDb;
let projectId: string;
let otherProjectId: string;
const actor = { id: '', isAdmin: false };
let serial = 0;

beforeAll(async () => {
  t = await openTestDb();
  actor.id = (await createUser(t.db, null, { email: 'ab@example.com', name: 'Abby', password: 'password-1' })).id;
  projectId = (await createProject(t.db, actor, { slug: 'ab', name: 'AB', problemStatement: '' })).id;
  otherProjectId = (await createProject(t.db, actor, { slug: 'other', name: 'Other', problemStatement: '' })).id;
});
afterAll(() => t.cleanup());

/** A fresh model with `versions` versions (version 1 in Production) and a running test of 1 vs 2 (vs 3…). */
async function freshTest(opts: { versions?: number; weights?: number[]; guardrail?: boolean; start?: boolean } = {}) {
  const model = `model-${++serial}`;
  await createRegisteredModel(t.db, actor, projectId, { name: model });
  for (let i = 0; i < (opts.versions ?? 2); i++) await createModelVersion(t.db, actor, projectId, { name: model });
  await transitionModelVersionStage(t.db, actor, projectId, {
    name: model,
    version: 1,
    stage: 'Production',
    archiveExisting: true,
  });
  const weights = opts.weights ?? [50, 50];
  const def = abTestDefinitionSchema.parse({
    name: `test ${serial}`,
    model,
    variants: weights.map((weight, i) => ({ version: i + 1, weight })),
    metrics: [
      { name: 'revenue', kind: 'continuous', direction: 'increase' },
      { name: 'converted', kind: 'conversion', direction: 'increase' },
      ...(opts.guardrail ? [{ name: 'latency_ms', kind: 'continuous', direction: 'decrease', guardrail: true }] : []),
    ],
  });
  const test = await createAbTest(t.db, actor, projectId, def, { start: opts.start });
  return { model, test, def };
}

/** Unit ids whose hash puts them in each variant, found by trying ids in order. */
function unitsPerVariant(testId: string, weights: number[], wanted: number[]): string[][] {
  const out: string[][] = wanted.map(() => []);
  for (let i = 0; out.some((units, v) => units.length < wanted[v]!); i++) {
    const id = `user-${i}`;
    const v = assignVariant(testId, id, weights);
    if (out[v]!.length < wanted[v]!) out[v]!.push(id);
  }
  return out;
}

async function sumsRows(testId: string) {
  return t.db.select().from(abMetricSums).where(eq(abMetricSums.testId, testId));
}

describe('A/B tests: create → assign → events → results', () => {
  it('reproduces R’s Welch test on the sleep data from events sent unit by unit (t.test(extra ~ group, data = sleep))', async () => {
    const { test } = await freshTest();
    const [unitsA, unitsB] = unitsPerVariant(test.id, [50, 50], [10, 10]);
    const sleep1 = [0.7, -1.6, -0.2, -1.2, -0.1, 3.4, 3.7, 0.8, 0.0, 2.0];
    const sleep2 = [1.9, 0.8, 1.1, 0.1, -0.1, 4.4, 5.5, 1.6, 4.6, 3.4];
    for (const u of [...unitsA!, ...unitsB!]) await assignUnit(t.db, projectId, test.id, u);
    // group 2 is the control (A), group 1 the treatment (B): R's difference of means is group 1 − group 2 = −1.58.
    const events = [
      ...unitsA!.map((u, i) => ({ unit_id: u, metric: 'revenue', value: sleep2[i] })),
      ...unitsB!.map((u, i) => ({ unit_id: u, metric: 'revenue', value: sleep1[i] })),
    ];
    expect(await recordAbEvents(t.db, projectId, test.id, events)).toEqual({ accepted: 20, units: 20 });

    const results = await getAbTestResults(t.db, await getAbTestConfig(t.db, projectId, test.id));
    const revenue = results.metrics.find((m) => m.name === 'revenue')!;
    expect(revenue.primary).toBe(true);
    const [a, b] = revenue.variants;
    expect(a).toMatchObject({ variant: 'A', version: 1, n: 10, test: null });
    expect(a!.mean).toBeCloseTo(2.33, 10);
    expect(b).toMatchObject({
      variant: 'B',
      version: 2,
      n: 10,
      test: 'welch_t',
      significant: false,
      verdict: 'inconclusive',
    });
    expect(b!.mean).toBeCloseTo(0.75, 10);
    expect(b!.statistic).toBeCloseTo(-1.860813, 5);
    expect(b!.df).toBeCloseTo(17.77647, 4);
    expect(b!.p_value).toBeCloseTo(0.07939, 5);
    expect(b!.absolute!.ci_lower).toBeCloseTo(-3.3654832, 5);
    expect(b!.absolute!.ci_upper).toBeCloseTo(0.2054832, 5);
    expect(results.variants.map((v) => v.assigned)).toEqual([10, 10]);
    expect(results.srm.flagged).toBe(false);
  });

  it('reproduces R’s prop.test(c(30, 50), c(100, 100), correct = FALSE) from conversion events', async () => {
    const { test } = await freshTest();
    const [unitsA, unitsB] = unitsPerVariant(test.id, [50, 50], [100, 100]);
    const events = [
      ...unitsA!.map((u, i) => ({ unit_id: u, metric: 'converted', value: i < 50 ? 1 : 0 })),
      ...unitsB!.map((u, i) => ({ unit_id: u, metric: 'converted', value: i < 30 ? 1 : 0 })),
    ];
    await recordAbEvents(t.db, projectId, test.id, events);
    const results = await getAbTestResults(t.db, await getAbTestConfig(t.db, projectId, test.id));
    const b = results.metrics.find((m) => m.name === 'converted')!.variants[1]!;
    expect(b).toMatchObject({ n: 100, mean: 0.3, test: 'two_proportion_z', significant: true, verdict: 'worse' });
    expect(b.p_value).toBeCloseTo(0.0038924171227786306, 10);
    expect(b.absolute!.ci_lower).toBeCloseTo(-0.33293122498191674, 8);
    // Nobody called assign: the events are attributed by hash but are not exposures.
    expect(results.variants.map((v) => v.assigned)).toEqual([0, 0]);
  });

  it('assignment is sticky and records each unit’s exposure once; another project’s id is not found', async () => {
    const { test } = await freshTest({ weights: [20, 80] });
    const first = await Promise.all(
      Array.from({ length: 200 }, (_, i) => assignUnit(t.db, projectId, test.id, `u${i}`)),
    );
    const again = await Promise.all(
      Array.from({ length: 200 }, (_, i) => assignUnit(t.db, projectId, test.id, `u${i}`)),
    );
    expect(again).toEqual(first);
    first.forEach((a, i) => expect(a.variant).toBe(['A', 'B'][assignVariant(test.id, `u${i}`, [20, 80])]));
    const config = await getAbTestConfig(t.db, projectId, test.id);
    expect(config.variants.reduce((s, v) => s + v.assigned, 0)).toBe(200);
    expect(config.variants.map((v) => v.assigned)).toEqual(
      ['A', 'B'].map((k) => first.filter((a) => a.variant === k).length),
    );
    await expect(assignUnit(t.db, otherProjectId, test.id, 'u1')).rejects.toThrow(/not found/);
    await expect(assignUnit(t.db, projectId, 'not-a-uuid', 'u1')).rejects.toThrow(/not found/);
  });

  it('folds a unit’s repeated events into one observation: continuous values add up, a conversion counts once', async () => {
    const { test } = await freshTest();
    await recordAbEvents(t.db, projectId, test.id, [
      { unit_id: 'x', metric: 'revenue', value: 2 },
      { unit_id: 'x', metric: 'revenue', value: 3 },
      { unit_id: 'x', metric: 'converted', value: 0 },
    ]);
    await recordAbEvents(t.db, projectId, test.id, [
      { unit_id: 'x', metric: 'revenue', value: 5 },
      { unit_id: 'x', metric: 'converted', value: 1 },
      { unit_id: 'x', metric: 'converted', value: 1 },
    ]);
    await recordAbEvents(t.db, projectId, test.id, [{ unit_id: 'x', metric: 'converted', value: 0 }]);
    const rows = await sumsRows(test.id);
    const variant = ['A', 'B'][assignVariant(test.id, 'x', [50, 50])];
    expect(rows.find((r) => r.metric === 'revenue')).toMatchObject({ variant, n: 1, sum: 10, sumSquares: 100 });
    expect(rows.find((r) => r.metric === 'converted')).toMatchObject({ variant, n: 1, sum: 1, sumSquares: 1 });
    expect(await t.db.select().from(abEvents).where(eq(abEvents.testId, test.id))).toHaveLength(7);
  });

  it('keeps the running sums equal to the per-unit values under concurrent overlapping batches', async () => {
    const { test } = await freshTest();
    const batch = (k: number) =>
      Array.from({ length: 300 }, (_, i) => ({
        unit_id: `c${(i * 7 + k) % 120}`,
        metric: i % 2 ? 'revenue' : 'converted',
        value: i % 2 ? (i % 13) + k / 10 : (i + k) % 3 === 0 ? 1 : 0,
      }));
    await Promise.all([0, 1, 2, 3, 4, 5].map((k) => recordAbEvents(t.db, projectId, test.id, batch(k))));
    const recomputed = rowsOf<{ variant: string; metric: string; n: string | number; s: number; ss: number }>(
      await t.db.execute(
        sql`select variant, metric, count(*) as n, sum(value) as s, sum(value * value) as ss from ab_unit_values where test_id = ${test.id} group by variant, metric`,
      ),
    );
    const stored = await sumsRows(test.id);
    expect(stored).toHaveLength(recomputed.length);
    for (const r of recomputed) {
      const s = stored.find((x) => x.variant === r.variant && x.metric === r.metric)!;
      expect(s.n).toBe(Number(r.n));
      expect(s.sum).toBeCloseTo(Number(r.s), 6);
      expect(s.sumSquares).toBeCloseTo(Number(r.ss), 4);
    }
    const units = await t.db.select().from(abUnitValues).where(eq(abUnitValues.testId, test.id));
    const revenueA = units.filter((u) => u.metric === 'revenue' && u.variant === 'A').map((u) => u.value);
    const revenueB = units.filter((u) => u.metric === 'revenue' && u.variant === 'B').map((u) => u.value);
    const results = await getAbTestResults(t.db, await getAbTestConfig(t.db, projectId, test.id));
    expect(results.metrics[0]!.variants[1]!.p_value).toBeCloseTo(
      compareVariants(sumStatsOf(revenueA), sumStatsOf(revenueB), 'continuous').p_value!,
      8,
    );
  });
});
