// One health status for the project, read from its success metrics, open monitoring alerts and risks,
// so the overview never says "on track" in one place and "not yet" in another.
import { LIFECYCLE_STAGES, type LifecycleStage, STAGE_LABELS } from '../domain';
import { countOf } from '../format';
import { ALERT_KIND_LABELS, type AlertKind, type AlertSeverity } from '../monitoring/vocabulary';
import type { MetricStatus } from '../success-metrics/status';

export const PROJECT_HEALTHS = ['on_track', 'at_risk', 'off_track'] as const;
export type ProjectHealth = (typeof PROJECT_HEALTHS)[number];
export const HEALTH_LABELS: Record<ProjectHealth, string> = {
  on_track: 'On track',
  at_risk: 'At risk',
  off_track: 'Off track',
};

/** The longest status update body, checked by the server and shown as the field's counter. */
export const STATUS_UPDATE_MAX = 5000;

export type HealthFacts = {
  metrics: ReadonlyArray<{ name: string; isPrimary: boolean; status: MetricStatus }>;
  /** Unresolved alerts grouped by model and kind (see groupAlerts). */
  alerts: ReadonlyArray<AlertGroup>;
  risks: { critical: number; overdue: number };
};

export type HealthReason = { health: ProjectHealth; text: string };
export type HealthVerdict = { health: ProjectHealth; reasons: HealthReason[] };

const names = (ms: ReadonlyArray<{ name: string }>) => ms.map((m) => m.name).join(', ');

/**
 * Off track: a primary metric is off track, or a production model's quality dropped (an open critical
 * performance alert). At risk: a primary metric is at risk or unmeasured, no primary metric is defined,
 * another critical alert is open (drift), or a critical risk is open. On track otherwise. Every finding
 * is a reason, worst first, so the person sees why.
 */
export function deriveProjectHealth(f: HealthFacts): HealthVerdict {
  const reasons: HealthReason[] = [];
  const primary = f.metrics.filter((m) => m.isPrimary);
  const off = primary.filter((m) => m.status === 'off_track');
  if (off.length) reasons.push({ health: 'off_track', text: `Primary metric off track: ${names(off)}` });
  const openCritical = f.alerts.filter((a) => a.severity === 'critical' && a.open > 0);
  for (const a of openCritical.filter((x) => x.kind === 'performance'))
    reasons.push({
      health: 'off_track',
      text: `${a.model}: ${countOf(a.open, 'open critical performance alert')} (${a.subjects.join(', ')})`,
    });
  const atRisk = primary.filter((m) => m.status === 'at_risk');
  if (atRisk.length) reasons.push({ health: 'at_risk', text: `Primary metric at risk: ${names(atRisk)}` });
  const unmeasured = primary.filter((m) => m.status === 'no_data');
  if (unmeasured.length) reasons.push({ health: 'at_risk', text: `No value yet for: ${names(unmeasured)}` });
  if (primary.length === 0) reasons.push({ health: 'at_risk', text: 'No primary success metric is defined' });
  for (const a of openCritical.filter((x) => x.kind !== 'performance'))
    reasons.push({
      health: 'at_risk',
      text: `${a.model}: ${countOf(a.open, `open critical ${ALERT_KIND_LABELS[a.kind].toLowerCase()} alert`)}`,
    });
  if (f.risks.critical > 0)
    reasons.push({ health: 'at_risk', text: `${countOf(f.risks.critical, 'critical risk')} open in the register` });
  const health: ProjectHealth = reasons.some((r) => r.health === 'off_track')
    ? 'off_track'
    : reasons.length
      ? 'at_risk'
      : 'on_track';
  if (health === 'on_track') {
    const achieved = primary.every((m) => m.status === 'achieved');
    reasons.push({
      health,
      text: `${achieved ? 'Every primary metric is achieved' : 'Every primary metric is achieved or on track'}; no open critical alerts or critical risks`,
    });
  }
  return { health, reasons };
}

export type AlertGroup = {
  model: string;
  kind: AlertKind;
  severity: AlertSeverity;
  open: number;
  acknowledged: number;
  count: number;
  /** Features or metrics the alerts are about ('dataset' for dataset-level ones). */
  subjects: string[];
  lastSeenAt: number;
};

/** One row per model and kind (worst severity, newest sighting), critical and open groups first. */
export function groupAlerts(
  alerts: ReadonlyArray<{
    model: string;
    kind: AlertKind;
    subject: string;
    severity: AlertSeverity;
    status: 'open' | 'acknowledged' | 'resolved';
    lastSeenAt: number;
  }>,
): AlertGroup[] {
  const groups = new Map<string, AlertGroup>();
  for (const a of alerts) {
    if (a.status === 'resolved') continue;
    const key = `${a.model}\u0000${a.kind}`;
    const g = groups.get(key) ?? {
      model: a.model,
      kind: a.kind,
      severity: 'warning',
      open: 0,
      acknowledged: 0,
      count: 0,
      subjects: [],
      lastSeenAt: a.lastSeenAt,
    };
    g.count++;
    if (a.status === 'open') g.open++;
    else g.acknowledged++;
    if (a.severity === 'critical') g.severity = 'critical';
    const subject = a.subject === '*' ? 'dataset' : a.subject;
    if (!g.subjects.includes(subject)) g.subjects.push(subject);
    g.lastSeenAt = Math.max(g.lastSeenAt, a.lastSeenAt);
    groups.set(key, g);
  }
  const rank = (g: AlertGroup) => (g.severity === 'critical' ? 0 : 2) + (g.open > 0 ? 0 : 1);
  return [...groups.values()]
    .map((g) => ({ ...g, subjects: [...g.subjects].sort() }))
    .sort((a, b) => rank(a) - rank(b) || b.lastSeenAt - a.lastSeenAt || a.model.localeCompare(b.model));
}

/**
 * The stage says where the team is; a version in Production means the project has at least reached
 * deployment. When the stage lags behind, say so instead of showing "Define problem" beside a live model.
 */
export function stageMismatch(stage: LifecycleStage, productionVersions: number): string | null {
  if (productionVersions === 0) return null;
  if (LIFECYCLE_STAGES.indexOf(stage) >= LIFECYCLE_STAGES.indexOf('deploy')) return null;
  return `The stage is ${STAGE_LABELS[stage]}, but ${countOf(productionVersions, 'model version')} ${productionVersions === 1 ? 'is' : 'are'} in Production. Move the project to ${STAGE_LABELS.deploy} or ${STAGE_LABELS.monitor} in Lifecycle.`;
}
