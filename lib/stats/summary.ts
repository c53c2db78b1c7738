/**
 * Summary statistics for A/B metrics.
 *
 * Two shapes:
 * - `SumStats` {n, sum, sumSquares} — GrowthBook's wire format and what SQL aggregates give
 *   (count, sum(v), sum(v·v)). Merging is plain addition, which is exact enough; the danger is only
 *   in turning it into a variance: (Σv² − (Σv)²/n) cancels catastrophically when the mean is large
 *   against the spread (timestamps, revenue in cents around a big constant).
 * - `Moments` {n, mean, m2} — Welford's running update and Chan, Golub & LeVeque's pairwise merge,
 *   which never subtract two large sums. Prefer it when accumulating in application code, and
 *   convert with `toSumStats` only at the storage boundary.
 * `describeSums` computes the variance from sums with the shifted form m2 = Σv² − sum·mean, clamped
 * at 0 so rounding can never produce a negative variance or NaN sd.
 */

export type SumStats = { n: number; sum: number; sumSquares: number };
export type Moments = { n: number; mean: number; m2: number };
export type Description = { n: number; mean: number; variance: number; sd: number };

export const emptyMoments = (): Moments => ({ n: 0, mean: 0, m2: 0 });
export const emptySumStats = (): SumStats => ({ n: 0, sum: 0, sumSquares: 0 });

/** Welford's update with one more observation. */
export function pushValue(m: Moments, x: number): Moments {
  const n = m.n + 1;
  const delta = x - m.mean;
  const mean = m.mean + delta / n;
  return { n, mean, m2: m.m2 + delta * (x - mean) };
}

export function momentsOf(values: readonly number[]): Moments {
  return values.reduce(pushValue, emptyMoments());
}

/** Chan et al. (1979) parallel combination of two partial results. */
export function mergeMoments(a: Moments, b: Moments): Moments {
  if (a.n === 0) return b;
  if (b.n === 0) return a;
  const n = a.n + b.n;
  const delta = b.mean - a.mean;
  return { n, mean: a.mean + (delta * b.n) / n, m2: a.m2 + b.m2 + (delta * delta * a.n * b.n) / n };
}

export function toSumStats(m: Moments): SumStats {
  return { n: m.n, sum: m.mean * m.n, sumSquares: m.m2 + m.mean * m.mean * m.n };
}

export function fromSumStats(s: SumStats): Moments {
  if (s.n <= 0) return emptyMoments();
  const mean = s.sum / s.n;
  return { n: s.n, mean, m2: Math.max(0, s.sumSquares - s.sum * mean) };
}

export function sumStatsOf(values: readonly number[]): SumStats {
  return values.reduce((s, v) => ({ n: s.n + 1, sum: s.sum + v, sumSquares: s.sumSquares + v * v }), emptySumStats());
}

export function mergeSumStats(a: SumStats, b: SumStats): SumStats {
  return { n: a.n + b.n, sum: a.sum + b.sum, sumSquares: a.sumSquares + b.sumSquares };
}

/** Mean and sample variance (n − 1 denominator, as R's var and GrowthBook's SampleMeanStatistic). */
export function describeMoments(m: Moments): Description {
  const variance = m.n > 1 ? m.m2 / (m.n - 1) : 0;
  return { n: m.n, mean: m.n > 0 ? m.mean : 0, variance, sd: Math.sqrt(variance) };
}

export function describeSums(s: SumStats): Description {
  return describeMoments(fromSumStats(s));
}
