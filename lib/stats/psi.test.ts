import { describe, expect, it } from 'vitest';
import { binCounts, categoryCounts, psiBand, psiCategorical, psiFromShares, psiNumeric, quantileEdges } from './psi';

describe('psiFromShares', () => {
  it('equals KL(p‖q) + KL(q‖p): fair vs 90/10 coin, from the scipy.stats.entropy docstring values', () => {
    // SciPy docs: entropy([1/2, 1/2], [9/10, 1/10], base=2) = 0.7369655941662062 and
    // entropy([9/10, 1/10], base=2) = 0.46899559358928117, so KL(q‖p) = (1 − 0.46899559358928117) bits.
    const expected = Math.LN2 * (0.7369655941662062 + (1 - 0.46899559358928117));
    expect(psiFromShares([0.5, 0.5], [0.9, 0.1])).toBeCloseTo(expected, 12);
    // closed form: 0.4·ln(9/5) + 0.4·ln 5 = 0.4·ln 9
    expect(psiFromShares([0.5, 0.5], [0.9, 0.1])).toBeCloseTo(0.4 * Math.log(9), 12);
  });

  it('is symmetric and zero for identical shares', () => {
    expect(psiFromShares([0.2, 0.3, 0.5], [0.5, 0.3, 0.2])).toBeCloseTo(
      psiFromShares([0.5, 0.3, 0.2], [0.2, 0.3, 0.5]),
      12,
    );
    expect(psiFromShares([0.2, 0.8], [0.2, 0.8])).toBe(0);
  });

  it("fills an empty bin with Evidently's 0.0001", () => {
    const expected = (0.4 - 0.5) * Math.log(0.4 / 0.5) + (0.1 - 0.0001) * Math.log(0.1 / 0.0001);
    expect(psiFromShares([0.5, 0.5, 0], [0.5, 0.4, 0.1])).toBeCloseTo(expected, 12);
  });

  it('uses (smallest share)/10⁶ when the smallest non-zero share is already ≤ 0.0001', () => {
    const ref = [0.99995, 0.00005, 0];
    const cur = [0.9, 0.05, 0.05];
    const fill = 0.00005 / 1e6;
    const expected =
      (0.9 - 0.99995) * Math.log(0.9 / 0.99995) +
      (0.05 - 0.00005) * Math.log(0.05 / 0.00005) +
      (0.05 - fill) * Math.log(0.05 / fill);
    expect(psiFromShares(ref, cur)).toBeCloseTo(expected, 10);
  });
});

describe('psiBand', () => {
  it('maps < 0.1 stable, 0.1–0.2 moderate, ≥ 0.2 significant', () => {
    expect(psiBand(0.0999)).toBe('stable');
    expect(psiBand(0.1)).toBe('moderate');
    expect(psiBand(0.1999)).toBe('moderate');
    expect(psiBand(0.2)).toBe('significant');
  });
});

describe('numeric binning', () => {
  it("cuts at numpy's linear quantiles: np.quantile(np.arange(1, 101), 0.1) = 10.9", () => {
    const edges = quantileEdges(Array.from({ length: 100 }, (_, i) => i + 1));
    expect(edges).toHaveLength(9);
    expect(edges[0]).toBeCloseTo(10.9, 12);
    expect(edges[8]).toBeCloseTo(90.1, 12);
  });

  it('merges tied quantiles and counts into right-closed, open-ended bins', () => {
    const ref = [...Array<number>(60).fill(0), ...Array.from({ length: 40 }, (_, i) => i + 1)];
    const edges = quantileEdges(ref);
    expect(edges[0]).toBe(0);
    expect(new Set(edges).size).toBe(edges.length);
    expect(binCounts([-5, 0, 0.5, 1e9], [0, 1])).toEqual([2, 1, 1]);
  });

  it('gives 0 for the same sample and a significant PSI for a shifted one', () => {
    const ref = Array.from({ length: 1000 }, (_, i) => (Math.sin(i * 12.9898) * 43758.5453) % 1);
    expect(psiNumeric(ref, ref).psi).toBe(0);
    const shifted = psiNumeric(
      ref,
      ref.map((v) => v + 0.5),
    );
    expect(shifted.band).toBe('significant');
    expect(shifted.bins).toHaveLength(10);
    expect(shifted.reference_shares.reduce((s, v) => s + v, 0)).toBeCloseTo(1, 12);
  });
});

describe('categorical PSI', () => {
  it('bins by the union of categories', () => {
    const counts = categoryCounts(['a', 'a', 'b'], ['b', 'c']);
    expect(counts).toEqual({ categories: ['a', 'b', 'c'], reference: [2, 1, 0], current: [0, 1, 1] });
  });

  it('computes PSI over category shares', () => {
    const ref = [...Array<string>(50).fill('x'), ...Array<string>(50).fill('y')];
    const cur = [...Array<string>(90).fill('x'), ...Array<string>(10).fill('y')];
    const res = psiCategorical(ref, cur);
    expect(res.psi).toBeCloseTo(0.4 * Math.log(9), 12);
    expect(res.band).toBe('significant');
  });
});
