import type { LiftJson, MetricResult } from './results';
import { formatSignificant } from '@/lib/format';

// Wording shared by the results page, the decision record and the registry's transition reason.

const MINUS = '\u2212';

/** 0.0312 → "+3.1%", −0.004 → "−0.4%". */
export function formatSignedPercent(fraction: number, digits = 1): string {
  const v = fraction * 100;
  const text = Math.abs(v).toFixed(digits);
  if (Number(text) === 0) return `${text}%`;
  return `${v < 0 ? MINUS : '+'}${text}%`;
}

/** A signed number with about four significant digits: +0.0123, −12.35. */
export function formatSigned(v: number): string {
  const text = formatSignificant(Math.abs(v), 4);
  if (Number(text) === 0) return '0';
  return `${v < 0 ? MINUS : '+'}${text}`;
}

/** p-values as journals print them: "p < 0.001" below a thousandth, else three decimals. */
export function formatPValue(p: number | null): string {
  if (p === null) return 'p n/a';
  return p < 0.001 ? 'p < 0.001' : `p = ${p.toFixed(3)}`;
}

export function formatRelativeLift(lift: LiftJson | null): string {
  if (!lift) return 'n/a';
  return `${formatSignedPercent(lift.estimate)} (95% CI ${formatSignedPercent(lift.ci_lower)} to ${formatSignedPercent(lift.ci_upper)})`;
}

export function formatAbsoluteLift(lift: LiftJson | null): string {
  if (!lift) return 'n/a';
  return `${formatSigned(lift.estimate)} (95% CI ${formatSigned(lift.ci_lower)} to ${formatSigned(lift.ci_upper)})`;
}

/** "accuracy: B vs A +3.1% (95% CI −1.2% to +7.4%), p = 0.160, not significant". */
export function describeMetricOutcome(metric: MetricResult, variant: string, control: string): string {
  const row = metric.variants.find((v) => v.variant === variant);
  if (!row || row.test === null) return `${metric.name}: ${variant} is the control`;
  if (row.p_value === null)
    return `${metric.name}: ${variant} vs ${control} not tested (${row.note ?? 'not enough data yet'})`;
  const verdict = row.significant
    ? `significantly ${row.verdict === 'better' ? 'better' : 'worse'}`
    : 'not significant';
  const lift = row.relative ? formatRelativeLift(row.relative) : formatAbsoluteLift(row.absolute);
  return `${metric.name}: ${variant} vs ${control} ${lift}, ${formatPValue(row.p_value)}, ${verdict}`;
}
