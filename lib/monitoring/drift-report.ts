import {
  type DatasetDrift,
  type DriftValue,
  type FeatureDrift,
  type FeatureKind,
  detectDatasetDrift,
  detectFeatureDrift,
} from '@/lib/stats/drift';
import type { CategoryValue } from '@/lib/stats/psi';
import { type Distribution, categoricalDistribution, numericDistribution } from './distribution';

// One drift check's numbers: each monitored feature of the reference rows against the current rows, by
// the test lib/stats picks, plus the chart distributions and the dataset verdict.

export type FeatureSpec = { name: string; kind: FeatureKind };
export type FeatureRows = ReadonlyArray<Record<string, unknown>>;

export type FeatureReport = FeatureDrift & { kind: FeatureKind; distribution: Distribution | null };
export type DriftReport = { features: FeatureReport[]; dataset: DatasetDrift };

const asValue = (v: unknown): DriftValue =>
  typeof v === 'number' || typeof v === 'string' || typeof v === 'boolean' ? v : null;

function column(rows: FeatureRows, name: string): DriftValue[] {
  return rows.map((r) => asValue(r[name]));
}

const numbers = (values: DriftValue[]) =>
  values.filter((v): v is number => typeof v === 'number' && Number.isFinite(v));
const categories = (values: DriftValue[]) => values.filter((v): v is CategoryValue => v !== null && v !== undefined);

export function featureReport(spec: FeatureSpec, reference: FeatureRows, current: FeatureRows): FeatureReport {
  const ref = column(reference, spec.name);
  const cur = column(current, spec.name);
  const drift = detectFeatureDrift(ref, cur, spec.kind, spec.name);
  const distribution =
    drift.reference_size + drift.current_size === 0
      ? null
      : spec.kind === 'numeric'
        ? numericDistribution(numbers(ref), numbers(cur))
        : categoricalDistribution(categories(ref), categories(cur));
  return { ...drift, kind: spec.kind, distribution };
}

export function buildDriftReport(
  specs: readonly FeatureSpec[],
  reference: FeatureRows,
  current: FeatureRows,
): DriftReport {
  const features = specs.map((s) => featureReport(s, reference, current));
  return { features, dataset: detectDatasetDrift(features) };
}

/** Drifted first, then by PSI (the one score every test reports), then by name: the "ranked by drift" order. */
export function rankByDrift<T extends Pick<FeatureDrift, 'feature' | 'drifted' | 'psi'>>(features: readonly T[]): T[] {
  return [...features].sort(
    (a, b) =>
      Number(b.drifted) - Number(a.drifted) || (b.psi ?? -1) - (a.psi ?? -1) || a.feature.localeCompare(b.feature),
  );
}
