import { describe, expect, it } from 'vitest';
import { type AbComparison, checkSrm, compareVariants, guardrailFailed, liftVerdict } from './ab';
import { type Moments, momentsOf } from './summary';

const sleep1 = [0.7, -1.6, -0.2, -1.2, -0.1, 3.4, 3.7, 0.8, 0.0, 2.0];
const sleep2 = [1.9, 0.8, 1.1, 0.1, -0.1, 4.4, 5.5, 1.6, 4.6, 3.4];
// gbstats tests/frequentist/test_tests.py fixtures (control = stat_a, treatment = stat_b)
const fromSums = (n: number, sum: number, sumSquares: number): Moments => ({
  n,
  mean: sum / n,
  m2: sumSquares - (sum * sum) / n,
});
const gbControl = fromSums(3407, 1396.87, 52377.9767);
const gbTreatment = fromSums(3461, 2422.7, 134698.29);
/** x converted units out of n, as 0/1 moments. */
const conv = (x: number, n: number): Moments => ({ n, mean: n ? x / n : 0, m2: n ? (x * (n - x)) / n : 0 });

describe('compareVariants — continuous (Welch)', () => {
  it('R: t.test(extra ~ group, data = sleep) gives t = -1.8608, df = 17.776, p-value = 0.07939', () => {
    const res = compareVariants(momentsOf(sleep2), momentsOf(sleep1), 'continuous');
    expect(res.test).toBe('welch_t');
    expect(res.statistic).toBeCloseTo(-1.860813, 6);
    expect(res.df).toBeCloseTo(17.77647, 5);
    expect(res.p_value).toBeCloseTo(0.07939, 5);
    // 95 percent confidence interval: -3.3654832  0.2054832
    expect(res.absolute!.estimate).toBeCloseTo(-1.58, 12);
    expect(res.absolute!.ci[0]).toBeCloseTo(-3.3654832, 6);
    expect(res.absolute!.ci[1]).toBeCloseTo(0.2054832, 6);
    expect(res.significant).toBe(false);
    expect(res.control.n).toBe(10);
    expect(res.control.mean).toBeCloseTo(2.33, 12);
  });

  it('gbstats absolute TwoSidedTTest: 0.29, CI (0.04538, 0.53462), SE 0.12478, p 0.02016', () => {
    const res = compareVariants(gbControl, gbTreatment, 'continuous');
    expect(res.absolute!.estimate).toBeCloseTo(0.29, 5);
    expect(res.absolute!.ci[0]).toBeCloseTo(0.04538, 5);
    expect(res.absolute!.ci[1]).toBeCloseTo(0.53462, 5);
    expect(res.absolute!.se).toBeCloseTo(0.12478, 5);
    expect(res.p_value).toBeCloseTo(0.02016, 5);
    expect(res.significant).toBe(true);
  });

  it('gbstats relative (delta method): 0.70732, SE 0.37879, CI (-0.03526, 1.44989)', () => {
    const rel = compareVariants(gbControl, gbTreatment, 'continuous').relative!;
    expect(rel.estimate).toBeCloseTo(0.70732, 5);
    expect(rel.se).toBeCloseTo(0.37879, 5);
    expect(rel.ci[0]).toBeCloseTo(-0.03526, 5);
    expect(rel.ci[1]).toBeCloseTo(1.44989, 5);
  });

  it('returns null statistics for arms too small or constant to test', () => {
    const tiny = compareVariants(momentsOf([1]), momentsOf([2, 3]), 'continuous');
    expect(tiny).toMatchObject({ statistic: null, p_value: null, absolute: null, significant: false });
    const flat = compareVariants(momentsOf([2, 2, 2]), momentsOf([2, 2]), 'continuous');
    expect(flat.p_value).toBeNull();
    expect(compareVariants(momentsOf([0, 0, 0]), momentsOf([1, 2, 3]), 'continuous').relative).toBeNull();
  });
});

describe('compareVariants — conversion (two-proportion z)', () => {
  it('R prop.test(c(30, 50), c(100, 100), correct = FALSE): p 0.0038924171227786306', () => {
    const res = compareVariants(conv(50, 100), conv(30, 100), 'conversion');
    expect(res.test).toBe('two_proportion_z');
    expect(res.statistic! ** 2).toBeCloseTo(8.3333333333333339, 10);
    expect(res.p_value).toBeCloseTo(0.0038924171227786306, 12);
    expect(res.treatment).toMatchObject({ n: 100, mean: 0.3 });
    expect(res.treatment.sd).toBeCloseTo(Math.sqrt(0.21), 12);
  });

  it('gbstats binomial relative lift: 14/28 → 16/30 gives 0.06667 with delta-method SE 0.2717', () => {
    const res = compareVariants(conv(14, 28), conv(16, 30), 'conversion');
    expect(res.relative!.estimate).toBeCloseTo(0.06667, 5);
    expect(res.relative!.se).toBeCloseTo(0.2717, 4);
    // normal quantile here (GrowthBook uses t with Welch df for proportions too, hence its wider CI)
    expect(res.relative!.ci[1] - res.relative!.estimate).toBeCloseTo(1.959964 * res.relative!.se, 6);
  });

  it('handles empty arms without throwing, and rejects impossible counts', () => {
    expect(compareVariants(conv(0, 0), conv(3, 10), 'conversion').p_value).toBeNull();
  });
});

describe('guardrails and verdicts', () => {
  const withCi = (lo: number, hi: number, significant: boolean): AbComparison => ({
    test: 'welch_t',
    control: { n: 100, mean: 1, sd: 1 },
    treatment: { n: 100, mean: 1, sd: 1 },
    statistic: 1,
    df: 100,
    p_value: significant ? 0.01 : 0.5,
    absolute: { estimate: (lo + hi) / 2, se: 1, ci: [lo, hi] },
    relative: null,
    significant,
    note: null,
  });

  it('fails a guardrail only when the whole CI is on the harmful side', () => {
    expect(guardrailFailed(withCi(-0.5, -0.1, true), 'increase')).toBe(true);
    expect(guardrailFailed(withCi(-0.5, 0.1, false), 'increase')).toBe(false);
    expect(guardrailFailed(withCi(0.1, 0.5, true), 'decrease')).toBe(true);
    expect(guardrailFailed(withCi(0.1, 0.5, true), 'increase')).toBe(false);
  });

  it('reads the verdict by the metric direction', () => {
    expect(liftVerdict(withCi(0.1, 0.5, true), 'increase')).toBe('better');
    expect(liftVerdict(withCi(0.1, 0.5, true), 'decrease')).toBe('worse');
    expect(liftVerdict(withCi(-0.1, 0.5, false), 'increase')).toBe('inconclusive');
  });
});

describe('checkSrm', () => {
  it('R ?chisq.test c(A = 20, B = 15, C = 25) against an even split: X-squared 2.5, p 0.2865 → not flagged', () => {
    const res = checkSrm([20, 15, 25], [1, 1, 1]);
    expect(res.chi2).toBeCloseTo(2.5, 12);
    expect(res.p_value).toBeCloseTo(0.28650479686019009, 10);
    expect(res.flagged).toBe(false);
  });

  it('flags p < 0.001 against the configured weights', () => {
    // 50/50 configured, 5000 vs 5400 seen: χ² = 2·200²/5200
    const res = checkSrm([5000, 5400], [50, 50]);
    expect(res.chi2).toBeCloseTo((2 * 200 ** 2) / 5200, 10);
    expect(res.p_value).toBeLessThan(0.001);
    expect(res.flagged).toBe(true);
    // the same counts fit a 48/52 split
    expect(checkSrm([5000, 5400], [48, 52]).flagged).toBe(false);
  });

  it('does not flag below 8 units per arm in total, and says there is not enough traffic', () => {
    const early = checkSrm([1, 14], [1, 1]);
    expect(early.p_value).toBeLessThan(0.001);
    expect(early).toMatchObject({ flagged: false, enough_traffic: false });
    expect(early.note).toMatch(/Not enough traffic .* 15 units assigned, the check starts at 16/);
    expect(checkSrm([1, 15], [1, 1])).toMatchObject({ flagged: true, enough_traffic: true, note: null });
  });
});
