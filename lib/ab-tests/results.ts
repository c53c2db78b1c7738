import {
  AB_ALPHA,
  type AbComparison,
  type MetricKind,
  type Moments,
  type ShiftedSums,
  type SrmResult,
  checkSrm,
  compareVariants,
  emptyShiftedSums,
  guardrailFailed,
  liftVerdict,
  mergeMoments,
  momentsFromShiftedSums,
  normalQuantile,
  tQuantile,
  zeros,
} from '@/lib/stats';
import { type AbMetricConfig, type AbVariantConfig, primaryMetric } from './definition';

// The analysis of a test from its running sums: what GET …/results answers and the results page draws.
//
// Denominators: every exposed unit (assigned by the serving path, or known by an event it sent) counts in
// every metric, and a unit with no event for a metric counts as 0 — GrowthBook's rule for proportion
// metrics and, by default, for mean metrics too ("users who were exposed but did not have the metric are
// counted as zeros"). So a conversion rate is converted / exposed, and a revenue mean is revenue per exposed
// unit, not per paying one.

export type LiftJson = { estimate: number; se: number; ci_lower: number; ci_upper: number };

export type VariantResult = {
  variant: string;
  version: number;
  n: number;
  mean: number;
  sd: number;
  /**
   * Half-width of the 95% CI of the mean (t for continuous, normal for conversion); null below 2 units or
   * with no variance (0%, 100%, every value equal), where it would be a zero-width interval.
   */
  mean_ci_half_width: number | null;
  /** Null on the control row: every other variant is compared with it. */
  test: AbComparison['test'] | null;
  statistic: number | null;
  df: number | null;
  p_value: number | null;
  significant: boolean;
  absolute: LiftJson | null;
  relative: LiftJson | null;
  verdict: 'better' | 'worse' | 'inconclusive' | null;
  guardrail_failed: boolean | null;
  /** Why there is no test or interval (too few units, no variance); null when tested. */
  note: string | null;
};

export type MetricResult = AbMetricConfig & { primary: boolean; variants: VariantResult[] };

export type AbResults = {
  alpha: number;
  control: string;
  variants: (AbVariantConfig & { assigned: number })[];
  srm: SrmResult;
  metrics: MetricResult[];
};

export const sumsKey = (variant: string, metric: string) => `${variant}\u0000${metric}`;

const liftJson = (lift: AbComparison['absolute']): LiftJson | null =>
  lift ? { estimate: lift.estimate, se: lift.se, ci_lower: lift.ci[0], ci_upper: lift.ci[1] } : null;

function meanCiHalfWidth(n: number, sd: number, kind: MetricKind): number | null {
  if (n < 2 || !(sd > 0)) return null;
  const q = kind === 'continuous' ? tQuantile(1 - AB_ALPHA / 2, n - 1) : normalQuantile(1 - AB_ALPHA / 2);
  return (q * sd) / Math.sqrt(n);
}

function metricResult(
  metric: AbMetricConfig,
  variants: readonly (AbVariantConfig & { assigned: number })[],
  sums: ReadonlyMap<string, ShiftedSums>,
  primary: boolean,
): MetricResult {
  const [control, ...treatments] = variants;
  const arm = (v: AbVariantConfig & { assigned: number }) =>
    exposedMoments(sums.get(sumsKey(v.key, metric.name)) ?? emptyShiftedSums(), v.assigned);
  const controlMoments = arm(control!);
  const rows: VariantResult[] = [];
  let controlRow: VariantResult | null = null;
  for (const t of treatments) {
    const c = compareVariants(controlMoments, arm(t), metric.kind);
    controlRow ??= {
      variant: control!.key,
      version: control!.version,
      ...c.control,
      mean_ci_half_width: meanCiHalfWidth(c.control.n, c.control.sd, metric.kind),
      test: null,
      statistic: null,
      df: null,
      p_value: null,
      significant: false,
      absolute: null,
      relative: null,
      verdict: null,
      guardrail_failed: null,
      note: null,
    };
    rows.push({
      variant: t.key,
      version: t.version,
      ...c.treatment,
      mean_ci_half_width: meanCiHalfWidth(c.treatment.n, c.treatment.sd, metric.kind),
      test: c.test,
      statistic: c.statistic,
      df: c.df,
      p_value: c.p_value,
      significant: c.significant,
      absolute: liftJson(c.absolute),
      relative: liftJson(c.relative),
      verdict: liftVerdict(c, metric.direction),
      guardrail_failed: metric.guardrail ? guardrailFailed(c, metric.direction) : null,
      note: c.note,
    });
  }
  return { ...metric, primary, variants: [controlRow!, ...rows] };
}

/** An arm's moments over its exposed units: the units with an event, plus a 0 for each exposed unit without one. */
export function exposedMoments(withEvents: ShiftedSums, exposed: number): Moments {
  const m = momentsFromShiftedSums(withEvents);
  return mergeMoments(m, zeros(exposed - m.n));
}

/** Every metric for every variant against the control (variant A), and SRM over the assigned units. */
export function analyseAbTest(
  variants: readonly (AbVariantConfig & { assigned: number })[],
  metrics: readonly AbMetricConfig[],
  sums: ReadonlyMap<string, ShiftedSums>,
): AbResults {
  const primary = primaryMetric(metrics);
  return {
    alpha: AB_ALPHA,
    control: variants[0]!.key,
    variants: variants.map((v) => ({ key: v.key, version: v.version, weight: v.weight, assigned: v.assigned })),
    srm: checkSrm(
      variants.map((v) => v.assigned),
      variants.map((v) => v.weight),
    ),
    metrics: metrics.map((m) => metricResult(m, variants, sums, m === primary)),
  };
}

export type ShipWarnings = { srm: boolean; failedGuardrails: string[] };

/** Why shipping `variant` needs a confirmation: an SRM flag, or a guardrail that this variant fails. */
export function shipWarnings(results: AbResults, variant: string): ShipWarnings {
  const failedGuardrails = results.metrics
    .filter((m) => m.guardrail && m.variants.some((v) => v.variant === variant && v.guardrail_failed))
    .map((m) => m.name);
  return { srm: results.srm.flagged, failedGuardrails };
}

export function describeShipWarnings(w: ShipWarnings): string | null {
  const parts = [
    ...(w.srm ? ['the sample-ratio mismatch check flags the traffic split, so the results are not to be trusted'] : []),
    ...(w.failedGuardrails.length
      ? [`it fails the guardrail${w.failedGuardrails.length > 1 ? 's' : ''} ${w.failedGuardrails.join(', ')}`]
      : []),
  ];
  return parts.length ? parts.join('; and ') : null;
}
