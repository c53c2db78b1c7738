import { describe, expect, it } from 'vitest';
import {
  describeMoments,
  describeSums,
  fromSumStats,
  mergeMoments,
  mergeSumStats,
  momentsOf,
  sumStatsOf,
  toSumStats,
} from './summary';

// R's sleep data set, extra hours by group
const sleep1 = [0.7, -1.6, -0.2, -1.2, -0.1, 3.4, 3.7, 0.8, 0.0, 2.0];
const sleep2 = [1.9, 0.8, 1.1, 0.1, -0.1, 4.4, 5.5, 1.6, 4.6, 3.4];

describe('describeMoments / describeSums', () => {
  it('R: mean(extra[group == 1]) = 0.75, var = 3.200556; group 2: 2.33 and 4.009', () => {
    const g1 = describeMoments(momentsOf(sleep1));
    expect(g1.mean).toBeCloseTo(0.75, 12);
    expect(g1.variance).toBeCloseTo(3.200556, 6);
    expect(g1.sd).toBeCloseTo(1.78901, 6);
    const g2 = describeSums(sumStatsOf(sleep2));
    expect(g2.mean).toBeCloseTo(2.33, 12);
    expect(g2.variance).toBeCloseTo(4.009, 10);
  });

  it('handles empty and single-value summaries without NaN', () => {
    expect(describeSums({ n: 0, sum: 0, sumSquares: 0 })).toEqual({ n: 0, mean: 0, variance: 0, sd: 0 });
    expect(describeMoments(momentsOf([5]))).toEqual({ n: 1, mean: 5, variance: 0, sd: 0 });
  });
});

describe('numerical soundness (Wikipedia, "Algorithms for calculating variance")', () => {
  const shifted = (offset: number) => [4, 7, 13, 16].map((v) => offset + v);

  it('Welford keeps the variance of 10⁹ + (4, 7, 13, 16) at 30, where the naive sums give −170.67', () => {
    expect(describeMoments(momentsOf(shifted(1e9))).variance).toBeCloseTo(30, 6);
    const naive = sumStatsOf(shifted(1e9));
    const naiveVariance = (naive.sumSquares - (naive.sum * naive.sum) / naive.n) / (naive.n - 1);
    expect(naiveVariance).toBeCloseTo(-170.66666666666666, 6);
    // the sums path never reports a negative variance; it clamps at 0
    expect(describeSums(naive).variance).toBeGreaterThanOrEqual(0);
  });

  it('Chan et al. merging of two halves equals one pass over everything', () => {
    const a = momentsOf(shifted(1e9).slice(0, 2));
    const b = momentsOf(shifted(1e9).slice(2));
    const merged = describeMoments(mergeMoments(a, b));
    expect(merged.mean).toBeCloseTo(1e9 + 10, 4);
    expect(merged.variance).toBeCloseTo(30, 6);
    expect(mergeMoments(momentsOf([]), a)).toBe(a);
  });

  it('sum stats merge by addition and round-trip through moments', () => {
    const all = mergeSumStats(sumStatsOf(sleep1), sumStatsOf(sleep2));
    expect(all.n).toBe(20);
    expect(describeSums(all).mean).toBeCloseTo(1.54, 12);
    const back = toSumStats(fromSumStats(all));
    expect(back.sum).toBeCloseTo(all.sum, 10);
    expect(back.sumSquares).toBeCloseTo(all.sumSquares, 10);
  });
});
