/**
 * Summary statistics for A/B metrics, in two numerically stable shapes:
 * - `Moments` {n, mean, m2} — Welford's running update and Chan, Golub & LeVeque's pairwise merge, which
 *   never subtract two large sums. The analysis works on these.
 * - `ShiftedSums` {n, shift, s1, s2} — sums of (v − shift) and (v − shift)² around a pivot near the data:
 *   the storage form, because the running aggregates must also absorb *replacements* (a unit's later event
 *   changes its value) and per-day additions that hold no unit of their own, and plain sums can do both.
 *   With the pivot near the mean the residuals are small, so Σr² − (Σr)²/n does not cancel the way
 *   Σv² − (Σv)²/n does for values near 1e12 or 1 ± 1e-9.
 * A variance below what a double can resolve at the mean's magnitude is rounding dust, and is reported as 0.
 */

export type Moments = { n: number; mean: number; m2: number };
export type ShiftedSums = { n: number; shift: number; s1: number; s2: number };
export type Description = { n: number; mean: number; variance: number; sd: number };

export const emptyMoments = (): Moments => ({ n: 0, mean: 0, m2: 0 });
export const emptyShiftedSums = (): ShiftedSums => ({ n: 0, shift: 0, s1: 0, s2: 0 });

/** A standard deviation under this many ulps of the mean cannot be told from rounding. */
const RESOLVABLE_ULPS = 4;

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

/** `count` units whose value is 0: exposed units that sent no event for a metric. */
export const zeros = (count: number): Moments => ({ n: Math.max(0, count), mean: 0, m2: 0 });

/** Mean and sample variance (n − 1 denominator, as R's var and GrowthBook's SampleMeanStatistic). */
export function describeMoments(m: Moments): Description {
  const mean = m.n > 0 ? m.mean : 0;
  let variance = m.n > 1 ? Math.max(0, m.m2) / (m.n - 1) : 0;
  if (Math.sqrt(variance) <= RESOLVABLE_ULPS * Number.EPSILON * Math.abs(mean)) variance = 0;
  return { n: m.n, mean, variance, sd: Math.sqrt(variance) };
}

/** Shifted sums of `values` around `shift` (default: their mean, computed stably). */
export function shiftedSumsOf(values: readonly number[], shift = momentsOf(values).mean): ShiftedSums {
  let s1 = 0;
  let s2 = 0;
  for (const v of values) {
    s1 += v - shift;
    s2 += (v - shift) ** 2;
  }
  return { n: values.length, shift, s1, s2 };
}

/** `b` re-expressed around `shift`: Σ(v − K′) = s1 + n·d and Σ(v − K′)² = s2 + 2·d·s1 + n·d², d = K − K′. */
export function reshift(b: ShiftedSums, shift: number): ShiftedSums {
  const d = b.shift - shift;
  if (d === 0) return b;
  return { n: b.n, shift, s1: b.s1 + b.n * d, s2: b.s2 + 2 * d * b.s1 + b.n * d * d };
}

const isEmpty = (s: ShiftedSums) => s.n === 0 && s.s1 === 0 && s.s2 === 0;

/** Adds `b` to `a`, keeping `a`'s pivot (or `b`'s when `a` holds nothing yet). */
export function addShiftedSums(a: ShiftedSums, b: ShiftedSums): ShiftedSums {
  if (isEmpty(a)) return b;
  const r = reshift(b, a.shift);
  return { n: a.n + r.n, shift: a.shift, s1: a.s1 + r.s1, s2: a.s2 + r.s2 };
}

export function momentsFromShiftedSums(s: ShiftedSums): Moments {
  if (s.n <= 0) return emptyMoments();
  const offset = s.s1 / s.n;
  return { n: s.n, mean: s.shift + offset, m2: Math.max(0, s.s2 - s.s1 * offset) };
}
