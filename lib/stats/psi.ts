import { formatSignificant } from '@/lib/format';

/**
 * Population Stability Index, PSI = Σ (aᵢ − eᵢ)·ln(aᵢ / eᵢ) over bins, with eᵢ the reference share
 * and aᵢ the current share of bin i (the symmetrised Kullback–Leibler divergence).
 *
 * Binning follows Evidently's `get_binned_data` ("split variable into n buckets based on reference
 * quantiles"): numeric features get quantile bins cut from the *reference* (deciles — the usual
 * credit-scoring convention — with open outer bins so current values beyond the reference range
 * still count); categorical features use one bin per category over the union of both windows.
 *
 * Empty bins: ln(0) is undefined, so a zero share is replaced the way Evidently does it — by 0.0001,
 * or by (smallest non-zero share) / 10⁶ when that share is itself ≤ 0.0001 — per window, without
 * renormalising.
 *
 * Bands (PRODUCT.md, the common rule of thumb): < 0.1 stable, 0.1–0.2 moderate, ≥ 0.2 significant.
 */

export type PsiBand = 'stable' | 'moderate' | 'significant';

export type PsiResult = {
  psi: number;
  band: PsiBand;
  /** Bin labels: category names, or numeric ranges like "(1.5, 2.75]". */
  bins: string[];
  reference_shares: number[];
  current_shares: number[];
};

export type CategoryValue = string | number | boolean;

/** Evidently's fill value for empty bins (evidently/calculations/stattests/utils.py). */
export const PSI_EMPTY_BIN_SHARE = 0.0001;
export const PSI_DEFAULT_BINS = 10;

export function psiBand(psi: number): PsiBand {
  if (psi < 0.1) return 'stable';
  if (psi < 0.2) return 'moderate';
  return 'significant';
}

function fillEmpty(shares: readonly number[]): number[] {
  const nonZero = shares.filter((s) => s > 0);
  if (nonZero.length === 0) return shares.map(() => PSI_EMPTY_BIN_SHARE);
  const smallest = Math.min(...nonZero);
  const fill = smallest <= PSI_EMPTY_BIN_SHARE ? smallest / 1e6 : PSI_EMPTY_BIN_SHARE;
  return shares.map((s) => (s === 0 ? fill : s));
}

/** PSI from per-bin shares (each summing to about 1), after the empty-bin fill. */
export function psiFromShares(reference: readonly number[], current: readonly number[]): number {
  if (reference.length !== current.length || reference.length === 0) {
    throw new RangeError('Reference and current need the same, non-zero number of bins.');
  }
  const e = fillEmpty(reference);
  const a = fillEmpty(current);
  return e.reduce((sum, ei, i) => sum + (a[i]! - ei) * Math.log(a[i]! / ei), 0);
}

/** numpy's default (linear, "type 7") quantile of sorted values. */
export function quantileSorted(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) throw new RangeError('No values to take a quantile of.');
  const h = (sorted.length - 1) * p;
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, sorted.length - 1);
  return sorted[lo]! + (h - lo) * (sorted[hi]! - sorted[lo]!);
}

/** Interior cut points at the reference's 1/bins … (bins−1)/bins quantiles, duplicates removed (ties). */
export function quantileEdges(reference: readonly number[], bins = PSI_DEFAULT_BINS): number[] {
  const sorted = reference.filter((v) => Number.isFinite(v)).sort((a, b) => a - b);
  const edges: number[] = [];
  for (let b = 1; b < bins; b++) {
    const edge = quantileSorted(sorted, b / bins);
    if (edges.length === 0 || edge > edges[edges.length - 1]!) edges.push(edge);
  }
  return edges;
}

/** Counts per right-closed bin: (−∞, e₁], (e₁, e₂], …, (e_k, ∞). Non-finite values are skipped. */
export function binCounts(values: readonly number[], edges: readonly number[]): number[] {
  const counts = Array<number>(edges.length + 1).fill(0);
  for (const v of values) {
    if (!Number.isFinite(v)) continue;
    let lo = 0;
    let hi = edges.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (v <= edges[mid]!) hi = mid;
      else lo = mid + 1;
    }
    counts[lo]!++;
  }
  return counts;
}

const shares = (counts: readonly number[]) => {
  const total = counts.reduce((s, c) => s + c, 0);
  return counts.map((c) => (total > 0 ? c / total : 0));
};

function binLabels(edges: readonly number[]): string[] {
  return Array.from({ length: edges.length + 1 }, (_, i) => {
    const lo = i === 0 ? '-∞' : formatSignificant(edges[i - 1]!, 6);
    const hi = i === edges.length ? '∞' : formatSignificant(edges[i]!, 6);
    return `(${lo}, ${hi}]`;
  });
}

/** PSI of a numeric feature over reference-quantile bins. */
export function psiNumeric(
  reference: readonly number[],
  current: readonly number[],
  bins = PSI_DEFAULT_BINS,
): PsiResult {
  const edges = quantileEdges(reference, bins);
  const reference_shares = shares(binCounts(reference, edges));
  const current_shares = shares(binCounts(current, edges));
  const psi = psiFromShares(reference_shares, current_shares);
  return { psi, band: psiBand(psi), bins: binLabels(edges), reference_shares, current_shares };
}

/** Category counts of two windows over the union of their categories (sorted, as strings). */
export function categoryCounts(
  reference: readonly CategoryValue[],
  current: readonly CategoryValue[],
): { categories: string[]; reference: number[]; current: number[] } {
  const ref = new Map<string, number>();
  const cur = new Map<string, number>();
  for (const v of reference) ref.set(String(v), (ref.get(String(v)) ?? 0) + 1);
  for (const v of current) cur.set(String(v), (cur.get(String(v)) ?? 0) + 1);
  const categories = [...new Set([...ref.keys(), ...cur.keys()])].sort();
  return {
    categories,
    reference: categories.map((c) => ref.get(c) ?? 0),
    current: categories.map((c) => cur.get(c) ?? 0),
  };
}

/** PSI of a categorical feature, one bin per category seen in either window. */
export function psiCategorical(reference: readonly CategoryValue[], current: readonly CategoryValue[]): PsiResult {
  const counts = categoryCounts(reference, current);
  const reference_shares = shares(counts.reference);
  const current_shares = shares(counts.current);
  const psi = psiFromShares(reference_shares, current_shares);
  return { psi, band: psiBand(psi), bins: counts.categories, reference_shares, current_shares };
}
