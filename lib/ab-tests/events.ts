import { type MetricKind, type ShiftedSums, addShiftedSums, emptyShiftedSums, momentsOf } from '@/lib/stats';
import { MAX_UNIT_ID_LENGTH } from './definition';

// Outcome events: checking a batch, folding it into per-unit values, and turning what the database
// changed into additions to the running shifted sums (n, Σ(v − K), Σ(v − K)²) of each variant and metric.

export const MAX_EVENTS_PER_BATCH = 10_000;
// Clocks drift; an event a little ahead of the server is still accepted.
const FUTURE_TOLERANCE_MS = 5 * 60_000;
/** The largest magnitude whose square is still a finite double (√Number.MAX_VALUE ≈ 1.34e154). */
export const MAX_ABS_VALUE = Math.sqrt(Number.MAX_VALUE);

export type AbEvent = { unitId: string; metric: string; value: number; at: Date };

/** A refused batch: which row and which field, so the client can fix exactly that. */
export class EventBatchError extends Error {
  constructor(
    readonly index: number | null,
    readonly field: string | null,
    message: string,
  ) {
    super(index === null ? message : `Event ${index}${field ? ` field '${field}'` : ''}: ${message}`);
    this.name = 'EventBatchError';
  }
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** A unit id is a non-empty string (or an integer, taken as its decimal string). */
export function parseUnitId(raw: unknown): string | null {
  if (typeof raw === 'number' && Number.isSafeInteger(raw)) return String(raw);
  if (typeof raw !== 'string') return null;
  const id = raw.trim();
  return id.length > 0 && id.length <= MAX_UNIT_ID_LENGTH ? id : null;
}

function parseTimestamp(raw: unknown, now: number): Date | string {
  if (raw === undefined || raw === null) return new Date(now);
  const ms = typeof raw === 'number' ? raw : typeof raw === 'string' ? Date.parse(raw) : Number.NaN;
  // Beyond ±8.64e15 ms a JavaScript Date is invalid, and writing it would throw.
  if (!Number.isFinite(ms) || Math.abs(ms) > 8.64e15) return 'must be an ISO 8601 date-time or epoch milliseconds';
  if (ms > now + FUTURE_TOLERANCE_MS) return 'lies in the future';
  return new Date(ms);
}

/**
 * Checks a whole batch before anything is written (all or nothing): every row needs unit_id, a metric of
 * the test and a finite value (0 or 1 for conversion metrics); `timestamp` is optional (default: now).
 */
export function parseEventBatch(body: unknown, kinds: ReadonlyMap<string, MetricKind>, now = Date.now()): AbEvent[] {
  if (!Array.isArray(body))
    throw new EventBatchError(null, null, 'Send a JSON array of events [{"unit_id", "metric", "value"}].');
  if (body.length === 0) throw new EventBatchError(null, null, 'The batch is empty: send at least one event.');
  if (body.length > MAX_EVENTS_PER_BATCH) {
    throw new EventBatchError(
      null,
      null,
      `A batch holds at most ${MAX_EVENTS_PER_BATCH.toLocaleString('en-US')} events; this one has ${body.length.toLocaleString('en-US')}. Split it.`,
    );
  }
  return body.map((row, index) => {
    if (!isRecord(row)) throw new EventBatchError(index, null, 'is not an object {"unit_id", "metric", "value"}');
    const unitId = parseUnitId(row.unit_id);
    if (unitId === null)
      throw new EventBatchError(
        index,
        'unit_id',
        `must be a non-empty string of at most ${MAX_UNIT_ID_LENGTH} characters`,
      );
    if (typeof row.metric !== 'string')
      throw new EventBatchError(index, 'metric', 'must be the name of one of the test’s metrics');
    const kind = kinds.get(row.metric);
    if (!kind)
      throw new EventBatchError(
        index,
        'metric',
        `'${row.metric.slice(0, 100)}' is not a metric of this test (it has ${[...kinds.keys()].join(', ')})`,
      );
    const value = row.value;
    if (typeof value !== 'number' || !Number.isFinite(value))
      throw new EventBatchError(index, 'value', 'must be a finite number');
    // The variance needs v², which is Infinity past this: one such value would turn every statistic into NaN.
    if (Math.abs(value) > MAX_ABS_VALUE)
      throw new EventBatchError(
        index,
        'value',
        `must lie within ±1.34e154 (its square must fit a double; got ${value})`,
      );
    if (kind === 'conversion' && value !== 0 && value !== 1) {
      throw new EventBatchError(
        index,
        'value',
        `must be 0 or 1 for the conversion metric '${row.metric}' (got ${value})`,
      );
    }
    const at = parseTimestamp(row.timestamp, now);
    if (typeof at === 'string') throw new EventBatchError(index, 'timestamp', at);
    return { unitId, metric: row.metric, value, at };
  });
}

export type UnitValue = { unitId: string; metric: string; variant: string; value: number; day: string };

export const utcDay = (d: Date) => d.toISOString().slice(0, 10);

/**
 * One value per unit and metric, as GrowthBook analyses them: a continuous metric sums the unit's
 * values, a conversion metric is 1 once the unit has converted. The day is the unit's latest event's.
 */
export function foldUnitValues(
  events: readonly AbEvent[],
  kinds: ReadonlyMap<string, MetricKind>,
  variantOf: (unitId: string) => string,
): UnitValue[] {
  const byKey = new Map<string, UnitValue>();
  for (const e of events) {
    const key = `${e.unitId}\u0000${e.metric}`;
    const day = utcDay(e.at);
    const prev = byKey.get(key);
    if (!prev) {
      byKey.set(key, { unitId: e.unitId, metric: e.metric, variant: variantOf(e.unitId), value: e.value, day });
      continue;
    }
    prev.value = kinds.get(e.metric) === 'conversion' ? Math.max(prev.value, e.value) : prev.value + e.value;
    if (day > prev.day) prev.day = day;
  }
  // A stable order keeps concurrent batches locking rows in the same sequence.
  return [...byKey.values()].sort((a, b) =>
    a.unitId < b.unitId ? -1 : a.unitId > b.unitId ? 1 : a.metric < b.metric ? -1 : a.metric > b.metric ? 1 : 0,
  );
}

/** What the per-unit upsert reported for one row: the unit's value after it, and whether the row is new. */
export type UpsertedUnit = { unitId: string; metric: string; value: number; inserted: boolean };
export type SumsDelta = ShiftedSums & { variant: string; metric: string; day: string };

/**
 * Additions to the running shifted sums from the rows the upsert changed, per variant, metric and day, each
 * around the mean of its new values (a pivot near the data keeps the squares small). A new unit adds v. A
 * known unit of a continuous metric went from v − x to v (x = this batch's part): n is unchanged, Σ(v − K)
 * gains x and Σ(v − K)² gains (v − K)² − (v − x − K)². A conversion row is only reported when it went from
 * 0 to 1, the same replacement with x = 1.
 */
export function sumsDeltas(
  changed: readonly UpsertedUnit[],
  incoming: readonly UnitValue[],
  kinds: ReadonlyMap<string, MetricKind>,
): SumsDelta[] {
  const sent = new Map(incoming.map((u) => [`${u.unitId}\u0000${u.metric}`, u]));
  const groups = new Map<string, { u: UnitValue; row: UpsertedUnit }[]>();
  for (const row of changed) {
    const u = sent.get(`${row.unitId}\u0000${row.metric}`);
    if (!u) continue;
    const key = `${u.variant}\u0000${u.metric}\u0000${u.day}`;
    groups.set(key, [...(groups.get(key) ?? []), { u, row }]);
  }
  const out: SumsDelta[] = [];
  for (const rows of groups.values()) {
    const { variant, metric, day } = rows[0]!.u;
    const shift = momentsOf(rows.map((r) => r.row.value)).mean;
    const d: SumsDelta = { variant, metric, day, n: 0, shift, s1: 0, s2: 0 };
    for (const { u, row } of rows) {
      const now = row.value - shift;
      if (row.inserted) {
        d.n += 1;
        d.s1 += now;
        d.s2 += now * now;
        continue;
      }
      const added = kinds.get(row.metric) === 'conversion' ? 1 : u.value;
      const before = now - added;
      d.s1 += added;
      d.s2 += added * (now + before);
    }
    out.push(d);
  }
  return out.sort((a, b) =>
    `${a.variant}\u0000${a.metric}\u0000${a.day}` < `${b.variant}\u0000${b.metric}\u0000${b.day}` ? -1 : 1,
  );
}

/** The day deltas of each variant and metric added up: what the all-time row of running sums gains. */
export function totalDeltas(deltas: readonly SumsDelta[]): (ShiftedSums & { variant: string; metric: string })[] {
  const out = new Map<string, ShiftedSums & { variant: string; metric: string }>();
  for (const d of deltas) {
    const key = `${d.variant}\u0000${d.metric}`;
    const { n, shift, s1, s2 } = addShiftedSums(out.get(key) ?? emptyShiftedSums(), d);
    out.set(key, { variant: d.variant, metric: d.metric, n, shift, s1, s2 });
  }
  return [...out.values()];
}
