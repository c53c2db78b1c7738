import { normalUpperP } from './distributions';
import { describeMoments, momentsOf } from './summary';

/**
 * Model quality metrics and the degradation rule for monitoring.
 *
 * Degradation (PRODUCT.md; the seed guide's `accuracy < baseline × 0.95`), two conditions:
 * 1. Practical: higher-is-better metrics (accuracy, F1) degrade when current < 0.95 × baseline.
 *    Losses (MAE, RMSE) mirror it on the ratio: current > baseline / 0.95, i.e. baseline/current
 *    < 0.95 — the same "5 % worse" read as a ratio in the metric's good direction (+5.26 % loss),
 *    so swapping a metric for its reciprocal does not change the verdict.
 * 2. Statistical: the drop exceeds sampling noise — a one-sided z-test of H₀ "no worse than the
 *    baseline" at α = 0.05: z = drop / SE, degraded only when P(Z ≥ z) < α. SE:
 *    - proportions (accuracy, and F1 as an approximation): √(b(1 − b)/n) at the baseline b, the
 *      score-test SE (R prop.test(x, n, p = b, alternative = "less", correct = FALSE));
 *    - losses: the SE of the mean error, sd(|e|)/√n for MAE and, by the delta method,
 *      sd(e²)/(2·RMSE·√n) for RMSE — see maeStandardError / rmseStandardError. No bootstrap.
 * Both must hold: a tiny but significant dip on a huge window is not an alert, and neither is a
 * big swing on twenty labelled rows.
 */

export type Label = string | number | boolean;

export const DEGRADATION_RATIO = 0.95;
export const DEGRADATION_ALPHA = 0.05;

function assertPaired<T>(actual: readonly T[], predicted: readonly T[]) {
  if (actual.length !== predicted.length) throw new RangeError('Actual and predicted need the same length.');
  if (actual.length === 0) throw new RangeError('No labelled rows.');
}

export function accuracy(actual: readonly Label[], predicted: readonly Label[]): number {
  assertPaired(actual, predicted);
  return actual.filter((a, i) => a === predicted[i]).length / actual.length;
}

/** F1 of one class against the rest; 0 when it is never predicted nor present (sklearn's zero_division=0). */
export function f1Binary(actual: readonly Label[], predicted: readonly Label[], positive: Label): number {
  assertPaired(actual, predicted);
  let tp = 0;
  let fp = 0;
  let fn = 0;
  actual.forEach((a, i) => {
    const p = predicted[i];
    if (p === positive && a === positive) tp++;
    else if (p === positive) fp++;
    else if (a === positive) fn++;
  });
  return tp === 0 ? 0 : (2 * tp) / (2 * tp + fp + fn);
}

/** Unweighted mean of per-class F1 over every label seen in actual or predicted (sklearn average='macro'). */
export function f1Macro(actual: readonly Label[], predicted: readonly Label[]): number {
  assertPaired(actual, predicted);
  const labels = [...new Set([...actual, ...predicted])];
  return labels.map((label) => f1Binary(actual, predicted, label)).reduce((s, v) => s + v, 0) / labels.length;
}

const errors = (actual: readonly number[], predicted: readonly number[]) => {
  assertPaired(actual, predicted);
  return actual.map((a, i) => a - predicted[i]!);
};

export function mae(actual: readonly number[], predicted: readonly number[]): number {
  const e = errors(actual, predicted);
  return e.reduce((s, v) => s + Math.abs(v), 0) / e.length;
}

export function rmse(actual: readonly number[], predicted: readonly number[]): number {
  const e = errors(actual, predicted);
  return Math.sqrt(e.reduce((s, v) => s + v * v, 0) / e.length);
}

/** Standard error of the MAE: sample sd of |error| over √n. */
export function maeStandardError(actual: readonly number[], predicted: readonly number[]): number {
  const abs = errors(actual, predicted).map(Math.abs);
  return describeMoments(momentsOf(abs)).sd / Math.sqrt(abs.length);
}

/** Standard error of the RMSE by the delta method: SE(MSE) / (2·RMSE). */
export function rmseStandardError(actual: readonly number[], predicted: readonly number[]): number {
  const squared = errors(actual, predicted).map((v) => v * v);
  const root = rmse(actual, predicted);
  if (root === 0) return 0;
  return describeMoments(momentsOf(squared)).sd / Math.sqrt(squared.length) / (2 * root);
}

export type Degradation = {
  degraded: boolean;
  /** Past this value the metric is practically worse (0.95 × baseline, or baseline / 0.95 for losses). */
  threshold: number;
  practically_worse: boolean;
  /** Size of the drop in standard errors (positive = worse than baseline). */
  z: number;
  /** One-sided p-value of "no worse than baseline". */
  p_value: number;
  se: number;
};

/**
 * Both degradation conditions, with the numbers behind them. `se` is required for losses; for
 * higher-is-better proportions it defaults to the binomial SE at the baseline. Throws a RangeError
 * for non-finite input, n < 1, or a loss without `se` — programming errors, not data conditions.
 */
export function assessDegradation(
  current: number,
  baseline: number,
  higherIsBetter: boolean,
  n: number,
  se?: number,
): Degradation {
  if (![current, baseline, n].every(Number.isFinite) || n < 1) throw new RangeError('Need finite metrics and n ≥ 1.');
  let stdError = se;
  if (stdError === undefined) {
    if (!higherIsBetter || baseline < 0 || baseline > 1) {
      throw new RangeError('Pass the standard error for metrics that are not proportions.');
    }
    stdError = Math.sqrt((baseline * (1 - baseline)) / n);
  }
  if (!(Number.isFinite(stdError) && stdError >= 0))
    throw new RangeError('The standard error must be a non-negative number.');
  const threshold = higherIsBetter ? DEGRADATION_RATIO * baseline : baseline / DEGRADATION_RATIO;
  const practically_worse = higherIsBetter ? current < threshold : current > threshold;
  const drop = higherIsBetter ? baseline - current : current - baseline;
  const z = stdError > 0 ? drop / stdError : drop > 0 ? Infinity : drop < 0 ? -Infinity : 0;
  const p_value = normalUpperP(z);
  return {
    degraded: practically_worse && p_value < DEGRADATION_ALPHA,
    threshold,
    practically_worse,
    z,
    p_value,
    se: stdError,
  };
}

/** current < 0.95 × baseline (mirrored for losses) and the drop is significant at α = 0.05, one-sided. */
export function degraded(current: number, baseline: number, higherIsBetter: boolean, n: number, se?: number): boolean {
  return assessDegradation(current, baseline, higherIsBetter, n, se).degraded;
}
