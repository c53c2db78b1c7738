import { normalCdf, normalQuantile, normalTwoSidedP } from './distributions';

export type TwoProportionResult = {
  /** p₁ − p₂ / SE under H₀ (pooled). */
  z: number;
  p_value: number;
  p1: number;
  p2: number;
  /** p₁ − p₂. */
  difference: number;
  /** Unpooled (Wald) standard error of p₁ − p₂. */
  se: number;
  /** Newcombe's score interval for p₁ − p₂: never zero-width, even at 0%, 100% or tiny n. */
  ci: [number, number];
};

function assertCounts(x: number, n: number) {
  if (!Number.isFinite(x) || !Number.isFinite(n) || n <= 0 || x < 0 || x > n) {
    throw new RangeError('Successes must lie between 0 and a positive number of trials.');
  }
}

/** Wilson's score interval for one proportion x/n (SciPy's binomtest(x, n).proportion_ci(method='wilson')). */
export function wilsonInterval(x: number, n: number, alpha = 0.05): [number, number] {
  assertCounts(x, n);
  const z = normalQuantile(1 - alpha / 2);
  const z2 = z * z;
  const center = (x + z2 / 2) / (n + z2);
  const half = (z / (n + z2)) * Math.sqrt((x * (n - x)) / n + z2 / 4);
  return [Math.max(0, center - half), Math.min(1, center + half)];
}

/**
 * Newcombe's (1998, method 10) hybrid score interval for p₁ − p₂, built from the two Wilson intervals.
 * Where the Wald interval collapses to a point (0%, 100%, n = 1) this one keeps its width, and its coverage
 * is close to nominal at small n; at large n the two agree.
 */
export function newcombeInterval(x1: number, n1: number, x2: number, n2: number, alpha = 0.05): [number, number] {
  const p1 = x1 / n1;
  const p2 = x2 / n2;
  const [l1, u1] = wilsonInterval(x1, n1, alpha);
  const [l2, u2] = wilsonInterval(x2, n2, alpha);
  const d = p1 - p2;
  return [d - Math.hypot(p1 - l1, u2 - p2), d + Math.hypot(u1 - p1, p2 - l2)];
}

/**
 * Two-proportion z-test, two-sided. The test statistic uses the pooled proportion (the variance
 * under H₀: p₁ = p₂) — the same statistic as R's prop.test(correct = FALSE), whose X-squared is z²,
 * and Evidently's z-test for binary features. The confidence interval for p₁ − p₂ is Newcombe's score
 * interval rather than Wald's (R's prop.test), which degenerates to a point at 0% or 100%. No continuity correction: at A/B and drift sample sizes it only makes the test
 * conservative. When every trial in both arms succeeded (or none did) there is no variation to
 * test, so z = 0 and p = 1 rather than 0/0.
 */
export function twoProportionZTest(x1: number, n1: number, x2: number, n2: number, alpha = 0.05): TwoProportionResult {
  assertCounts(x1, n1);
  assertCounts(x2, n2);
  const p1 = x1 / n1;
  const p2 = x2 / n2;
  const pooled = (x1 + x2) / (n1 + n2);
  const sePooled = Math.sqrt(pooled * (1 - pooled) * (1 / n1 + 1 / n2));
  const difference = p1 - p2;
  const z = sePooled > 0 ? difference / sePooled : 0;
  const se = Math.sqrt((p1 * (1 - p1)) / n1 + (p2 * (1 - p2)) / n2);
  return {
    z,
    p_value: sePooled > 0 ? normalTwoSidedP(z) : 1,
    p1,
    p2,
    difference,
    se,
    ci: newcombeInterval(x1, n1, x2, n2, alpha),
  };
}

/**
 * One-sample proportion z-test of H₀: p ≥ p₀ against p < p₀ (lower tail), SE taken at p₀ as the
 * score test does — R's prop.test(x, n, p = p₀, alternative = "less", correct = FALSE).
 */
export function oneProportionLowerP(x: number, n: number, p0: number): { z: number; p_value: number } {
  assertCounts(x, n);
  if (!(p0 > 0 && p0 < 1)) throw new RangeError('The null proportion must lie strictly between 0 and 1.');
  const z = (x / n - p0) / Math.sqrt((p0 * (1 - p0)) / n);
  return { z, p_value: normalCdf(z) };
}
