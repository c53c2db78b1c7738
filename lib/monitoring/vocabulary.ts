// Names and labels of monitoring's alerts and drift tests, with no statistics attached, so client components
// can show them without shipping the statistics code to the browser.
import type { DriftTestName } from '@/lib/stats/drift';

export const ALERT_KINDS = ['drift', 'dataset_drift', 'performance'] as const;
export type AlertKind = (typeof ALERT_KINDS)[number];
export const ALERT_KIND_LABELS: Record<AlertKind, string> = {
  drift: 'Feature drift',
  dataset_drift: 'Dataset drift',
  performance: 'Performance drop',
};

export const ALERT_STATUSES = ['open', 'acknowledged', 'resolved'] as const;
export type AlertStatus = (typeof ALERT_STATUSES)[number];
/** The alerts list's status filter: `active` is open and acknowledged together. */
export type AlertFilter = 'active' | 'all' | AlertStatus;

export function parseAlertFilter(v: string | string[] | undefined): AlertFilter {
  const s = Array.isArray(v) ? v[0] : v;
  return s === 'open' || s === 'resolved' || s === 'all' || s === 'acknowledged' ? s : 'active';
}

export const ALERT_STATUS_LABELS: Record<AlertStatus, string> = {
  open: 'Open',
  acknowledged: 'Acknowledged',
  resolved: 'Resolved',
};

export const ALERT_SEVERITIES = ['warning', 'critical'] as const;
export type AlertSeverity = (typeof ALERT_SEVERITIES)[number];

/** The subject of a dataset-level alert (feature and metric names are the subject otherwise). */
export const DATASET_SUBJECT = '*';

export const TEST_LABELS: Record<DriftTestName, string> = {
  ks: 'Kolmogorov–Smirnov',
  chi_square: 'χ²',
  z_test: 'Two-proportion z',
  wasserstein_normed: 'Wasserstein (normed)',
  jensen_shannon: 'Jensen–Shannon distance',
  not_enough_data: 'Not enough data',
};
