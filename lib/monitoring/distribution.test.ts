import { describe, expect, it } from 'vitest';
import { OTHER_CATEGORY, categoricalDistribution, numericDistribution } from './distribution';

const sum = (xs: number[]) => xs.reduce((s, x) => s + x, 0);

describe('numericDistribution', () => {
  it('bins both windows over the pooled range, as shares', () => {
    const d = numericDistribution([0, 1, 2, 3], [2, 3, 4, 4], 4);
    expect(d.bins.map((b) => b.label)).toEqual(['0–1', '1–2', '2–3', '3–4']);
    expect(d.bins.map((b) => b.reference)).toEqual([0.25, 0.25, 0.25, 0.25]);
    expect(d.bins.map((b) => b.current)).toEqual([0, 0, 0.25, 0.75]);
  });

  it('copes with a constant feature and an empty window', () => {
    expect(numericDistribution([5, 5], [5], 4).bins).toEqual([{ label: '5', reference: 1, current: 1 }]);
    expect(numericDistribution([], [], 4).bins).toEqual([]);
    expect(sum(numericDistribution([1, 2, 3], [], 3).bins.map((b) => b.current))).toBe(0);
  });
});

describe('categoricalDistribution', () => {
  it('orders categories by pooled share and folds the tail into (other)', () => {
    const ref = ['a', 'a', 'b', 'c', 'd', 'e'];
    const cur = ['a', 'b', 'b', 'b', 'f', 'f'];
    const d = categoricalDistribution(ref, cur, 3);
    expect(d.bins.map((b) => b.label)).toEqual(['b', 'a', OTHER_CATEGORY]);
    expect(sum(d.bins.map((b) => b.reference))).toBeCloseTo(1, 12);
    expect(sum(d.bins.map((b) => b.current))).toBeCloseTo(1, 12);
    expect(d.bins[2]!.current).toBeCloseTo(2 / 6, 12);
  });

  it('counts booleans and numbers as their text', () => {
    expect(categoricalDistribution([true, 'true', 1], ['1']).bins).toEqual([
      { label: '1', reference: 1 / 3, current: 1 },
      { label: 'true', reference: 2 / 3, current: 0 },
    ]);
  });
});
