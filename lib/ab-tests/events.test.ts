import { describe, expect, it } from 'vitest';
import type { MetricKind } from '@/lib/stats';
import {
  type ShiftedSums,
  addShiftedSums,
  describeMoments,
  emptyShiftedSums,
  momentsFromShiftedSums,
  momentsOf,
} from '@/lib/stats';
import {
  type AbEvent,
  EventBatchError,
  type UpsertedUnit,
  foldUnitValues,
  parseEventBatch,
  sumsDeltas,
} from './events';

const kinds = new Map<string, MetricKind>([
  ['revenue', 'continuous'],
  ['converted', 'conversion'],
]);
const NOW = Date.parse('2025-06-01T12:00:00Z');

function refusal(body: unknown): EventBatchError {
  try {
    parseEventBatch(body, kinds, NOW);
  } catch (err) {
    if (err instanceof EventBatchError) return err;
    throw err;
  }
  throw new Error('the batch was accepted');
}

describe('parseEventBatch', () => {
  it('accepts unit ids as strings or integers and defaults the timestamp to now', () => {
    const events = parseEventBatch(
      [
        { unit_id: ' u1 ', metric: 'revenue', value: -2.5 },
        { unit_id: 42, metric: 'converted', value: 1, timestamp: '2025-05-31T08:00:00Z' },
        { unit_id: 'u3', metric: 'converted', value: 0, timestamp: NOW - 1000 },
      ],
      kinds,
      NOW,
    );
    expect(events).toEqual([
      { unitId: 'u1', metric: 'revenue', value: -2.5, at: new Date(NOW) },
      { unitId: '42', metric: 'converted', value: 1, at: new Date('2025-05-31T08:00:00Z') },
      { unitId: 'u3', metric: 'converted', value: 0, at: new Date(NOW - 1000) },
    ]);
  });

  it.each([
    [[{ unit_id: 'a', metric: 'revenue', value: 1 }, null], 1, null, /^Event 1: is not an object/],
    [[{ unit_id: '', metric: 'revenue', value: 1 }], 0, 'unit_id', /non-empty string/],
    [[{ unit_id: 1.5, metric: 'revenue', value: 1 }], 0, 'unit_id', /non-empty string/],
    [
      [{ unit_id: 'a', metric: 'clicks', value: 1 }],
      0,
      'metric',
      /'clicks' is not a metric of this test \(it has revenue, converted\)/,
    ],
    [[{ unit_id: 'a', value: 1 }], 0, 'metric', /name of one of the test’s metrics/],
    [[{ unit_id: 'a', metric: 'revenue' }], 0, 'value', /finite number/],
    [
      [{ unit_id: 'a', metric: 'converted', value: 2 }],
      0,
      'value',
      /must be 0 or 1 for the conversion metric 'converted' \(got 2\)/,
    ],
    [[{ unit_id: 'a', metric: 'revenue', value: 1.35e154 }], 0, 'value', /within ±1\.34e154 \(its square must fit/],
    [[{ unit_id: 'a', metric: 'revenue', value: -1e155 }], 0, 'value', /within ±1\.34e154/],
    [[{ unit_id: 'a', metric: 'revenue', value: 1, timestamp: 'yesterday' }], 0, 'timestamp', /ISO 8601/],
    [[{ unit_id: 'a', metric: 'revenue', value: 1, timestamp: NOW + 3_600_000 }], 0, 'timestamp', /future/],
  ])('names the row and field of a bad event (%j)', (body, index, field, message) => {
    const err = refusal(body);
    expect(err.index).toBe(index);
    expect(err.field).toBe(field);
    expect(err.message).toMatch(message);
  });

  it('refuses a body that is not an array, an empty batch and more than 10,000 events', () => {
    expect(refusal({ events: [] }).message).toMatch(/JSON array/);
    expect(refusal([]).message).toMatch(/empty/);
    expect(
      refusal(Array.from({ length: 10_001 }, () => ({ unit_id: 'a', metric: 'revenue', value: 1 }))).message,
    ).toMatch(/at most 10,000 events; this one has 10,001/);
    expect(
      parseEventBatch(
        Array.from({ length: 10_000 }, () => ({ unit_id: 'a', metric: 'revenue', value: 1 })),
        kinds,
        NOW,
      ),
    ).toHaveLength(10_000);
  });
});

describe('foldUnitValues', () => {
  it('sums a unit’s continuous values, keeps a conversion at its maximum, and dates it by the latest event', () => {
    const at = (d: string) => new Date(`${d}T10:00:00Z`);
    const events: AbEvent[] = [
      { unitId: 'b', metric: 'revenue', value: 3, at: at('2025-01-02') },
      { unitId: 'a', metric: 'converted', value: 1, at: at('2025-01-01') },
      { unitId: 'b', metric: 'revenue', value: 4, at: at('2025-01-01') },
      { unitId: 'a', metric: 'converted', value: 0, at: at('2025-01-03') },
    ];
    expect(foldUnitValues(events, kinds, (u) => (u === 'a' ? 'A' : 'B'))).toEqual([
      { unitId: 'a', metric: 'converted', variant: 'A', value: 1, day: '2025-01-03' },
      { unitId: 'b', metric: 'revenue', variant: 'B', value: 7, day: '2025-01-02' },
    ]);
  });
});

describe('sumsDeltas', () => {
  // The database's upsert, in memory: continuous values add, conversions rise to 1, unchanged rows are not reported.
  function upsert(store: Map<string, number>, units: ReturnType<typeof foldUnitValues>): UpsertedUnit[] {
    const out: UpsertedUnit[] = [];
    for (const u of units) {
      const key = `${u.unitId}\u0000${u.metric}`;
      const old = store.get(key);
      if (old === undefined) {
        store.set(key, u.value);
        out.push({ unitId: u.unitId, metric: u.metric, value: u.value, inserted: true });
      } else if (kinds.get(u.metric) === 'conversion') {
        if (old < u.value) {
          store.set(key, u.value);
          out.push({ unitId: u.unitId, metric: u.metric, value: u.value, inserted: false });
        }
      } else {
        store.set(key, old + u.value);
        out.push({ unitId: u.unitId, metric: u.metric, value: old + u.value, inserted: false });
      }
    }
    return out;
  }

  it('keeps running sums equal to the sums of the final per-unit values over many batches', () => {
    let seed = 7;
    const rand = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const store = new Map<string, number>();
    const totals = new Map<string, ShiftedSums>();
    const variantOf = (u: string) => (Number(u.slice(1)) % 2 ? 'B' : 'A');
    for (let b = 0; b < 40; b++) {
      const events: AbEvent[] = Array.from({ length: 25 }, () => {
        const metric = rand() < 0.5 ? 'revenue' : 'converted';
        const value = metric === 'revenue' ? Math.round(rand() * 2000) / 100 : rand() < 0.3 ? 1 : 0;
        return { unitId: `u${Math.floor(rand() * 30)}`, metric, value, at: new Date(Date.UTC(2025, 0, 1 + (b % 5))) };
      });
      const units = foldUnitValues(events, kinds, variantOf);
      for (const d of sumsDeltas(upsert(store, units), units, kinds)) {
        const key = `${d.variant}/${d.metric}`;
        totals.set(key, addShiftedSums(totals.get(key) ?? emptyShiftedSums(), d));
      }
    }
    for (const [key, t] of totals) {
      const [variant, metric] = key.split('/');
      const values = [...store]
        .filter(([k]) => k.endsWith(`\u0000${metric}`) && variantOf(k.split('\u0000')[0]!) === variant)
        .map(([, v]) => v);
      const expected = describeMoments(momentsOf(values));
      const got = describeMoments(momentsFromShiftedSums(t));
      expect(got.n, key).toBe(expected.n);
      expect(got.mean, key).toBeCloseTo(expected.mean, 10);
      expect(got.variance, key).toBeCloseTo(expected.variance, 10);
    }
    expect(totals.size).toBe(4);
  });
});
