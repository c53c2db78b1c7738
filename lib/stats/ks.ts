/**
 * Two-sample Kolmogorov–Smirnov test (two-sided).
 *
 * Statistic: D = sup |F₁(x) − F₂(x)| over the pooled values, kept as the exact integer
 * max |i·n − j·m| so that comparisons with the null distribution never suffer rounding.
 *
 * Exact p-value: the permutation (conditional) distribution of D given the observed tie pattern —
 * the lattice-path recursion of R ≥ 4.3 `psmirnov(z = …)` after Schröer & Trenkler (1995). The
 * path through the m×n lattice only has to clear the boundary at positions where the pooled sorted
 * value changes; without ties that is every position and this is the classic exact Smirnov
 * distribution (SciPy `ks_2samp(method='exact')` and R agree there). With ties SciPy ignores them
 * (conservative), R conditions on them (exact); we follow R because monitoring data (integer
 * counts, rounded prices) is full of ties and the conservative answer would hide real drift.
 *
 * The recursion carries *probabilities* (each step picks an x with probability (m−i)/(N−k)), and
 * sums the mass absorbed at the boundary, so the p-value is a sum of positive terms: accurate to
 * the last digits even at 1e-26, where 1 − P(inside) would be all rounding noise.
 *
 * Asymptotic p-value: the Kolmogorov limit distribution with Stephens' (1970) small-sample
 * correction λ = (√nₑ + 0.12 + 0.11/√nₑ)·D, nₑ = mn/(m+n) — the formula SciPy's ks_2samp used
 * before 1.5 (and Numerical Recipes' `kstwo`). It is only used past the exact-method budget,
 * where nₑ ≳ 100 and the correction is small anyway.
 *
 * 'auto' mirrors SciPy's rule (exact when max(m, n) ≤ 10 000) plus a work budget of m·n ≤ 10⁶
 * lattice cells (tens of ms in V8) so a drift check over dozens of features stays interactive. Past it
 * the corrected limit distribution is within a few percent of the exact p — close enough everywhere
 * except next to the 0.05 decision, where a few percent flips the verdict (1000 vs 1001 rows: exact
 * 0.0498 = drift, Stephens 0.0501). So when the approximate p lands in [0.04, 0.0625] (±25% of 0.05;
 * SciPy's exact p and Stephens differ by ≤ 4.4% there at 1000 × 1001, ≤ 2.1% at 5000 × 5001), the exact
 * recursion runs anyway, up to KS_EXACT_NEAR_THRESHOLD_CELLS. That budget is measured: the recursion
 * costs ~10 ns per cell on this project's 2-core reference machine under load (1000 × 1001: 18 ms,
 * 5000 × 5001: 0.29 s, 10⁴ × 10⁴: 0.94 s), so 2.5·10⁷ cells caps one feature at ~0.25 s and only
 * features near the threshold pay it. Beyond it (both samples over ~5000) the approximation's error near
 * 0.05 is ~2% of p, so only p within ~0.001 of the threshold could still be misjudged.
 */

export type KsMethod = 'auto' | 'exact' | 'asymptotic';

export type KsResult = {
  statistic: number;
  p_value: number;
  method: 'exact' | 'asymptotic';
  n1: number;
  n2: number;
};

/** SciPy's MAX_AUTO_N for ks_2samp's 'auto' mode. */
export const KS_EXACT_MAX_N = 10_000;
/** Lattice cells the exact recursion may visit in 'auto' mode. */
export const KS_EXACT_MAX_CELLS = 1_000_000;
/** The larger budget for an approximate p near the 0.05 decision (see above for how it was measured). */
export const KS_EXACT_NEAR_THRESHOLD_CELLS = 25_000_000;
/** The drift decision's threshold, and the band of approximate p-values around it that get the exact p. */
export const KS_DECISION_ALPHA = 0.05;
const NEAR_THRESHOLD: [number, number] = [KS_DECISION_ALPHA / 1.25, KS_DECISION_ALPHA * 1.25];

const finiteSorted = (values: readonly number[]): number[] =>
  values.filter((v) => Number.isFinite(v)).sort((a, b) => a - b);

/** Integer numerator of D (D = dInt / (m·n)) and the pooled sorted sample. */
function ksNumerator(x: number[], y: number[]): { dInt: number; pooled: number[] } {
  const m = x.length;
  const n = y.length;
  const pooled: number[] = [];
  let i = 0;
  let j = 0;
  let dInt = 0;
  while (i < m || j < n) {
    const v = j >= n || (i < m && x[i]! <= y[j]!) ? x[i]! : y[j]!;
    while (i < m && x[i] === v) pooled.push(x[i++]!);
    while (j < n && y[j] === v) pooled.push(y[j++]!);
    dInt = Math.max(dInt, Math.abs(i * n - j * m));
  }
  return { dInt, pooled };
}

/**
 * P(D ≥ observed) under the permutation null, conditional on the tie pattern of `pooled`
 * (pooled sorted values, length m + n). `dInt` is the integer numerator of the observed D.
 */
export function smirnovExactPValue(m: number, n: number, dInt: number, pooled?: readonly number[]): number {
  const total = m + n;
  if (pooled && pooled.length !== total) throw new RangeError('The pooled sample must hold m + n values.');
  if (dInt <= 0) return 1;
  // boundary checks happen only where the pooled value changes (end of a tie block), and at the end
  const check = new Uint8Array(total + 1).fill(1);
  if (pooled) for (let k = 1; k < total; k++) check[k] = pooled[k - 1] !== pooled[k] ? 1 : 0;
  const w = new Float64Array(n + 1);
  w[0] = 1;
  let absorbed = 0;
  for (let i = 0; i <= m; i++) {
    for (let j = i === 0 ? 1 : 0; j <= n; j++) {
      const k = i + j;
      const scale = 1 / (total - k + 1);
      let mass = (i > 0 ? w[j]! * (m - i + 1) : 0) * scale + (j > 0 ? w[j - 1]! * (n - j + 1) : 0) * scale;
      if (mass > 0 && check[k] === 1 && Math.abs(i * n - j * m) >= dInt) {
        absorbed += mass;
        mass = 0;
      }
      w[j] = mass;
    }
  }
  return Math.min(1, absorbed);
}

/**
 * Survival function of the Kolmogorov distribution, Q(λ) = P(K > λ) (SciPy `special.kolmogorov`).
 * Small λ: 1 − the Jacobi-theta form √(2π)/λ Σ exp(−(2k−1)²π²/(8λ²)), which converges fast there;
 * otherwise the alternating series 2 Σ (−1)^(k−1) exp(−2k²λ²).
 */
export function kolmogorovSf(lambda: number): number {
  if (!(lambda > 0)) return 1;
  if (lambda < 1) {
    let cdf = 0;
    for (let k = 1; k <= 20; k++) {
      const term = Math.exp((-((2 * k - 1) ** 2) * Math.PI ** 2) / (8 * lambda * lambda));
      cdf += term;
      if (term < 1e-17 * cdf) break;
    }
    return Math.min(1, Math.max(0, 1 - (Math.sqrt(2 * Math.PI) / lambda) * cdf));
  }
  let sum = 0;
  for (let k = 1; k <= 100; k++) {
    const term = Math.exp(-2 * k * k * lambda * lambda);
    sum += k % 2 === 1 ? term : -term;
    if (term < 1e-17 * Math.abs(sum)) break;
  }
  return Math.min(1, Math.max(0, 2 * sum));
}

/** Stephens-corrected asymptotic two-sided p-value for D with sample sizes m and n. */
export function ksAsymptoticPValue(d: number, m: number, n: number): number {
  const en = Math.sqrt((m * n) / (m + n));
  return kolmogorovSf((en + 0.12 + 0.11 / en) * d);
}

function chooseExact(method: KsMethod, m: number, n: number): boolean {
  if (method === 'exact') return true;
  if (method === 'asymptotic') return false;
  return Math.max(m, n) <= KS_EXACT_MAX_N && m * n <= KS_EXACT_MAX_CELLS;
}

/**
 * Two-sample, two-sided KS test. Non-finite values are dropped (as R drops NA). Throws a RangeError
 * when either sample is empty after that — callers decide what "not enough data" means.
 */
export function ksTwoSample(
  sample1: readonly number[],
  sample2: readonly number[],
  method: KsMethod = 'auto',
): KsResult {
  const x = finiteSorted(sample1);
  const y = finiteSorted(sample2);
  const m = x.length;
  const n = y.length;
  if (m === 0 || n === 0) throw new RangeError('Both samples need at least one finite value.');
  const { dInt, pooled } = ksNumerator(x, y);
  const statistic = dInt / (m * n);
  const exact = () => ({
    statistic,
    p_value: smirnovExactPValue(m, n, dInt, pooled),
    method: 'exact' as const,
    n1: m,
    n2: n,
  });
  if (chooseExact(method, m, n)) return exact();
  const approximate = ksAsymptoticPValue(statistic, m, n);
  const near = approximate >= NEAR_THRESHOLD[0] && approximate <= NEAR_THRESHOLD[1];
  if (method === 'auto' && near && m * n <= KS_EXACT_NEAR_THRESHOLD_CELLS) return exact();
  return { statistic, p_value: approximate, method: 'asymptotic', n1: m, n2: n };
}
