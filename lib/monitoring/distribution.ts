import type { CategoryValue } from '@/lib/stats/psi';
import { formatSignificant } from '@/lib/format';

// Reference vs current distributions for the charts: equal-width histograms over the pooled range for
// numeric features, category shares for categorical ones. Shares (not counts) so windows of different
// sizes compare at a glance.

export type DistributionBin = { label: string; reference: number; current: number };
export type Distribution = { kind: 'numeric' | 'categorical'; bins: DistributionBin[] };

export const HISTOGRAM_BINS = 20;
export const MAX_CATEGORIES = 12;
export const OTHER_CATEGORY = '(other)';

const fmt = (v: number) => formatSignificant(v, 4);

function extent(values: readonly number[]): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of values) {
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  return [lo, hi];
}

export function numericDistribution(
  reference: readonly number[],
  current: readonly number[],
  bins = HISTOGRAM_BINS,
): Distribution {
  const [rLo, rHi] = extent(reference);
  const [cLo, cHi] = extent(current);
  const lo = Math.min(rLo, cLo);
  const hi = Math.max(rHi, cHi);
  if (!Number.isFinite(lo) || !Number.isFinite(hi)) return { kind: 'numeric', bins: [] };
  if (lo === hi)
    return {
      kind: 'numeric',
      bins: [{ label: fmt(lo), reference: reference.length ? 1 : 0, current: current.length ? 1 : 0 }],
    };
  const width = (hi - lo) / bins;
  const count = (values: readonly number[]) => {
    const out = new Array<number>(bins).fill(0);
    for (const v of values) out[Math.min(bins - 1, Math.floor((v - lo) / width))]!++;
    return out.map((c) => (values.length ? c / values.length : 0));
  };
  const ref = count(reference);
  const cur = count(current);
  return {
    kind: 'numeric',
    bins: ref.map((r, i) => ({
      label: `${fmt(lo + i * width)}–${fmt(lo + (i + 1) * width)}`,
      reference: r,
      current: cur[i]!,
    })),
  };
}

/** The most frequent categories (by pooled share) and the rest folded into "(other)". */
export function categoricalDistribution(
  reference: readonly CategoryValue[],
  current: readonly CategoryValue[],
  max = MAX_CATEGORIES,
): Distribution {
  const tally = (values: readonly CategoryValue[]) => {
    const m = new Map<string, number>();
    for (const v of values) m.set(String(v), (m.get(String(v)) ?? 0) + 1);
    return m;
  };
  const ref = tally(reference);
  const cur = tally(current);
  const share = (m: Map<string, number>, n: number, key: string) => (n ? (m.get(key) ?? 0) / n : 0);
  const pooled = (key: string) => share(ref, reference.length, key) + share(cur, current.length, key);
  const keys = [...new Set([...ref.keys(), ...cur.keys()])].sort((a, b) => pooled(b) - pooled(a) || a.localeCompare(b));
  const shown = keys.length > max ? keys.slice(0, max - 1) : keys;
  const bins = shown.map((label) => ({
    label,
    reference: share(ref, reference.length, label),
    current: share(cur, current.length, label),
  }));
  if (shown.length < keys.length) {
    const sum = (pick: (b: DistributionBin) => number) => 1 - bins.reduce((s, b) => s + pick(b), 0);
    bins.push({
      label: OTHER_CATEGORY,
      reference: reference.length ? sum((b) => b.reference) : 0,
      current: current.length ? sum((b) => b.current) : 0,
    });
  }
  return { kind: 'categorical', bins };
}
