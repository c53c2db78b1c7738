import { chiSquareGoodnessOfFit } from './chi2';
import { normalQuantile, tQuantile, tTwoSidedP } from './distributions';
import { twoProportionZTest } from './proportions';
import { type SumStats, describeSums } from './summary';

/**
 * Frequentist A/B comparison of one treatment against the control, GrowthBook-style, from summary
 * statistics only (so the service can aggregate in SQL).
 *
 * - continuous metrics: Welch's t-test (unequal variances) with Welch–Satterthwaite df — the same
 *   test as R's t.test default and GrowthBook's TwoSidedTTest. Absolute lift CI = Δ ± t(1−α/2, df)·SE.
 * - conversion metrics (each unit converts or not; `sum` = converting units): the pooled
 *   two-proportion z-test (R prop.test(correct = FALSE)), Wald CI with the normal quantile.
 * - relative lift (μ_T/μ_C − 1) gets the delta-method variance GrowthBook documents:
 *   Var ≈ σ_T²/(n_T μ_C²) + μ_T² σ_C²/(n_C μ_C⁴), with the same quantile as the absolute CI
 *   (t with Welch df for continuous, z for conversion). Undefined when the control mean is 0.
 * - `p_value` and `significant` come from the absolute test (GrowthBook reports the p-value of the
 *   relative t-statistic instead; the two differ slightly, and the absolute one is the textbook test
 *   a reader can reproduce in R). α = 0.05 two-sided by default.
 */

export type MetricKind = 'continuous' | 'conversion';
/** The direction that is good for the business: 'increase' for revenue, 'decrease' for latency. */
export type MetricDirection = 'increase' | 'decrease';
export type Interval = [number, number];
export type Lift = { estimate: number; se: number; ci: Interval };
export type ArmSummary = { n: number; mean: number; sd: number };

export type AbComparison = {
  test: 'welch_t' | 'two_proportion_z';
  control: ArmSummary;
  treatment: ArmSummary;
  /** t or z; null when the arms are too small or constant to test. */
  statistic: number | null;
  /** Welch–Satterthwaite degrees of freedom (t-test only). */
  df: number | null;
  p_value: number | null;
  absolute: Lift | null;
  relative: Lift | null;
  significant: boolean;
};

export type SrmResult = { chi2: number; df: number; p_value: number; flagged: boolean };

export const AB_ALPHA = 0.05;
export const SRM_P_THRESHOLD = 0.001;
export const SRM_MIN_UNITS_PER_ARM = 8;

function relativeLift(
  meanC: number,
  varC: number,
  nC: number,
  meanT: number,
  varT: number,
  nT: number,
  q: number,
): Lift | null {
  if (meanC === 0) return null;
  const variance = varT / (nT * meanC ** 2) + (meanT ** 2 * varC) / (nC * meanC ** 4);
  const estimate = meanT / meanC - 1;
  const se = Math.sqrt(variance);
  return { estimate, se, ci: [estimate - q * se, estimate + q * se] };
}

function compareContinuous(control: SumStats, treatment: SumStats, alpha: number): AbComparison {
  const c = describeSums(control);
  const t = describeSums(treatment);
  const base = {
    test: 'welch_t' as const,
    control: { n: c.n, mean: c.mean, sd: c.sd },
    treatment: { n: t.n, mean: t.mean, sd: t.sd },
  };
  const vc = c.variance / c.n;
  const vt = t.variance / t.n;
  if (c.n < 2 || t.n < 2 || !(vc + vt > 0)) {
    return { ...base, statistic: null, df: null, p_value: null, absolute: null, relative: null, significant: false };
  }
  const se = Math.sqrt(vc + vt);
  const df = (vc + vt) ** 2 / (vc ** 2 / (c.n - 1) + vt ** 2 / (t.n - 1));
  const difference = t.mean - c.mean;
  const statistic = difference / se;
  const p_value = tTwoSidedP(statistic, df);
  const q = tQuantile(1 - alpha / 2, df);
  return {
    ...base,
    statistic,
    df,
    p_value,
    absolute: { estimate: difference, se, ci: [difference - q * se, difference + q * se] },
    relative: relativeLift(c.mean, c.variance, c.n, t.mean, t.variance, t.n, q),
    significant: p_value < alpha,
  };
}

function compareConversion(control: SumStats, treatment: SumStats, alpha: number): AbComparison {
  const arm = (s: SumStats): ArmSummary => {
    const p = s.n > 0 ? s.sum / s.n : 0;
    return { n: s.n, mean: p, sd: Math.sqrt(p * (1 - p)) };
  };
  const base = { test: 'two_proportion_z' as const, control: arm(control), treatment: arm(treatment) };
  if (control.n < 1 || treatment.n < 1) {
    return { ...base, statistic: null, df: null, p_value: null, absolute: null, relative: null, significant: false };
  }
  const z = twoProportionZTest(treatment.sum, treatment.n, control.sum, control.n, alpha);
  const pc = base.control.mean;
  const pt = base.treatment.mean;
  return {
    ...base,
    statistic: z.z,
    df: null,
    p_value: z.p_value,
    absolute: { estimate: z.difference, se: z.se, ci: z.ci },
    relative: relativeLift(pc, pc * (1 - pc), control.n, pt, pt * (1 - pt), treatment.n, normalQuantile(1 - alpha / 2)),
    significant: z.p_value < alpha,
  };
}

/**
 * Treatment against control for one metric. For conversion metrics `sum` is the number of
 * converting units (and `sumSquares` is ignored). Throws a RangeError only for impossible input
 * (negative counts, more conversions than units); small or constant arms give null statistics.
 */
export function compareVariants(
  control: SumStats,
  treatment: SumStats,
  kind: MetricKind,
  alpha = AB_ALPHA,
): AbComparison {
  return kind === 'continuous'
    ? compareContinuous(control, treatment, alpha)
    : compareConversion(control, treatment, alpha);
}

/** A guardrail fails when the absolute-lift CI lies wholly on the harmful side of zero. */
export function guardrailFailed(comparison: AbComparison, direction: MetricDirection): boolean {
  if (!comparison.absolute) return false;
  const [lo, hi] = comparison.absolute.ci;
  return direction === 'increase' ? hi < 0 : lo > 0;
}

/** 'better' / 'worse' when significant, by the metric's good direction; 'inconclusive' otherwise. */
export function liftVerdict(comparison: AbComparison, direction: MetricDirection): 'better' | 'worse' | 'inconclusive' {
  if (!comparison.significant || !comparison.absolute) return 'inconclusive';
  const up = comparison.absolute.estimate > 0;
  return up === (direction === 'increase') ? 'better' : 'worse';
}

/**
 * Sample-ratio mismatch: χ² goodness-of-fit of units assigned per arm against the configured
 * weights. Flagged at p < 0.001 (GrowthBook's default SRM threshold — strict because the check runs
 * continuously and a false alarm stops a test) and only once every arm has ≥ 8 units, below which
 * the χ² approximation is unreliable and early traffic is naturally lumpy.
 */
export function checkSrm(assigned: readonly number[], weights: readonly number[]): SrmResult {
  const res = chiSquareGoodnessOfFit(assigned, weights);
  const enough = assigned.every((n) => n >= SRM_MIN_UNITS_PER_ARM);
  return { chi2: res.statistic, df: res.df, p_value: res.p_value, flagged: enough && res.p_value < SRM_P_THRESHOLD };
}
