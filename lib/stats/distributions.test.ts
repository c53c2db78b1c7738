import { describe, expect, it } from 'vitest';
import { chiSquareSf, normalQuantile, normalTwoSidedP, tQuantile, tTwoSidedP } from './distributions';

describe('distribution wrappers over @stdlib', () => {
  it('R: qnorm(0.975) = 1.959964, 2 * pnorm(-1.96) = 0.04999579', () => {
    expect(normalQuantile(0.975)).toBeCloseTo(1.959963984540054, 12);
    expect(normalTwoSidedP(1.96)).toBeCloseTo(0.04999579, 8);
    expect(normalTwoSidedP(-1.96)).toBeCloseTo(0.04999579, 8);
  });

  it('R: qt(0.975, 10) = 2.228139, 2 * pt(-2.228139, 10) = 0.05', () => {
    expect(tQuantile(0.975, 10)).toBeCloseTo(2.228139, 6);
    expect(tTwoSidedP(2.228138851986274, 10)).toBeCloseTo(0.05, 10);
  });

  it('R: pchisq(3.841459, 1, lower.tail = FALSE) = 0.05; the tail is 1 at or below 0', () => {
    expect(chiSquareSf(3.841458820694124, 1)).toBeCloseTo(0.05, 10);
    expect(chiSquareSf(0, 3)).toBe(1);
  });
});
