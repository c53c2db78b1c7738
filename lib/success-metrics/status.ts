// Success metrics: whether a value meets its target, and whether progress keeps pace with the plan.

export const METRIC_KINDS = ['business', 'model', 'guardrail'] as const;
export type MetricKind = (typeof METRIC_KINDS)[number];

export const METRIC_DIRECTIONS = ['higher_better', 'lower_better', 'range', 'binary'] as const;
export type MetricDirection = (typeof METRIC_DIRECTIONS)[number];

/**
 * Where the current value comes from: check-ins typed by people, a run metric's best value, the Production
 * model version's metric, or a monitored model's live performance from its drift checks.
 */
export const METRIC_SOURCES = ['manual', 'run_metric', 'production_model', 'monitoring'] as const;
export type MetricSource = (typeof METRIC_SOURCES)[number];

/** A success metric's definition, as its form edits it and db/queries/success-metrics.ts stores it. */
export type SuccessMetricInput = {
  name: string;
  description: string;
  kind: MetricKind;
  direction: MetricDirection;
  unit: string;
  isPrimary: boolean;
  startValue: number | null;
  target: number | null;
  rangeMin: number | null;
  rangeMax: number | null;
  deadline: string;
  ownerId: string | null;
  source: MetricSource;
  sourceKey: string | null;
  sourceModel: string | null;
};

export const KIND_LABELS: Record<MetricKind, string> = { business: 'Business', model: 'Model', guardrail: 'Guardrail' };
export const DIRECTION_LABELS: Record<MetricDirection, string> = {
  higher_better: 'Higher is better',
  lower_better: 'Lower is better',
  range: 'Within a range',
  binary: 'Yes / no',
};
export const SOURCE_LABELS: Record<MetricSource, string> = {
  manual: 'Check-ins',
  run_metric: 'Best run metric',
  production_model: 'Production model version',
  monitoring: 'Monitoring (live performance)',
};

export const METRIC_STATUSES = ['achieved', 'on_track', 'at_risk', 'off_track', 'no_data'] as const;
export type MetricStatus = (typeof METRIC_STATUSES)[number];
export const STATUS_LABELS: Record<MetricStatus, string> = {
  achieved: 'Achieved',
  on_track: 'On track',
  at_risk: 'At risk',
  off_track: 'Off track',
  no_data: 'No data',
};

/** What a target is: one number with a direction, a [min, max] band, or "is 1 / true". */
export type MetricTarget = {
  direction: MetricDirection;
  target: number | null;
  rangeMin: number | null;
  rangeMax: number | null;
};

/**
 * Tolerances of the status against the planned straight line, in fractions of the whole way from the
 * start value to the target: up to 10% behind the line is still on track, up to 25% behind is at risk,
 * further behind is off track.
 */
export const ON_TRACK_TOLERANCE = 0.1;
export const AT_RISK_TOLERANCE = 0.25;
// Float noise (0.1 + 0.2 style) must not move a value that sits exactly on an edge.
const EPSILON = 1e-9;

/**
 * How far a value is from meeting the target, in the metric's unit; 0 means achieved.
 * Higher-better: shortfall below target; lower-better: excess above target; range: distance to the band;
 * binary: 0 when the value is 1 (true), 1 otherwise.
 */
export function distanceToTarget(t: MetricTarget, value: number): number {
  switch (t.direction) {
    case 'higher_better':
      return Math.max((t.target ?? 0) - value, 0);
    case 'lower_better':
      return Math.max(value - (t.target ?? 0), 0);
    case 'range':
      return Math.max((t.rangeMin ?? -Infinity) - value, 0, value - (t.rangeMax ?? Infinity));
    case 'binary':
      return value === 1 ? 0 : 1;
  }
}

/** Achieved respects direction: 80 ms against a 100 ms lower-better target is achieved (the seed's `current >= target` is not). */
export function isAchieved(t: MetricTarget, value: number | null | undefined): boolean {
  if (value === null || value === undefined || !Number.isFinite(value)) return false;
  return distanceToTarget(t, value) === 0;
}

/** The better of two values under the metric's direction (ties keep the first). */
export function isBetter(t: MetricTarget, candidate: number, than: number): boolean {
  switch (t.direction) {
    case 'higher_better':
    case 'binary':
      return candidate > than;
    case 'lower_better':
      return candidate < than;
    case 'range':
      return distanceToTarget(t, candidate) < distanceToTarget(t, than);
  }
}

/** The best of several values (a run metric's best value across runs), or null when there are none. */
export function bestValue(t: MetricTarget, values: readonly number[]): number | null {
  let best: number | null = null;
  for (const v of values) if (Number.isFinite(v) && (best === null || isBetter(t, v, best))) best = v;
  return best;
}

/** How much `to` improves on `from` (positive), in the metric's unit; 0 when it is not better. */
export function improvement(t: MetricTarget, from: number, to: number): number {
  if (!isBetter(t, to, from)) return 0;
  if (t.direction === 'range') return distanceToTarget(t, from) - distanceToTarget(t, to);
  return Math.abs(to - from);
}

/** The point on the planned straight line: the share of the way from start to target due by `now`. */
export function expectedProgress(createdAt: number, deadline: number, now: number): number {
  if (deadline <= createdAt) return 1;
  return Math.min(Math.max((now - createdAt) / (deadline - createdAt), 0), 1);
}

export type StatusInput = MetricTarget & {
  startValue: number | null;
  current: number | null;
  createdAt: number;
  deadline: number;
  now: number;
};

/** Achieved; else off track once the deadline has passed; else measured against the straight line from start to target. */
export function metricStatus(m: StatusInput): MetricStatus {
  if (m.current === null || !Number.isFinite(m.current)) return 'no_data';
  if (isAchieved(m, m.current)) return 'achieved';
  if (m.now >= m.deadline) return 'off_track';
  const start = m.direction === 'binary' ? 0 : m.startValue;
  if (start === null) return 'no_data';
  const startDistance = distanceToTarget(m, start);
  // The start already met the target (a guardrail): missing it now is a breach, with no plan to be on.
  if (startDistance === 0) return 'off_track';
  const actual = 1 - distanceToTarget(m, m.current) / startDistance;
  const behind = expectedProgress(m.createdAt, m.deadline, m.now) - actual;
  if (behind <= ON_TRACK_TOLERANCE + EPSILON) return 'on_track';
  if (behind <= AT_RISK_TOLERANCE + EPSILON) return 'at_risk';
  return 'off_track';
}

/** The planned straight line for charts: from the start value at creation to the target at the deadline. */
export function plannedLine(m: MetricTarget & { startValue: number | null; createdAt: number; deadline: number }) {
  const start = m.direction === 'binary' ? 0 : m.startValue;
  if (start === null) return null;
  let end: number | null;
  if (m.direction === 'range') {
    const lo = m.rangeMin ?? start;
    const hi = m.rangeMax ?? start;
    end = start < lo ? lo : start > hi ? hi : start;
  } else end = m.direction === 'binary' ? 1 : m.target;
  if (end === null) return null;
  return [
    { at: m.createdAt, value: start },
    { at: m.deadline, value: end },
  ];
}

/** Project success = every primary metric achieved; `missing` names those that are not. */
export function projectSuccess(
  metrics: ReadonlyArray<{ name: string; isPrimary: boolean; achieved: boolean; status?: MetricStatus }>,
) {
  const primary = metrics.filter((m) => m.isPrimary);
  const missing = primary.filter((m) => !m.achieved);
  return {
    success: primary.length > 0 && missing.length === 0,
    primaryCount: primary.length,
    missing: missing.map((m) => m.name),
    /** Primary metrics not achieved and not on track to be (at risk, off track or unmeasured). */
    behind: missing.filter((m) => m.status !== undefined && m.status !== 'on_track').map((m) => m.name),
  };
}

/** Points where the best value so far improved, in time order: a run metric's history of best values. */
export function bestSoFar(t: MetricTarget, points: ReadonlyArray<{ at: number; value: number }>) {
  const out: Array<{ at: number; value: number }> = [];
  for (const p of [...points].sort((a, b) => a.at - b.at)) {
    if (!Number.isFinite(p.value)) continue;
    const last = out.at(-1);
    if (!last || isBetter(t, p.value, last.value)) out.push({ at: p.at, value: p.value });
  }
  return out;
}

/** A check-in for a yes/no metric may be typed as yes/no, true/false or 1/0. */
export function parseCheckInValue(direction: MetricDirection, raw: string): number | null {
  const text = raw.trim().toLowerCase();
  if (direction === 'binary') {
    if (['1', 'true', 'yes', 'y'].includes(text)) return 1;
    if (['0', 'false', 'no', 'n'].includes(text)) return 0;
    return null;
  }
  if (text === '') return null;
  const n = Number(text);
  return Number.isFinite(n) ? n : null;
}

/** "≥ 0.9", "≤ 100 ms", "50–70 %", "yes": the target as people read it. */
export function describeTarget(t: MetricTarget, unit = ''): string {
  const u = unit ? ` ${unit}` : '';
  switch (t.direction) {
    case 'higher_better':
      return `≥ ${t.target}${u}`;
    case 'lower_better':
      return `≤ ${t.target}${u}`;
    case 'range':
      return `${t.rangeMin}–${t.rangeMax}${u}`;
    case 'binary':
      return 'yes';
  }
}

/** A deadline date (YYYY-MM-DD) counts until the end of that day, UTC. */
export function deadlineInstant(date: string): number {
  return Date.parse(`${date}T00:00:00Z`) + 86_400_000;
}

/** Today's date in UTC as YYYY-MM-DD. */
export const todayUtc = (now: number) => new Date(now).toISOString().slice(0, 10);

export type MetricDefinition = MetricTarget & {
  startValue: number | null;
  source: MetricSource;
  sourceKey: string | null;
  sourceModel: string | null;
};

/** The first cross-field mistake in a definition, named by its form field, or null when it is whole. */
export function metricDefinitionError(d: MetricDefinition): { field: string; message: string } | null {
  if ((d.direction === 'higher_better' || d.direction === 'lower_better') && d.target === null) {
    return { field: 'target', message: 'Enter the target value' };
  }
  if (d.direction === 'range') {
    if (d.rangeMin === null) return { field: 'rangeMin', message: 'Enter the lowest acceptable value' };
    if (d.rangeMax === null) return { field: 'rangeMax', message: 'Enter the highest acceptable value' };
    if (d.rangeMin > d.rangeMax)
      return { field: 'rangeMax', message: 'The highest value must not be below the lowest' };
  }
  if (d.direction !== 'binary' && d.startValue === null)
    return { field: 'startValue', message: 'Enter the value today, where the line to the target starts' };
  if (d.source !== 'manual' && !d.sourceKey)
    return { field: 'sourceKey', message: 'Name the metric key to read, e.g. accuracy' };
  if ((d.source === 'production_model' || d.source === 'monitoring') && !d.sourceModel)
    return { field: 'sourceModel', message: 'Name the registered model' };
  return null;
}

/** What the other person saved, for the conflict message a stale save gets. */
export function describeMetric(
  m: MetricDefinition & {
    name: string;
    unit: string;
    deadline: string;
    isPrimary: boolean;
    kind: MetricKind;
    ownerName?: string | null;
  },
): string {
  const source =
    m.source === 'manual'
      ? SOURCE_LABELS.manual
      : `${SOURCE_LABELS[m.source]} ${m.sourceModel ? `${m.sourceModel} · ` : ''}${m.sourceKey}`;
  return [
    `name “${m.name}”`,
    `${KIND_LABELS[m.kind].toLowerCase()}${m.isPrimary ? ', primary' : ''}`,
    `target ${describeTarget(m, m.unit)}`,
    `start ${m.direction === 'binary' ? 'no' : m.startValue}`,
    `deadline ${m.deadline}`,
    `owner ${m.ownerName ?? 'nobody'}`,
    `source ${source}`,
  ].join(', ');
}

/** One row per instant for the history chart: the recorded value and the planned line, either may be missing. */
export function historyChartData(
  history: ReadonlyArray<{ at: number; value: number }>,
  planned: ReadonlyArray<{ at: number; value: number }> | null,
) {
  const rows = new Map<number, { at: number; actual?: number; planned?: number }>();
  for (const p of history) rows.set(p.at, { ...rows.get(p.at), at: p.at, actual: p.value });
  for (const p of planned ?? []) rows.set(p.at, { ...rows.get(p.at), at: p.at, planned: p.value });
  return [...rows.values()].sort((a, b) => a.at - b.at);
}
