import { and, asc, eq, sql } from 'drizzle-orm';
import {
  type AbEvent,
  EventBatchError,
  type UpsertedUnit,
  foldUnitValues,
  parseEventBatch,
  sumsDeltas,
} from '@/lib/ab-tests/events';
import type { DailySums } from '@/lib/ab-tests/lift-series';
import { DomainError, conflict, notFound } from '@/lib/errors';
import { assignVariant } from '@/lib/stats';
import type { Db } from '../client';
import { rowsOf } from '../rows';
import { abMetricDaily, abTestVariants, abTests } from '../schema';
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
 * computed by the same hash, so events of units that never called assign are still attributed; they do
 * not count as exposures, which stay what the serving path actually routed (the SRM check's input).
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
    const deltas = sumsDeltas(rowsOf<UpsertedUnit>(result), units, kinds);
    if (deltas.length === 0) return;
    const col = <K extends keyof (typeof deltas)[number]>(k: K) => sql.param(deltas.map((d) => d[k]));
    await tx.execute(sql`
      with d as (
        select * from unnest(${col('variant')}::text[], ${col('metric')}::text[], ${col('day')}::text[]::date[], ${col('n')}::bigint[], ${col('sum')}::float8[], ${col('sumSquares')}::float8[])
          as d(variant, metric, day, n, s, ss)
      ),
      totals as (
        insert into ab_metric_sums as t (test_id, variant, metric, n, sum, sum_squares)
        select ${testId}::uuid, variant, metric, sum(n), sum(s), sum(ss) from d group by variant, metric order by variant, metric
        on conflict (test_id, variant, metric) do update set
          n = t.n + excluded.n, sum = t.sum + excluded.sum, sum_squares = t.sum_squares + excluded.sum_squares
      )
      insert into ab_metric_daily as a (test_id, metric, day, variant, n, sum, sum_squares)
      select ${testId}::uuid, metric, day, variant, n, s, ss from d order by metric, day, variant
      on conflict (test_id, metric, day, variant) do update set
        n = a.n + excluded.n, sum = a.sum + excluded.sum, sum_squares = a.sum_squares + excluded.sum_squares
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
  return rows.map((r) => ({ day: r.day, variant: r.variant, n: r.n, sum: r.sum, sumSquares: r.sumSquares }));
}
