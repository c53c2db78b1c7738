import fs from 'node:fs';
import path from 'node:path';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { abTestDefinitionSchema } from '@/lib/ab-tests/definition';
import reference from '@/lib/stats/fixtures/reference.json';
import { assignVariant, compareVariants, describeMoments, momentsFromShiftedSums, momentsOf } from '@/lib/stats';
import { rowsOf } from '../rows';
import { abEvents, abExposures, abMetricSums, abUnitValues } from '../schema';
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
    // Newcombe's score interval (lib/stats/fixtures/reference.json), not Wald's
    expect(b.absolute!.ci_lower).toBeCloseTo(-0.3257682908764214, 8);
    // Nobody called assign: the events are attributed by hash, and a unit that sent one was exposed.
    expect(results.variants.map((v) => v.assigned)).toEqual([100, 100]);
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
    const revenue = rows.find((r) => r.metric === 'revenue')!;
    const converted = rows.find((r) => r.metric === 'converted')!;
    expect([revenue.variant, converted.variant]).toEqual([variant, variant]);
    expect(momentsFromShiftedSums(revenue)).toEqual({ n: 1, mean: 10, m2: 0 });
    expect(momentsFromShiftedSums(converted)).toEqual({ n: 1, mean: 1, m2: 0 });
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
    const recomputed = rowsOf<{ variant: string; metric: string; n: string | number; mean: number; m2: number }>(
      await t.db.execute(
        sql`select variant, metric, count(*) as n, avg(value) as mean, var_samp(value) * (count(*) - 1) as m2 from ab_unit_values where test_id = ${test.id} group by variant, metric`,
      ),
    );
    const stored = await sumsRows(test.id);
    expect(stored).toHaveLength(recomputed.length);
    for (const r of recomputed) {
      const s = stored.find((x) => x.variant === r.variant && x.metric === r.metric)!;
      const m = momentsFromShiftedSums(s);
      expect(m.n).toBe(Number(r.n));
      expect(m.mean).toBeCloseTo(Number(r.mean), 10);
      expect(m.m2).toBeCloseTo(Number(r.m2), 8);
    }
    const units = await t.db.select().from(abUnitValues).where(eq(abUnitValues.testId, test.id));
    const exposed = await t.db.select().from(abExposures).where(eq(abExposures.testId, test.id));
    // Every unit that sent an event is exposed; one without a revenue event counts as 0.
    expect(exposed).toHaveLength(new Set(units.map((u) => u.unitId)).size);
    const revenueOf = (variant: string) =>
      exposed
        .filter((e) => e.variant === variant)
        .map((e) => units.find((u) => u.unitId === e.unitId && u.metric === 'revenue')?.value ?? 0);
    const results = await getAbTestResults(t.db, await getAbTestConfig(t.db, projectId, test.id));
    expect(results.metrics[0]!.variants[1]!.p_value).toBeCloseTo(
      compareVariants(momentsOf(revenueOf('A')), momentsOf(revenueOf('B')), 'continuous').p_value!,
      8,
    );
  });

  it('counts every exposed unit in a conversion rate when only conversions are reported (SciPy’s p)', async () => {
    const { test } = await freshTest();
    const ref = reference.denominators.conversion;
    const [unitsA, unitsB] = unitsPerVariant(test.id, [50, 50], [ref.n_c, ref.n_t]);
    for (const u of [...unitsA!, ...unitsB!]) await assignUnit(t.db, projectId, test.id, u);
    await recordAbEvents(t.db, projectId, test.id, [
      ...unitsA!.slice(0, ref.x_c).map((u) => ({ unit_id: u, metric: 'converted', value: 1 })),
      ...unitsB!.slice(0, ref.x_t).map((u) => ({ unit_id: u, metric: 'converted', value: 1 })),
    ]);
    const results = await getAbTestResults(t.db, await getAbTestConfig(t.db, projectId, test.id));
    const [a, b] = results.metrics.find((m) => m.name === 'converted')!.variants;
    expect(a).toMatchObject({ n: 100, mean: 0.3 });
    expect(b).toMatchObject({ n: 100, mean: 0.5, significant: true, verdict: 'better' });
    expect(b!.p_value).toBeCloseTo(ref.p_value, 12);
  });

  it.each(['near_1e12', 'near_one'] as const)(
    'gives SciPy’s Welch test for values %s sent over several batches and days, with repeat events',
    async (name) => {
      const ref = reference.welch[name];
      const { test } = await freshTest();
      const [unitsA, unitsB] = unitsPerVariant(test.id, [50, 50], [ref.control.length, ref.treatment.length]);
      const day = (d: number) => Date.UTC(2025, 0, 1 + d);
      const send = (units: string[], values: number[]) =>
        values.map((v, i) => ({ unit_id: units[i]!, metric: 'revenue', value: v, timestamp: day(i % 3) }));
      const all = [...send(unitsA!, ref.control), ...send(unitsB!, ref.treatment)];
      for (let k = 0; k < all.length; k += 7) await recordAbEvents(t.db, projectId, test.id, all.slice(k, k + 7));
      // A later event of 0 for some units changes their value by nothing but goes through the replacement path.
      await recordAbEvents(t.db, projectId, test.id, [
        { unit_id: unitsA![0]!, metric: 'revenue', value: 0 },
        { unit_id: unitsB![1]!, metric: 'revenue', value: 0 },
      ]);
      const results = await getAbTestResults(t.db, await getAbTestConfig(t.db, projectId, test.id));
      const [a, b] = results.metrics.find((m) => m.name === 'revenue')!.variants;
      const rel = (x: number | null | undefined, y: number, tol = 1e-6) =>
        expect(Math.abs(x! - y)).toBeLessThanOrEqual(tol * Math.abs(y));
      rel(a!.sd ** 2, ref.control_stats.variance);
      rel(b!.sd ** 2, ref.treatment_stats.variance);
      rel(b!.statistic, ref.statistic);
      rel(b!.df, ref.df);
      rel(b!.p_value, ref.p_value);
      rel(b!.absolute!.ci_lower, ref.ci[0]!);
      rel(b!.absolute!.ci_upper, ref.ci[1]!);
    },
  );

  it('says two constant non-integer arms (9.99 vs 12.99) have zero variance: no t = 3e7, no interval', async () => {
    const ref = reference.constant_arms;
    const { test } = await freshTest();
    const [unitsA, unitsB] = unitsPerVariant(test.id, [50, 50], [ref.control.length, ref.treatment.length]);
    await recordAbEvents(t.db, projectId, test.id, [
      ...unitsA!.map((u, i) => ({ unit_id: u, metric: 'revenue', value: ref.control[i] })),
      ...unitsB!.slice(0, 3).map((u, i) => ({ unit_id: u, metric: 'revenue', value: ref.treatment[i] })),
    ]);
    await recordAbEvents(
      t.db,
      projectId,
      test.id,
      unitsB!.slice(3).map((u, i) => ({ unit_id: u, metric: 'revenue', value: ref.treatment[i + 3] })),
    );
    const results = await getAbTestResults(t.db, await getAbTestConfig(t.db, projectId, test.id));
    const [a, b] = results.metrics.find((m) => m.name === 'revenue')!.variants;
    expect([a!.sd, b!.sd, a!.mean_ci_half_width, b!.mean_ci_half_width]).toEqual([0, 0, null, null]);
    expect(b).toMatchObject({ statistic: null, p_value: null, absolute: null, relative: null, significant: false });
    expect(b!.note).toMatch(/zero variance/);
  });
});

describe('migration 0012: legacy (n, Σv, Σv²) rows to shifted sums', () => {
  it('rebuilds the all-time rows exactly from the unit values and exposes event-only units', async () => {
    const { test } = await freshTest();
    const values = reference.welch.near_1e12.control;
    await recordAbEvents(
      t.db,
      projectId,
      test.id,
      values.map((v, i) => ({
        unit_id: `legacy-${i}`,
        metric: 'revenue',
        value: v,
        timestamp: '2025-02-01T00:00:00Z',
      })),
    );
    // Put the rows back the way the old code left them: plain float sums, and no exposures for event-only units.
    await t.db.execute(
      sql`alter table ab_metric_sums add column sum float8 not null default 0, add column sum_squares float8 not null default 0`,
    );
    await t.db.execute(
      sql`alter table ab_metric_daily add column sum float8 not null default 0, add column sum_squares float8 not null default 0`,
    );
    for (const table of [sql`ab_metric_sums`, sql`ab_metric_daily`]) {
      await t.db.execute(
        sql`update ${table} set sum = shift * n + s1, sum_squares = s2 + 2 * shift * s1 + n * shift * shift, shift = 0, s1 = 0, s2 = 0 where test_id = ${test.id}`,
      );
    }
    await t.db.execute(sql`delete from ab_exposures where test_id = ${test.id}`);
    await t.db.execute(sql`update ab_test_variants set assigned = 0 where test_id = ${test.id}`);

    const migration = fs.readFileSync(path.join(process.cwd(), 'drizzle/0012_ab-stable-aggregates.sql'), 'utf8');
    const data = migration.split('--> statement-breakpoint').filter((s) => /^\s*(--.*\n)*\s*(UPDATE|WITH)/.test(s));
    expect(data).toHaveLength(3);
    for (const statement of data) await t.db.execute(sql.raw(statement));
    await t.db.execute(sql`alter table ab_metric_sums drop column sum, drop column sum_squares`);
    await t.db.execute(sql`alter table ab_metric_daily drop column sum, drop column sum_squares`);

    const results = await getAbTestResults(t.db, await getAbTestConfig(t.db, projectId, test.id));
    expect(results.variants.reduce((s, v) => s + v.assigned, 0)).toBe(values.length);
    const revenue = results.metrics.find((m) => m.name === 'revenue')!.variants;
    for (const v of revenue) {
      const own = values.filter((_, i) => ['A', 'B'][assignVariant(test.id, `legacy-${i}`, [50, 50])] === v.variant);
      // The offsets from 1e12 are exact binary fractions: their moments are the exact reference.
      const offsets = describeMoments(momentsOf(own.map((x) => x - 1e12)));
      expect(v.n).toBe(own.length);
      expect(v.mean - 1e12).toBeCloseTo(offsets.mean, 3);
      // Exact again (the plain sums alone are off by whole units of variance at 1e12).
      expect(Math.abs(v.sd ** 2 - offsets.variance)).toBeLessThan(1e-9 * offsets.variance);
    }
  });
});
