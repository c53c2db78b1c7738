import { formatDateTime } from '@/lib/format';
import type { DriftTestName } from '@/lib/stats/drift';
import type { PsiBand } from '@/lib/stats/psi';
import { rankByDrift, type FeatureReport } from './drift-report';
import type { MetricName, PerformanceResult } from './performance';

// Series for the monitoring charts, shaped on the server from stored checks (oldest first, one point per
// check that produced numbers).

type CheckLike = {
  id: string;
  status: string;
  windowStart: Date;
  windowEnd: Date;
  features: FeatureReport[];
  performance: PerformanceResult[];
};

export type DriftPoint = {
  t: number;
  window: string;
  psi: number | null;
  statistic: number | null;
  p_value: number | null;
  test: DriftTestName;
  drifted: boolean;
};

export type PerformancePoint = {
  t: number;
  window: string;
  value: number | null;
  baseline: number | null;
  threshold: number | null;
  degraded: boolean;
  n: number;
};

export type RankedFeature = {
  feature: string;
  psi: number;
  band: PsiBand | null;
  drifted: boolean;
  test: DriftTestName;
};

const label = (c: CheckLike) =>
  `${formatDateTime(c.windowStart.getTime())} – ${formatDateTime(c.windowEnd.getTime())} UTC`;
const chronological = (checks: readonly CheckLike[]) =>
  checks
    .filter((c) => c.status === 'done')
    .sort((a, b) => a.windowEnd.getTime() - b.windowEnd.getTime() || a.windowStart.getTime() - b.windowStart.getTime());

/** One feature's PSI and test verdict per check; "not enough data" checks are left out. */
export function driftSeries(checks: readonly CheckLike[], feature: string): DriftPoint[] {
  return chronological(checks).flatMap((c) => {
    const f = c.features.find((x) => x.feature === feature);
    if (!f || f.test === 'not_enough_data') return [];
    return [
      {
        t: c.windowEnd.getTime(),
        window: label(c),
        psi: f.psi,
        statistic: f.statistic,
        p_value: f.p_value ?? null,
        test: f.test,
        drifted: f.drifted,
      },
    ];
  });
}

export function performanceSeries(checks: readonly CheckLike[], metric: MetricName): PerformancePoint[] {
  return chronological(checks).flatMap((c) => {
    const p = c.performance.find((x) => x.metric === metric);
    if (!p || p.value === null || p.status === 'not_enough_data') return [];
    return [
      {
        t: c.windowEnd.getTime(),
        window: label(c),
        value: p.value,
        baseline: p.baseline,
        threshold: p.threshold,
        degraded: p.degraded,
        n: p.n,
      },
    ];
  });
}

/** The latest check's features in "ranked by drift" order, for the bar chart (untested features left out). */
export function rankedFeatures(features: readonly FeatureReport[]): RankedFeature[] {
  return rankByDrift(features.filter((f) => f.test !== 'not_enough_data' && f.psi !== null)).map((f) => ({
    feature: f.feature,
    psi: f.psi!,
    band: f.psi_band,
    drifted: f.drifted,
    test: f.test,
  }));
}

/** The features a chart can show, most drifted first, and the one to show: the asked-for one if known. */
export function chooseFeature(
  features: readonly FeatureReport[],
  asked: string | undefined,
): { options: string[]; chosen: string | null } {
  const options = rankByDrift(features).map((f) => f.feature);
  return { options, chosen: asked && options.includes(asked) ? asked : (options[0] ?? null) };
}
