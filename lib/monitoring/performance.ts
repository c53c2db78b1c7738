import { MIN_WINDOW_ROWS } from '@/lib/stats/drift';
import { assessDegradation } from '@/lib/stats/performance';

// Model quality of a window from aggregates the database computes (a confusion table, or error moments),
// so a check never pulls every labelled row into memory; then the degradation rule of lib/stats.

export const TASKS = ['classification', 'regression'] as const;
export type Task = (typeof TASKS)[number];
export const METRICS = { classification: ['accuracy', 'f1'], regression: ['mae', 'rmse'] } as const satisfies Record<
  Task,
  readonly string[]
>;
export type MetricName = 'accuracy' | 'f1' | 'mae' | 'rmse';
export const METRIC_LABELS: Record<MetricName, string> = {
  accuracy: 'Accuracy',
  f1: 'F1 (macro)',
  mae: 'MAE',
  rmse: 'RMSE',
};
export const HIGHER_IS_BETTER: Record<MetricName, boolean> = { accuracy: true, f1: true, mae: false, rmse: false };

export type ConfusionCell = { predicted: string; actual: string; count: number };
/** Sums over the labelled rows: |e| and e² moments with sample standard deviations (n − 1). */
export type ErrorMoments = { n: number; meanAbs: number; sdAbs: number; meanSq: number; sdSq: number };

export type MetricValue = { metric: MetricName; value: number; n: number; se?: number };

/** Accuracy and macro F1 (sklearn average='macro': every label seen as actual or predicted) from a confusion table. */
export function classificationMetrics(cells: readonly ConfusionCell[]): MetricValue[] {
  const n = cells.reduce((s, c) => s + c.count, 0);
  if (n === 0) return [];
  const correct = cells.filter((c) => c.predicted === c.actual).reduce((s, c) => s + c.count, 0);
  const labels = [...new Set(cells.flatMap((c) => [c.predicted, c.actual]))];
  const f1s = labels.map((label) => {
    let tp = 0;
    let fp = 0;
    let fn = 0;
    for (const c of cells) {
      if (c.predicted === label && c.actual === label) tp += c.count;
      else if (c.predicted === label) fp += c.count;
      else if (c.actual === label) fn += c.count;
    }
    return tp === 0 ? 0 : (2 * tp) / (2 * tp + fp + fn);
  });
  return [
    { metric: 'accuracy', value: correct / n, n },
    { metric: 'f1', value: f1s.reduce((s, v) => s + v, 0) / labels.length, n },
  ];
}

/** MAE and RMSE with their standard errors (lib/stats maeStandardError / rmseStandardError, from moments). */
export function regressionMetrics(m: ErrorMoments): MetricValue[] {
  if (m.n === 0) return [];
  const rmse = Math.sqrt(m.meanSq);
  return [
    { metric: 'mae', value: m.meanAbs, n: m.n, se: m.sdAbs / Math.sqrt(m.n) },
    { metric: 'rmse', value: rmse, n: m.n, se: rmse === 0 ? 0 : m.sdSq / Math.sqrt(m.n) / (2 * rmse) },
  ];
}

export type PerformanceResult = {
  metric: MetricName;
  value: number | null;
  n: number;
  baseline: number | null;
  baseline_source: 'reference' | 'registered' | null;
  /** 0.95 × baseline, or baseline / 0.95 for losses. */
  threshold: number | null;
  z: number | null;
  p_value: number | null;
  degraded: boolean;
  status: 'ok' | 'degraded' | 'not_enough_data' | 'no_baseline';
};

/** The degradation verdict for one metric: worse than 0.95 × baseline (mirrored for losses) and beyond sampling noise. */
export function judgeMetric(
  current: MetricValue | undefined,
  metric: MetricName,
  baseline: { value: number; source: 'reference' | 'registered' } | null,
): PerformanceResult {
  const base = {
    metric,
    value: current?.value ?? null,
    n: current?.n ?? 0,
    baseline: baseline?.value ?? null,
    baseline_source: baseline?.source ?? null,
  };
  const empty = { threshold: null, z: null, p_value: null, degraded: false };
  if (!current || current.n < MIN_WINDOW_ROWS) return { ...base, ...empty, status: 'not_enough_data' };
  if (!baseline || !Number.isFinite(baseline.value)) return { ...base, ...empty, status: 'no_baseline' };
  const higher = HIGHER_IS_BETTER[metric];
  // Proportions use the binomial SE at the baseline (lib/stats' default); losses carry their own SE.
  const proportion = higher && baseline.value >= 0 && baseline.value <= 1;
  const se = proportion ? undefined : (current.se ?? 0);
  const verdict = assessDegradation(current.value, baseline.value, higher, current.n, se);
  return {
    ...base,
    threshold: verdict.threshold,
    z: Number.isFinite(verdict.z) ? verdict.z : null,
    p_value: verdict.p_value,
    degraded: verdict.degraded,
    status: verdict.degraded ? 'degraded' : 'ok',
  };
}
