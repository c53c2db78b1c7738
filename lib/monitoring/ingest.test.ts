import { describe, expect, it } from 'vitest';
import type { FeatureKind } from '@/lib/stats/drift';
import {
  BatchError,
  MAX_BATCH_ROWS,
  SAMPLE_SHARDS,
  parseActualsBatch,
  parsePredictionBatch,
  parseTimestamp,
  sampleKeyOf,
} from './ingest';

const row = (i: number, extra: Record<string, unknown> = {}) => ({
  id: `p-${i}`,
  timestamp: '2024-05-01T10:00:00Z',
  features: { age: 30 + i, city: 'Oslo' },
  prediction: 'yes',
  ...extra,
});
const none = new Map<string, FeatureKind>();

function messageOf(fn: () => unknown): string {
  try {
    fn();
  } catch (err) {
    if (err instanceof BatchError) return err.message;
    throw err;
  }
  throw new Error('expected a BatchError');
}

describe('parseTimestamp', () => {
  it.each([
    ['2024-05-01T10:00:00Z', '2024-05-01T10:00:00.000Z'],
    ['2024-05-01T10:00:00.123456Z', '2024-05-01T10:00:00.123Z'],
    ['2024-05-01T12:00:00+02:00', '2024-05-01T10:00:00.000Z'],
    ['2024-05-01T12:00:00+0200', '2024-05-01T10:00:00.000Z'],
    ['2024-05-01 10:00:00', '2024-05-01T10:00:00.000Z'],
    ['2024-05-01T10:00', '2024-05-01T10:00:00.000Z'],
    ['2024-05-01', '2024-05-01T00:00:00.000Z'],
  ])('reads ISO 8601 %s (no offset means UTC)', (input, iso) => {
    expect(parseTimestamp(input)?.toISOString()).toBe(iso);
  });

  it('reads epoch milliseconds', () => {
    expect(parseTimestamp(1714557600000)?.toISOString()).toBe('2024-05-01T10:00:00.000Z');
  });

  it.each([
    ['yesterday'],
    ['2024-13-01'],
    ['2024-02-30'],
    ['2023-02-29T00:00:00Z'],
    ['2024-05-01T25:00:00Z'],
    [''],
    [-1],
    [1e20],
    [null],
    [true],
    [{}],
  ])('refuses %s', (input) => {
    expect(parseTimestamp(input)).toBeNull();
  });
});

describe('parsePredictionBatch', () => {
  it('accepts a bare array or {rows} and infers new feature kinds from the first non-null value', () => {
    const body = [row(0, { features: { age: null, city: 'Oslo' } }), row(1, { actual: 'no' })];
    for (const input of [body, { rows: body }, { predictions: body }]) {
      const { rows, newFeatures } = parsePredictionBatch(input, none);
      expect(rows).toHaveLength(2);
      expect(rows[0]).toMatchObject({
        id: 'p-0',
        features: { age: null, city: 'Oslo' },
        prediction: 'yes',
        actual: null,
      });
      expect(rows[1]!.actual).toBe('no');
      expect(rows[0]!.ts.toISOString()).toBe('2024-05-01T10:00:00.000Z');
      expect(Object.fromEntries(newFeatures)).toEqual({ age: 'numeric', city: 'categorical' });
    }
  });

  it('names the row and field of the first problem', () => {
    const rows = Array.from({ length: 20 }, (_, i) => row(i));
    rows[17] = row(17, { timestamp: 'last tuesday' });
    expect(messageOf(() => parsePredictionBatch(rows, none))).toBe(
      'rows[17].timestamp: Expected an ISO 8601 time or epoch ms',
    );
    expect(messageOf(() => parsePredictionBatch([row(0, { id: '' })], none))).toBe(
      'rows[0].id: Expected a non-empty string or an integer.',
    );
    expect(messageOf(() => parsePredictionBatch([row(0), row(1, { prediction: undefined })], none))).toMatch(
      /^rows\[1\]\.prediction: Required/,
    );
    expect(messageOf(() => parsePredictionBatch([row(0, { features: [1, 2] })], none))).toMatch(
      /^rows\[0\]\.features: Expected an object/,
    );
    expect(messageOf(() => parsePredictionBatch([row(0, { features: { x: { nested: 1 } } })], none))).toBe(
      'rows[0].features.x: Expected a number, string or boolean.',
    );
    expect(messageOf(() => parsePredictionBatch(['nope'], none))).toMatch(/^rows\[0\]: Expected an object/);
  });

  it('keeps a numeric feature numeric, within the batch and against the model', () => {
    expect(messageOf(() => parsePredictionBatch([row(0), row(1, { features: { age: 'old' } })], none))).toBe(
      'rows[1].features.age: Expected a number or null: age is a numeric feature of this model.',
    );
    const known = new Map<string, FeatureKind>([['age', 'numeric']]);
    expect(messageOf(() => parsePredictionBatch([row(0, { features: { age: '31' } })], known))).toMatch(
      /^rows\[0\]\.features\.age: Expected a number/,
    );
    // categorical features take any scalar (a zip code sent as a number once is still a category)
    const cat = new Map<string, FeatureKind>([['city', 'categorical']]);
    expect(parsePredictionBatch([row(0, { features: { city: 98101 } })], cat).newFeatures.size).toBe(0);
  });

  it('refuses empty and oversized batches as a whole', () => {
    expect(messageOf(() => parsePredictionBatch([], none))).toBe('rows: Send at least one row.');
    expect(messageOf(() => parsePredictionBatch({ rows: 'x' }, none))).toMatch(/^rows: Send a JSON array/);
    const big = Array.from({ length: MAX_BATCH_ROWS + 1 }, (_, i) => row(i));
    expect(messageOf(() => parsePredictionBatch(big, none))).toBe(
      'rows: A batch holds at most 10000 rows; this one has 10001. Split it.',
    );
    expect(parsePredictionBatch(big.slice(0, MAX_BATCH_ROWS), none).rows).toHaveLength(MAX_BATCH_ROWS);
  });

  it('accepts integer ids as strings', () => {
    expect(parsePredictionBatch([row(0, { id: 42 })], none).rows[0]!.id).toBe('42');
    expect(messageOf(() => parsePredictionBatch([row(0, { id: 1.5 })], none))).toMatch(/^rows\[0\]\.id/);
  });
});

describe('parseActualsBatch', () => {
  it('accepts repeats with the same label and refuses conflicting ones', () => {
    expect(
      parseActualsBatch([
        { id: 'a', actual: 1 },
        { id: 'a', actual: 1 },
      ]),
    ).toHaveLength(2);
    expect(
      messageOf(() =>
        parseActualsBatch([
          { id: 'a', actual: 1 },
          { id: 'b', actual: 0 },
          { id: 'a', actual: 0 },
        ]),
      ),
    ).toBe('rows[2].id: Duplicate id "a" with a different actual than rows[0].');
    expect(messageOf(() => parseActualsBatch([{ id: 'a' }]))).toMatch(/^rows\[0\]\.actual: Required/);
  });
});

describe('sampleKeyOf', () => {
  it('is stable and spreads ids evenly over the shards', () => {
    expect(sampleKeyOf('p-1')).toBe(sampleKeyOf('p-1'));
    const counts = new Array<number>(8).fill(0);
    for (let i = 0; i < 80_000; i++) counts[Math.floor((sampleKeyOf(`user-${i}`) / SAMPLE_SHARDS) * 8)]!++;
    // each eighth holds 10,000 ± 4 % (a χ² test would pass; this is the plain-language version)
    for (const c of counts) expect(Math.abs(c - 10_000)).toBeLessThan(400);
  });
});
