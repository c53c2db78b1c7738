import type { DatasetDrift } from '@/lib/stats/drift';
import type { FeatureReport } from './drift-report';
import { METRIC_LABELS, type PerformanceResult } from './performance';
import { formatSignificant } from '@/lib/format';
import { type AlertKind, type AlertSeverity, type AlertStatus, DATASET_SUBJECT } from './vocabulary';

// What a check found that deserves an alert, and the key alerts are deduplicated on: one open (or
// acknowledged) alert per model + kind + subject (a feature, a metric, or the dataset as a whole).

export type Finding = {
  kind: AlertKind;
  subject: string;
  severity: AlertSeverity;
  message: string;
  details: Record<string, unknown>;
};

export const alertKey = (f: Pick<Finding, 'kind' | 'subject'>) => `${f.kind}\u0000${f.subject}`;

const fmt = (v: number | null | undefined) => formatSignificant(v, 3);

export function driftFinding(f: FeatureReport): Finding | null {
  if (!f.drifted) return null;
  const how =
    f.p_value !== undefined ? `${f.test} p = ${fmt(f.p_value)}` : `${f.test} = ${fmt(f.statistic)} (≥ ${f.threshold})`;
  return {
    kind: 'drift',
    subject: f.feature,
    severity: f.psi_band === 'significant' ? 'critical' : 'warning',
    message: `${f.feature} drifted: ${how}, PSI ${fmt(f.psi)} (${f.psi_band ?? 'n/a'}).`,
    details: {
      test: f.test,
      statistic: f.statistic,
      p_value: f.p_value ?? null,
      psi: f.psi,
      psi_band: f.psi_band,
      threshold: f.threshold,
    },
  };
}

export function datasetFinding(d: DatasetDrift): Finding | null {
  if (!d.dataset_drift) return null;
  return {
    kind: 'dataset_drift',
    subject: DATASET_SUBJECT,
    severity: 'critical',
    message: `Dataset drift: ${d.drifted_features} of ${d.tested_features} features drifted (${Math.round(d.share * 100)}% ≥ 50%).`,
    details: { ...d },
  };
}

export function performanceFinding(p: PerformanceResult): Finding | null {
  if (!p.degraded) return null;
  return {
    kind: 'performance',
    subject: p.metric,
    severity: 'critical',
    message: `${METRIC_LABELS[p.metric]} ${fmt(p.value)} is worse than ${fmt(p.threshold)} (95% of the baseline ${fmt(p.baseline)}), p = ${fmt(p.p_value)} on ${p.n} labelled rows.`,
    details: {
      value: p.value,
      baseline: p.baseline,
      threshold: p.threshold,
      n: p.n,
      z: p.z,
      p_value: p.p_value,
      baseline_source: p.baseline_source,
    },
  };
}

const SEVERITY_RANK: Record<AlertSeverity, number> = { warning: 0, critical: 1 };

/** One finding per key; when a key repeats, the more severe one wins (then the later one). */
export function dedupeFindings(findings: readonly Finding[]): Finding[] {
  const byKey = new Map<string, Finding>();
  for (const f of findings) {
    const prev = byKey.get(alertKey(f));
    if (!prev || SEVERITY_RANK[f.severity] >= SEVERITY_RANK[prev.severity]) byKey.set(alertKey(f), f);
  }
  return [...byKey.values()];
}

export function findingsOf(check: {
  features: readonly FeatureReport[];
  dataset: DatasetDrift | null;
  performance: readonly PerformanceResult[];
}): Finding[] {
  const all = [
    ...check.features.map(driftFinding),
    check.dataset ? datasetFinding(check.dataset) : null,
    ...check.performance.map(performanceFinding),
  ].filter((f): f is Finding => f !== null);
  return dedupeFindings(all);
}

/** Severity never goes down while an alert stays open: a later, milder finding keeps it critical. */
export const mergedSeverity = (a: AlertSeverity, b: AlertSeverity): AlertSeverity =>
  SEVERITY_RANK[a] >= SEVERITY_RANK[b] ? a : b;

/** The transitions a person may make: open → acknowledged → resolved, and open → resolved directly. */
export function canTransition(from: AlertStatus, to: AlertStatus): boolean {
  if (from === 'open') return to === 'acknowledged' || to === 'resolved';
  if (from === 'acknowledged') return to === 'resolved';
  return false;
}
