import { chiSquareGoodnessOfFit } from './chi2';
import { normalQuantile, tQuantile, tTwoSidedP } from './distributions';
import { twoProportionZTest } from './proportions';
import { type Moments, describeMoments } from './summary';

/**
 * Frequentist A/B comparison of one treatment against the control, GrowthBook-style, from summary
 * statistics only (so the service can aggregate in SQL).
 *
 * - continuous metrics: Welch's t-test (unequal variances) with Welch–Satterthwaite df — the same
 *   test as R's t.test default and GrowthBook's TwoSidedTTest. Absolute lift CI = Δ ± t(1−α/2, df)·SE.
 * - conversion metrics (each unit's value is 0 or 1): the pooled two-proportion z-test (R
 *   prop.test(correct = FALSE)) with Newcombe's score interval for the difference, which never collapses
 *   to a point at 0%, 100% or tiny n the way Wald's does. Each arm needs n ≥ 2.
 * - relative lift (μ_T − μ_C)/|μ_C| — the |μ_C| keeps the sign of the lift the sign of the change when
 *   the control mean is negative — gets the delta-method variance GrowthBook documents:
 *   Var ≈ σ_T²/(n_T μ_C²) + μ_T² σ_C²/(n_C μ_C⁴) (unchanged by the sign), with the same quantile as the
 *   absolute CI (t with Welch df for continuous, z for conversion). None when the control mean is 0 or
 *   the variance is 0 (a zero-width interval would claim certainty the data cannot give).
 * - arms with no variance at all (every value equal) have nothing to test: no statistic, no interval,
 *   and a `note` that says so.
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
  /** Why there is no test or interval (too few units, no variance), for the reader; null when tested. */
  note: string | null;
};

export type SrmResult = {
  chi2: number;
  df: number;
  p_value: number;
  flagged: boolean;
  /** False below the minimum total traffic: then nothing is flagged and `note` says why. */
  enough_traffic: boolean;
  note: string | null;
};

export const AB_ALPHA = 0.05;
export const SRM_P_THRESHOLD = 0.001;
/** GrowthBook's SRM minimum: 8 units per arm *in total* (8 × arms), so a starved arm is still flagged. */
export const SRM_MIN_UNITS_PER_ARM = 8;
export const MIN_UNITS_PER_ARM = 2;

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
  if (!(variance > 0)) return null;
  const estimate = (meanT - meanC) / Math.abs(meanC);
  const se = Math.sqrt(variance);
  return { estimate, se, ci: [estimate - q * se, estimate + q * se] };
}

const untested = { statistic: null, df: null, p_value: null, absolute: null, relative: null, significant: false };
const TOO_FEW = `Needs at least ${MIN_UNITS_PER_ARM} units in each arm.`;

function compareContinuous(control: Moments, treatment: Moments, alpha: number): AbComparison {
  const c = describeMoments(control);
  const t = describeMoments(treatment);
  const base = {
    test: 'welch_t' as const,
    control: { n: c.n, mean: c.mean, sd: c.sd },
    treatment: { n: t.n, mean: t.mean, sd: t.sd },
  };
  const vc = c.variance / c.n;
  const vt = t.variance / t.n;
  if (c.n < MIN_UNITS_PER_ARM || t.n < MIN_UNITS_PER_ARM) return { ...base, ...untested, note: TOO_FEW };
  if (!(vc + vt > 0)) {
    return { ...base, ...untested, note: 'Both arms have zero variance (every value the same): nothing to test.' };
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
    note: null,
  };
}

// The stored mean of 0/1 values times n is the count of converted units, up to rounding.
const conversions = (m: Moments) => Math.min(m.n, Math.max(0, Math.round(m.mean * m.n)));

function compareConversion(control: Moments, treatment: Moments, alpha: number): AbComparison {
  const arm = (m: Moments): ArmSummary => {
    const p = m.n > 0 ? conversions(m) / m.n : 0;
    return { n: m.n, mean: p, sd: Math.sqrt(p * (1 - p)) };
  };
  const base = { test: 'two_proportion_z' as const, control: arm(control), treatment: arm(treatment) };
  if (control.n < MIN_UNITS_PER_ARM || treatment.n < MIN_UNITS_PER_ARM) return { ...base, ...untested, note: TOO_FEW };
  const z = twoProportionZTest(conversions(treatment), treatment.n, conversions(control), control.n, alpha);
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
    note: null,
  };
}

/**
 * Treatment against control for one metric, from each arm's moments over every exposed unit (units
 * without an event included as 0). For conversion metrics the values are 0/1, so mean × n is the count
 * of converted units. Small or constant arms give null statistics and a `note`.
 */
export function compareVariants(
  control: Moments,
  treatment: Moments,
  kind: MetricKind,
  alpha = AB_ALPHA,
): AbComparison {
  return kind === 'continuous'
    ? compareContinuous(control, treatment, alpha)
    : compareConversion(control, treatment, alpha);
}

/**
 * A guardrail fails when the absolute-lift CI lies wholly on the harmful side of zero. A degenerate
 * (zero-width) interval is no evidence either way, so it never fails one.
 */
export function guardrailFailed(comparison: AbComparison, direction: MetricDirection): boolean {
  if (!comparison.absolute) return false;
  const [lo, hi] = comparison.absolute.ci;
  if (!(hi > lo)) return false;
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
 * continuously and a false alarm stops a test) once the *total* reaches 8 units per arm (8 × arms), as
 * GrowthBook does: a per-arm minimum would never flag the very case SRM exists for, an arm starved of
 * traffic (300 vs 3). Below the total minimum the result says "not enough traffic" instead.
 */
export function checkSrm(assigned: readonly number[], weights: readonly number[]): SrmResult {
  const res = chiSquareGoodnessOfFit(assigned, weights);
  const total = assigned.reduce((s, n) => s + n, 0);
  const minimum = SRM_MIN_UNITS_PER_ARM * assigned.length;
  const enough = total >= minimum;
  return {
    chi2: res.statistic,
    df: res.df,
    p_value: res.p_value,
    flagged: enough && res.p_value < SRM_P_THRESHOLD,
    enough_traffic: enough,
    note: enough
      ? null
      : `Not enough traffic to check the split: ${total} unit${total === 1 ? '' : 's'} assigned, the check starts at ${minimum} (${SRM_MIN_UNITS_PER_ARM} per arm in total).`,
  };
}
