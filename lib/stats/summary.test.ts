import { describe, expect, it } from 'vitest';
import {
  addShiftedSums,
  describeMoments,
  mergeMoments,
  momentsFromShiftedSums,
  momentsOf,
  shiftedSumsOf,
} from './summary';

// R's sleep data set, extra hours by group
const sleep1 = [0.7, -1.6, -0.2, -1.2, -0.1, 3.4, 3.7, 0.8, 0.0, 2.0];
const sleep2 = [1.9, 0.8, 1.1, 0.1, -0.1, 4.4, 5.5, 1.6, 4.6, 3.4];

describe('describeMoments', () => {
  it('R: mean(extra[group == 1]) = 0.75, var = 3.200556; group 2: 2.33 and 4.009', () => {
    const g1 = describeMoments(momentsOf(sleep1));
    expect(g1.mean).toBeCloseTo(0.75, 12);
    expect(g1.variance).toBeCloseTo(3.200556, 6);
    expect(g1.sd).toBeCloseTo(1.78901, 6);
    const g2 = describeMoments(momentsFromShiftedSums(shiftedSumsOf(sleep2)));
    expect(g2.mean).toBeCloseTo(2.33, 12);
    expect(g2.variance).toBeCloseTo(4.009, 10);
  });

  it('handles empty and single-value summaries without NaN', () => {
    expect(describeMoments(momentsFromShiftedSums({ n: 0, shift: 0, s1: 0, s2: 0 }))).toEqual({
      n: 0,
      mean: 0,
      variance: 0,
      sd: 0,
    });
    expect(describeMoments(momentsOf([5]))).toEqual({ n: 1, mean: 5, variance: 0, sd: 0 });
  });
});

describe('numerical soundness (Wikipedia, "Algorithms for calculating variance")', () => {
  const shifted = (offset: number) => [4, 7, 13, 16].map((v) => offset + v);

  it('Welford keeps the variance of 10⁹ + (4, 7, 13, 16) at 30, where the naive sums give −170.67', () => {
    expect(describeMoments(momentsOf(shifted(1e9))).variance).toBeCloseTo(30, 6);
    const plain = shiftedSumsOf(shifted(1e9), 0);
    expect((plain.s2 - (plain.s1 * plain.s1) / plain.n) / (plain.n - 1)).toBeCloseTo(-170.66666666666666, 6);
    // around a pivot near the data the same sums are exact
    expect(describeMoments(momentsFromShiftedSums(shiftedSumsOf(shifted(1e9), 1e9 + 4))).variance).toBe(30);
  });

  it('Chan et al. merging of two halves equals one pass over everything', () => {
    const a = momentsOf(shifted(1e9).slice(0, 2));
    const b = momentsOf(shifted(1e9).slice(2));
    const merged = describeMoments(mergeMoments(a, b));
    expect(merged.mean).toBeCloseTo(1e9 + 10, 4);
    expect(merged.variance).toBeCloseTo(30, 6);
    expect(mergeMoments(momentsOf([]), a)).toBe(a);
  });

  it('shifted sums around different pivots add up to the sums of everything', () => {
    const all = addShiftedSums(shiftedSumsOf(sleep1), shiftedSumsOf(sleep2));
    const d = describeMoments(momentsFromShiftedSums(all));
    expect(d.n).toBe(20);
    expect(d.mean).toBeCloseTo(1.54, 12);
    expect(d.variance).toBeCloseTo(describeMoments(momentsOf([...sleep1, ...sleep2])).variance, 12);
  });
});
