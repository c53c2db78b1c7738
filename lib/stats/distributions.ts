// Distribution functions come from @stdlib (PRODUCT.md "Statistics": a maintained library, not our own
// numerics); this file is the only place that imports them, so the rest of lib/stats stays swappable.
import gammainc from '@stdlib/math-base-special-gammainc';
import normalCdfImpl from '@stdlib/stats-base-dists-normal-cdf';
import normalQuantileImpl from '@stdlib/stats-base-dists-normal-quantile';
import tCdfImpl from '@stdlib/stats-base-dists-t-cdf';
import tQuantileImpl from '@stdlib/stats-base-dists-t-quantile';

/** Standard normal CDF Φ(z). */
export function normalCdf(z: number): number {
  return normalCdfImpl(z, 0, 1);
}

/** Standard normal quantile Φ⁻¹(p). */
export function normalQuantile(p: number): number {
  return normalQuantileImpl(p, 0, 1);
}

/** Two-sided normal p-value 2·Φ(−|z|): evaluated in the lower tail so tiny p-values keep their digits. */
export function normalTwoSidedP(z: number): number {
  return Math.min(1, 2 * normalCdf(-Math.abs(z)));
}

/** Upper-tail normal probability P(Z ≥ z), again through the lower tail for accuracy. */
export function normalUpperP(z: number): number {
  return normalCdf(-z);
}

/** Student t CDF with (possibly fractional, as Welch gives) degrees of freedom. */
export function tCdf(t: number, df: number): number {
  return tCdfImpl(t, df);
}

/** Student t quantile. */
export function tQuantile(p: number, df: number): number {
  return tQuantileImpl(p, df);
}

/** Two-sided t p-value 2·F(−|t|; df). */
export function tTwoSidedP(t: number, df: number): number {
  return Math.min(1, 2 * tCdf(-Math.abs(t), df));
}

/**
 * χ² upper tail P(X ≥ x) = Q(df/2, x/2), the regularized *upper* incomplete gamma function evaluated
 * directly (not 1 − CDF), so p-values far below 1e-16 keep their digits instead of reading as 0.
 */
export function chiSquareSf(x: number, df: number): number {
  if (x <= 0) return 1;
  return gammainc(x / 2, df / 2, true, true);
}
