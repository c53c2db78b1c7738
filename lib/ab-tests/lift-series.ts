import { type MetricKind, type ShiftedSums, addShiftedSums, compareVariants, emptyShiftedSums } from '@/lib/stats';
import { exposedMoments } from './results';

// Cumulative relative lift over time: the daily additions to the sums, added up day by day, each day's
// totals analysed like the final result — over the units exposed by that day, a unit without an event
// counting as 0. It shows whether an early effect held or faded.

export type DailySums = ShiftedSums & { day: string; variant: string };
export type DailyExposures = { day: string; variant: string; n: number };
export type LiftAtDay = { lift: number; lower: number; upper: number; p_value: number | null };
export type LiftPoint = { day: string; units: number; lifts: Record<string, LiftAtDay | null> };

// Below this many units per arm the first days' intervals are so wide they flatten the rest of the chart.
export const LIFT_CHART_MIN_UNITS = 30;

/**
 * Relative lift (in %) of each treatment against `control`, cumulative up to each day that has data. Days
 * before every arm reaches `minUnitsPerArm` are left out, unless that would leave nothing to draw.
 */
export function cumulativeLift(
  daily: readonly DailySums[],
  exposures: readonly DailyExposures[],
  control: string,
  treatments: readonly string[],
  kind: MetricKind,
  minUnitsPerArm = 0,
): LiftPoint[] {
  const days = [...new Set(daily.map((d) => d.day))].sort();
  const arms = [control, ...treatments];
  const totals = new Map<string, ShiftedSums>(arms.map((v) => [v, emptyShiftedSums()]));
  const exposed = new Map<string, number>(arms.map((v) => [v, 0]));
  const byDay = new Map<string, DailySums[]>();
  for (const d of daily) byDay.set(d.day, [...(byDay.get(d.day) ?? []), d]);
  const sortedExposures = [...exposures].sort((a, b) => (a.day < b.day ? -1 : a.day > b.day ? 1 : 0));
  let e = 0;
  const points = days.map((day) => {
    for (const d of byDay.get(day)!) {
      const prev = totals.get(d.variant);
      if (prev) totals.set(d.variant, addShiftedSums(prev, d));
    }
    for (; e < sortedExposures.length && sortedExposures[e]!.day <= day; e++) {
      const x = sortedExposures[e]!;
      if (exposed.has(x.variant)) exposed.set(x.variant, exposed.get(x.variant)! + x.n);
    }
    const moments = new Map(arms.map((v) => [v, exposedMoments(totals.get(v)!, exposed.get(v)!)]));
    const lifts: Record<string, LiftAtDay | null> = {};
    for (const t of treatments) {
      const rel = compareVariants(moments.get(control)!, moments.get(t)!, kind);
      lifts[t] = rel.relative
        ? {
            lift: rel.relative.estimate * 100,
            lower: rel.relative.ci[0] * 100,
            upper: rel.relative.ci[1] * 100,
            p_value: rel.p_value,
          }
        : null;
    }
    const units = [...moments.values()].reduce((s, v) => s + v.n, 0);
    return { point: { day, units, lifts }, smallest: Math.min(...[...moments.values()].map((v) => v.n)) };
  });
  const enough = points.filter((p) => p.smallest >= minUnitsPerArm);
  return (enough.length ? enough : points).map((p) => p.point);
}
