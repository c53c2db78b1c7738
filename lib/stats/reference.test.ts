// Edge cases checked against SciPy: every expected number comes from lib/stats/fixtures/reference.json, which
// scripts/stats-reference.py writes (SciPy's answers, and Newcombe's published table), never from this code.
import { describe, expect, it } from 'vitest';
import { checkSrm, compareVariants, guardrailFailed } from './ab';
import { chiSquareSf } from './distributions';
import reference from './fixtures/reference.json';
import { ksAsymptoticPValue, ksTwoSample } from './ks';
import { newcombeInterval } from './proportions';
import { type Moments, addShiftedSums, describeMoments, momentsFromShiftedSums, shiftedSumsOf } from './summary';

const close = (actual: number | null | undefined, expected: number, relative = 1e-9) => {
  expect(actual).not.toBeNull();
  expect(Math.abs(actual! - expected)).toBeLessThanOrEqual(relative * Math.abs(expected));
};

/** The values stored the way ingestion stores them: batches around their own pivots, added up. */
function stored(values: readonly number[]): Moments {
  const half = Math.ceil(values.length / 2);
  return momentsFromShiftedSums(
    addShiftedSums(shiftedSumsOf(values.slice(0, half)), shiftedSumsOf(values.slice(half), values[values.length - 1])),
  );
}

const conv = (x: number, n: number): Moments => ({ n, mean: x / n, m2: (x * (n - x)) / n });

describe('SRM minimum on the total traffic (GrowthBook: 8 × arms)', () => {
  it('flags 300 vs 3 at a 50/50 split with SciPy’s chisquare p = 2.8e-65', () => {
    const ref = reference.srm_300_vs_3;
    const res = checkSrm(ref.observed, [50, 50]);
    close(res.chi2, ref.chi2, 1e-12);
    close(res.p_value, ref.p_value, 1e-9);
    expect(res).toMatchObject({ flagged: true, enough_traffic: true, note: null });
  });
});

describe('numerically stable aggregates match scipy.stats.ttest_ind(equal_var=False)', () => {
  it.each(['near_1e12', 'near_one'] as const)('%s: mean, variance, t, df, p and CI', (name) => {
    const ref = reference.welch[name];
    const c = stored(ref.control);
    const t = stored(ref.treatment);
    close(describeMoments(c).variance, ref.control_stats.variance, 1e-6);
    close(describeMoments(t).variance, ref.treatment_stats.variance, 1e-6);
    const res = compareVariants(c, t, 'continuous');
    close(res.statistic, ref.statistic, 1e-6);
    close(res.df, ref.df, 1e-6);
    close(res.p_value, ref.p_value, 1e-6);
    close(res.absolute!.ci[0], ref.ci[0]!, 1e-6);
    close(res.absolute!.ci[1], ref.ci[1]!, 1e-6);
    expect(res.note).toBeNull();
  });

  it('two constant non-integer arms (9.99 vs 12.99): zero variance, no t, no interval, and says so', () => {
    const ref = reference.constant_arms;
    expect(ref.control_stats.variance).toBe(0);
    const res = compareVariants(stored(ref.control), stored(ref.treatment), 'continuous');
    expect(res.control.sd).toBe(0);
    expect(res.treatment.sd).toBe(0);
    expect(res).toMatchObject({ statistic: null, p_value: null, absolute: null, relative: null, significant: false });
    expect(res.note).toMatch(/zero variance/);
  });
});

describe('relative lift is (μT − μC)/|μC|', () => {
  it('is positive when a negative control mean rises, with the delta-method CI', () => {
    const ref = reference.welch.negative_control;
    const res = compareVariants(stored(ref.control), stored(ref.treatment), 'continuous');
    expect(res.relative!.estimate).toBeGreaterThan(0);
    close(res.relative!.estimate, ref.relative.estimate, 1e-9);
    close(res.relative!.se, ref.relative.se, 1e-9);
    close(res.relative!.ci[0], ref.relative.ci[0]!, 1e-6);
    close(res.relative!.ci[1], ref.relative.ci[1]!, 1e-6);
  });
});

describe('conversion intervals never collapse', () => {
  it.each(reference.newcombe.map((c) => [`${c.x_t}/${c.n_t} − ${c.x_c}/${c.n_c}`, c] as const))(
    'Newcombe’s score interval for %s matches SciPy’s Wilson intervals combined (and the published table)',
    (_label, c) => {
      const [lo, hi] = newcombeInterval(c.x_t, c.n_t, c.x_c, c.n_c);
      expect(lo).toBeCloseTo(c.scipy[0]!, 10);
      expect(hi).toBeCloseTo(c.scipy[1]!, 10);
      expect(hi).toBeGreaterThan(lo);
      if (c.published) {
        expect(lo).toBeCloseTo(c.published[0]!, 4);
        expect(hi).toBeCloseTo(c.published[1]!, 4);
      }
    },
  );

  it('0% vs 0% and 100% vs 100% get a real interval; n = 1 gets no test; no guardrail fails on either', () => {
    for (const [x, n] of [
      [0, 2],
      [2, 2],
      [0, 50],
      [50, 50],
    ] as const) {
      const res = compareVariants(conv(x, n), conv(x, n), 'conversion');
      expect(res.absolute!.ci[1] - res.absolute!.ci[0]).toBeGreaterThan(0.1);
      expect(guardrailFailed(res, 'increase')).toBe(false);
      expect(guardrailFailed(res, 'decrease')).toBe(false);
    }
    const single = compareVariants(conv(0, 1), conv(1, 1), 'conversion');
    expect(single).toMatchObject({ statistic: null, absolute: null, note: expect.stringMatching(/at least 2 units/) });
    expect(guardrailFailed(single, 'decrease')).toBe(false);
  });
});

describe('χ² p-values are upper tails', () => {
  it.each(reference.chi2_sf.map((c) => [c.x, c.df, c.sf] as const))(
    'P(χ²(%s, df %s)) = SciPy chi2.sf = %s',
    (x, df, sf) => close(chiSquareSf(x, df), sf, 1e-9),
  );
});

describe('KS is exact when the approximation lands near 0.05', () => {
  it('1000 vs 1001 rows: SciPy’s exact p 0.0498 (drift), where Stephens’ approximation says 0.0501', () => {
    const ref = reference.ks_1000_vs_1001;
    const res = ksTwoSample(ref.x, ref.y);
    close(res.statistic, ref.statistic, 1e-12);
    expect(ksAsymptoticPValue(res.statistic, 1000, 1001)).toBeGreaterThan(0.05);
    close(ksAsymptoticPValue(res.statistic, 1000, 1001), ref.stephens_p, 1e-6);
    expect(res.method).toBe('exact');
    close(res.p_value, ref.exact_p, 1e-9);
    expect(res.p_value).toBeLessThan(0.05);
  });
});
