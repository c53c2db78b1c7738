import { describe, expect, it } from 'vitest';
import { chiSquareGoodnessOfFit, chiSquareHomogeneity } from './chi2';

const relClose = (actual: number, expected: number, rel: number) =>
  expect(Math.abs(actual - expected)).toBeLessThanOrEqual(rel * Math.abs(expected));

describe('chiSquareHomogeneity', () => {
  it('SciPy chi2_contingency docstring 2×3: statistic 2.7777777777777777, p 0.24935220877729619, dof 2', () => {
    const res = chiSquareHomogeneity([
      [10, 10, 20],
      [20, 20, 20],
    ]);
    expect(res.statistic).toBeCloseTo(2.7777777777777777, 12);
    expect(res.df).toBe(2);
    relClose(res.p_value, 0.24935220877729619, 1e-10);
  });

  it('R ?chisq.test (Agresti 2007, gender × party): X-squared = 30.07, df = 2, p-value = 2.954e-07', () => {
    const res = chiSquareHomogeneity([
      [762, 327, 468],
      [484, 239, 477],
    ]);
    expect(res.statistic).toBeCloseTo(30.07, 2);
    expect(res.df).toBe(2);
    relClose(res.p_value, 2.954e-7, 2e-4);
  });

  it('R ?prop.test smokers as a 2×4 table: X-squared = 12.6, df = 3, p-value = 0.005585', () => {
    const smokers = [83, 90, 129, 70];
    const patients = [86, 93, 136, 82];
    const res = chiSquareHomogeneity([smokers, smokers.map((s, i) => patients[i]! - s)]);
    expect(res.statistic).toBeCloseTo(12.6, 1);
    expect(res.df).toBe(3);
    relClose(res.p_value, 0.005585, 2e-4);
  });

  it('R prop.test(c(30, 50, 40), c(100, 100, 100)): X-squared = 8.3333, df = 2, p = 0.015503853599009314', () => {
    const res = chiSquareHomogeneity([
      [30, 50, 40],
      [70, 50, 60],
    ]);
    expect(res.statistic).toBeCloseTo(8.3333333333333339, 10);
    relClose(res.p_value, 0.015503853599009314, 1e-10);
  });

  it('drops categories that no row uses, and returns p = 1 when nothing varies', () => {
    const withEmpty = chiSquareHomogeneity([
      [10, 0, 10, 20],
      [20, 0, 20, 20],
    ]);
    expect(withEmpty.df).toBe(2);
    expect(withEmpty.statistic).toBeCloseTo(2.7777777777777777, 12);
    expect(chiSquareHomogeneity([[5], [7]])).toEqual({ statistic: 0, df: 0, p_value: 1 });
  });

  it('rejects ragged or negative tables', () => {
    expect(() => chiSquareHomogeneity([[1, 2], [3]])).toThrow(RangeError);
    expect(() =>
      chiSquareHomogeneity([
        [1, -2],
        [3, 4],
      ]),
    ).toThrow(RangeError);
  });
});

describe('chiSquareGoodnessOfFit', () => {
  it('SciPy chisquare docstring: chisquare([16, 18, 16, 14, 12, 12]) → (2.0, 0.84914503608460956)', () => {
    const res = chiSquareGoodnessOfFit([16, 18, 16, 14, 12, 12], [1, 1, 1, 1, 1, 1]);
    expect(res.statistic).toBeCloseTo(2, 12);
    expect(res.df).toBe(5);
    relClose(res.p_value, 0.84914503608460956, 1e-10);
  });

  it('SciPy chisquare docstring with f_exp=[16, 16, 16, 16, 16, 8] → (3.5, 0.62338762774958223)', () => {
    const res = chiSquareGoodnessOfFit([16, 18, 16, 14, 12, 12], [16, 16, 16, 16, 16, 8]);
    expect(res.statistic).toBeCloseTo(3.5, 12);
    relClose(res.p_value, 0.62338762774958223, 1e-10);
  });

  it('R ?chisq.test: x <- c(A = 20, B = 15, C = 25) → X-squared = 2.5, df = 2, p-value = 0.2865', () => {
    const res = chiSquareGoodnessOfFit([20, 15, 25], [1, 1, 1]);
    expect(res.statistic).toBeCloseTo(2.5, 12);
    relClose(res.p_value, 0.28650479686019009, 1e-10);
  });

  it('R ?chisq.test: x <- c(89,37,30,28,2), p <- c(.40,.20,.20,.19,.01) → 5.7947085455574419, p 0.21501309592078605', () => {
    const res = chiSquareGoodnessOfFit([89, 37, 30, 28, 2], [0.4, 0.2, 0.2, 0.19, 0.01]);
    expect(res.statistic).toBeCloseTo(5.7947085455574419, 10);
    expect(res.df).toBe(4);
    relClose(res.p_value, 0.21501309592078605, 1e-9);
  });

  it('rescales proportions like rescale.p = TRUE: p = c(40,20,20,19,1) is the same test', () => {
    const res = chiSquareGoodnessOfFit([89, 37, 30, 28, 2], [40, 20, 20, 19, 1]);
    expect(res.statistic).toBeCloseTo(5.7947085455574419, 10);
  });

  it('rejects zero proportions and mismatched lengths', () => {
    expect(() => chiSquareGoodnessOfFit([1, 2], [1, 0])).toThrow(RangeError);
    expect(() => chiSquareGoodnessOfFit([1, 2, 3], [1, 1])).toThrow(RangeError);
  });
});
