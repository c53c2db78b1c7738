import { describe, expect, it } from 'vitest';
import { type Bucket, chooseWidth, mergeBuckets, sharedGrid, smoothEma, withEndpoints } from './downsample';

const point = (step: number, value: number): Bucket => ({
  step,
  timestamp: step * 10,
  value,
  min: value,
  max: value,
  count: 1,
});

describe('chooseWidth', () => {
  it('reads raw points when the range is short', () => {
    expect(chooseWidth(0, 15_999, 1000)).toBe(1);
  });
  it('picks the finest rollup that stays within 16 rows per bucket', () => {
    expect(chooseWidth(0, 16_000, 1000)).toBe(128);
    expect(chooseWidth(0, 999_999, 1000)).toBe(128);
    expect(chooseWidth(0, 2_048_000, 1000)).toBe(8192);
    expect(chooseWidth(0, 100_000_000, 1000)).toBe(8192);
  });
});

describe('sharedGrid', () => {
  it('sizes buckets from the whole range, so 6,400 and 6,401 steps share one width', () => {
    expect(sharedGrid(0, 6_399, 1000)).toEqual({ readWidth: 1, gridWidth: 7 });
    expect(sharedGrid(0, 6_400, 1000)).toEqual({ readWidth: 1, gridWidth: 7 });
    expect(sharedGrid(0, 500, 1000)).toEqual({ readWidth: 1, gridWidth: 1 });
  });
  it('builds on a rollup with a grid width that is a multiple of it, within maxBuckets', () => {
    for (const [from, to] of [
      [0, 999_999],
      [5, 20_000],
      [0, 3_000_000],
      [-7, 100_000_000],
    ] as const) {
      const { readWidth, gridWidth } = sharedGrid(from, to, 1000);
      expect(readWidth).toBe(chooseWidth(from, to, 1000));
      expect(gridWidth % readWidth).toBe(0);
      expect(Math.floor(to / gridWidth) - Math.floor(from / gridWidth) + 1).toBeLessThanOrEqual(1000);
    }
    expect(sharedGrid(0, 999_999, 1000)).toEqual({ readWidth: 128, gridWidth: 1024 });
  });
});

describe('mergeBuckets', () => {
  it('keeps every point in exactly one bucket, with the true min, max and last value', () => {
    const input = Array.from({ length: 10 }, (_, i) => point(i, i % 2 === 0 ? i : -i));
    const out = mergeBuckets(input, 3);
    expect(out).toHaveLength(3);
    expect(out.reduce((s, b) => s + b.count, 0)).toBe(10);
    expect(out[0]).toMatchObject({ step: 3, value: -3, min: -3, max: 2, count: 4 });
    expect(out[2]).toMatchObject({ step: 9, value: -9, min: -9, max: 8, count: 2 });
  });
  it('leaves short series untouched', () => {
    const input = [point(0, 1), point(1, 2)];
    expect(mergeBuckets(input, 1000)).toBe(input);
  });
  it('a spike survives in the envelope however coarse the buckets', () => {
    const input = Array.from({ length: 1000 }, (_, i) => point(i, i === 517 ? 99 : 0));
    const out = mergeBuckets(input, 10);
    expect(Math.max(...out.map((b) => b.max ?? -Infinity))).toBe(99);
  });
});

describe('withEndpoints', () => {
  it('starts at the first point and ends at the last point', () => {
    const merged: Bucket[] = [{ step: 15, timestamp: 150, value: 1, min: 0, max: 2, count: 16 }];
    const out = withEndpoints(merged, point(0, 5), point(20, 7));
    expect(out.map((b) => b.step)).toEqual([0, 15, 20]);
  });
});

describe('smoothEma', () => {
  it('is debiased: a constant series stays constant from the first point', () => {
    expect(smoothEma([3, 3, 3], 0.9).map((v) => Number(v.toFixed(12)))).toEqual([3, 3, 3]);
  });
  it('matches the hand-computed debiased EMA', () => {
    // w = 0.5: acc1 = 0.5 → 0.5/0.5 = 1; acc2 = 0.25 + 1.5 = 1.75 → 1.75/0.75
    const [a, b] = smoothEma([1, 3], 0.5);
    expect(a).toBeCloseTo(1, 12);
    expect(b).toBeCloseTo(1.75 / 0.75, 12);
  });
  it('weight 0 returns the raw values', () => {
    expect(smoothEma([1, 5, 2], 0)).toEqual([1, 5, 2]);
  });
});
