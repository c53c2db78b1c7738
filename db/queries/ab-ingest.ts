import { and, asc, eq, sql } from 'drizzle-orm';
import {
  type AbEvent,
  EventBatchError,
  type UpsertedUnit,
  foldUnitValues,
  parseEventBatch,
  sumsDeltas,
  totalDeltas,
} from '@/lib/ab-tests/events';
import type { DailyExposures, DailySums } from '@/lib/ab-tests/lift-series';
import { DomainError, conflict, notFound } from '@/lib/errors';
import { assignVariant } from '@/lib/stats';
import type { Db } from '../client';
import { rowsOf } from '../rows';
import { abExposures, abMetricDaily, abTestVariants, abTests } from '../schema';
import { getAbTestConfig } from './ab-tests';

// The serving path of an A/B test: assignment with exposure logging, and outcome events folded into
// per-unit values and running sums in one transaction per batch.

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export type Assignment = { variant: string; version: number };

/**
 * The unit's variant: the hash of (test id, unit id) against the weights while the test runs — sticky
 * without any lookup — and then its exposure, recorded once. Outside the running window nothing is
 * recorded and everyone gets the shipped variant (after "Ship") or the control (draft, or stopped
 * without shipping), so a serving path that keeps calling never breaks.
 */
export async function assignUnit(
  db: Db,
  projectId: string,
  testId: string,
  unitId: string,
  at?: Date,
): Promise<Assignment> {
  if (!UUID.test(testId)) throw notFound(`A/B test ${testId.slice(0, 40)}`);
  // One round trip for the test and its variants: this sits in front of every prediction.
  const rows = await db
    .select({
      status: abTests.status,
      shipped: abTests.shippedVariant,
      key: abTestVariants.key,
      version: abTestVariants.version,
      weight: abTestVariants.weight,
    })
    .from(abTests)
    .innerJoin(abTestVariants, eq(abTestVariants.testId, abTests.id))
    .where(and(eq(abTests.id, testId), eq(abTests.projectId, projectId)))
    .orderBy(asc(abTestVariants.position));
  if (rows.length === 0) throw notFound(`A/B test ${testId}`);
  const { status, shipped } = rows[0]!;
  if (status !== 'running') {
    const fixed = rows.find((r) => r.key === shipped) ?? rows[0]!;
    return { variant: fixed.key, version: fixed.version };
  }
  const chosen =
    rows[
      assignVariant(
        testId,
        unitId,
        rows.map((r) => r.weight),
      )
    ]!;
  await recordExposures(db, testId, [{ unitId, variant: chosen.key, at: at ?? new Date() }]);
  return { variant: chosen.key, version: chosen.version };
}

/**
 * Inserts exposures once per (test, unit) and counts the new ones into their variant's `assigned`, in one
 * statement. The commit waits for the WAL flush like every other write: an acknowledged exposure is never lost.
 */
export async function recordExposures(
  db: Db,
  testId: string,
  exposures: readonly { unitId: string; variant: string; at: Date }[],
) {
  if (exposures.length === 0) return;
  await db.execute(sql`
    with ins as (
      insert into ab_exposures (test_id, unit_id, variant, exposed_at)
      select ${testId}::uuid, u, v, t
      from unnest(${sql.param(exposures.map((e) => e.unitId))}::text[], ${sql.param(exposures.map((e) => e.variant))}::text[], ${sql.param(exposures.map((e) => e.at.toISOString()))}::text[]::timestamptz[]) as x(u, v, t)
      on conflict (test_id, unit_id) do nothing
      returning variant
    ),
    counted as (select variant, count(*)::bigint as n from ins group by variant)
    update ab_test_variants tv set assigned = tv.assigned + counted.n
    from counted where tv.test_id = ${testId}::uuid and tv.key = counted.variant
  `);
}

/**
 * Stores a batch of outcome events, all or nothing. Each event's variant is its unit's sticky assignment,
 * computed by the same hash, so events of units that never called assign are still attributed, and such a
 * unit is recorded as exposed (at its first event in the batch): a unit that reports an outcome was served,
 * and every exposed unit counts in the metrics' denominators. The hash follows the weights, so the SRM
 * check stays valid for these units too.
 */
export async function recordAbEvents(
  db: Db,
  projectId: string,
  testId: string,
  body: unknown,
): Promise<{ accepted: number; units: number }> {
  const config = await getAbTestConfig(db, projectId, testId);
  const kinds = new Map(config.metrics.map((m) => [m.name, m.kind]));
  let events: AbEvent[];
  try {
    events = parseEventBatch(body, kinds);
  } catch (err) {
    if (err instanceof EventBatchError) throw new DomainError('invalid', err.message, err.field ?? undefined);
    throw err;
  }
  const weights = config.variants.map((v) => v.weight);
  const memo = new Map<string, string>();
  const variantOf = (unitId: string) => {
    let key = memo.get(unitId);
    if (key === undefined) {
      key = config.variants[assignVariant(testId, unitId, weights)]!.key;
      memo.set(unitId, key);
    }
    return key;
  };
  const units = foldUnitValues(events, kinds, variantOf);
  const conversions = config.metrics.filter((m) => m.kind === 'conversion').map((m) => m.name);
  await db.transaction(async (tx) => {
    // A share lock: batches run side by side, but a stop or ship waits for them (and they for it).
    const [locked] = await tx
      .select({ status: abTests.status })
      .from(abTests)
      .where(eq(abTests.id, testId))
      .for('share');
    if (locked?.status !== 'running') {
      throw conflict(
        locked?.status === 'draft'
          ? 'The test has not started yet: start it before sending events.'
          : 'The test is stopped: it accepts no more events.',
      );
    }
    const result = await tx.execute(sql`
      with ev as (
        insert into ab_events (test_id, unit_id, metric, variant, value, occurred_at)
        select ${testId}::uuid, u, m, v, x, t
        from unnest(${sql.param(events.map((e) => e.unitId))}::text[], ${sql.param(events.map((e) => e.metric))}::text[],
                    ${sql.param(events.map((e) => variantOf(e.unitId)))}::text[], ${sql.param(events.map((e) => e.value))}::float8[],
                    ${sql.param(events.map((e) => e.at.toISOString()))}::text[]::timestamptz[]) as e(u, m, v, x, t)
      )
      insert into ab_unit_values as uv (test_id, unit_id, metric, variant, value)
      select ${testId}::uuid, u, m, v, x
      from unnest(${sql.param(units.map((u) => u.unitId))}::text[], ${sql.param(units.map((u) => u.metric))}::text[],
                  ${sql.param(units.map((u) => u.variant))}::text[], ${sql.param(units.map((u) => u.value))}::float8[]) as p(u, m, v, x)
      on conflict (test_id, unit_id, metric) do update set
        value = case when uv.metric = any(${sql.param(conversions)}::text[]) then greatest(uv.value, excluded.value) else uv.value + excluded.value end
      where not (uv.metric = any(${sql.param(conversions)}::text[]) and uv.value >= excluded.value)
      returning uv.unit_id as "unitId", uv.metric, uv.value, (uv.xmax = 0) as inserted
    `);
    const firstSeen = new Map<string, Date>();
    for (const e of events) {
      const seen = firstSeen.get(e.unitId);
      if (!seen || e.at < seen) firstSeen.set(e.unitId, e.at);
    }
    await recordExposures(
      tx,
      testId,
      [...firstSeen]
        .sort(([a], [b]) => (a < b ? -1 : 1))
        .map(([unitId, at]) => ({ unitId, variant: variantOf(unitId), at })),
    );
    const deltas = sumsDeltas(rowsOf<UpsertedUnit>(result), units, kinds);
    if (deltas.length === 0) return;
    const totals = totalDeltas(deltas);
    const col = <T, K extends keyof T>(rows: readonly T[], k: K) => sql.param(rows.map((d) => d[k]));
    // An addition around its own shift K' is re-expressed around the row's K (kept from the first batch):
    // Σ(v − K) = s1 + n·d and Σ(v − K)² = s2 + 2·d·s1 + n·d², d = K' − K.
    await tx.execute(sql`
      with totals as (
        insert into ab_metric_sums as t (test_id, variant, metric, n, shift, s1, s2)
        select ${testId}::uuid, variant, metric, n, k, s1, s2
        from unnest(${col(totals, 'variant')}::text[], ${col(totals, 'metric')}::text[], ${col(totals, 'n')}::bigint[], ${col(totals, 'shift')}::float8[], ${col(totals, 's1')}::float8[], ${col(totals, 's2')}::float8[])
          as d(variant, metric, n, k, s1, s2)
        order by variant, metric
        on conflict (test_id, variant, metric) do update set
          n = t.n + excluded.n,
          s1 = t.s1 + excluded.s1 + excluded.n * (excluded.shift - t.shift),
          s2 = t.s2 + excluded.s2 + 2 * (excluded.shift - t.shift) * excluded.s1 + excluded.n * (excluded.shift - t.shift) * (excluded.shift - t.shift)
      )
      insert into ab_metric_daily as a (test_id, metric, day, variant, n, shift, s1, s2)
      select ${testId}::uuid, metric, day, variant, n, k, s1, s2
      from unnest(${col(deltas, 'variant')}::text[], ${col(deltas, 'metric')}::text[], ${col(deltas, 'day')}::text[]::date[], ${col(deltas, 'n')}::bigint[], ${col(deltas, 'shift')}::float8[], ${col(deltas, 's1')}::float8[], ${col(deltas, 's2')}::float8[])
        as d(variant, metric, day, n, k, s1, s2)
      order by metric, day, variant
      on conflict (test_id, metric, day, variant) do update set
        n = a.n + excluded.n,
        s1 = a.s1 + excluded.s1 + excluded.n * (excluded.shift - a.shift),
        s2 = a.s2 + excluded.s2 + 2 * (excluded.shift - a.shift) * excluded.s1 + excluded.n * (excluded.shift - a.shift) * (excluded.shift - a.shift)
    `);
  });
  return { accepted: events.length, units: new Set(events.map((e) => e.unitId)).size };
}

/** The per-day additions of one metric, for the cumulative-lift chart. */
export async function getAbTestDaily(db: Db, testId: string, metric: string): Promise<DailySums[]> {
  const rows = await db
    .select()
    .from(abMetricDaily)
    .where(and(eq(abMetricDaily.testId, testId), eq(abMetricDaily.metric, metric)))
    .orderBy(asc(abMetricDaily.day), asc(abMetricDaily.variant));
  return rows.map((r) => ({ day: r.day, variant: r.variant, n: r.n, shift: r.shift, s1: r.s1, s2: r.s2 }));
}

/** Units exposed per UTC day and variant: the cumulative-lift chart's denominators. */
export async function getAbTestDailyExposures(db: Db, testId: string): Promise<DailyExposures[]> {
  const day = sql<string>`to_char(${abExposures.exposedAt} at time zone 'UTC', 'YYYY-MM-DD')`;
  return db
    .select({ day, variant: abExposures.variant, n: sql<number>`count(*)::int` })
    .from(abExposures)
    .where(eq(abExposures.testId, testId))
    .groupBy(day, abExposures.variant);
}
