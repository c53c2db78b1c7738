'use client';

// Every chart, loaded after the page instead of with it: Recharts and d3 are ~140 KiB compressed, more than
// half of a page's first load, and charts render nothing useful on the server anyway (they size themselves to
// the box they land in). Pages import charts from here so that lists, tables and text arrive first.
import dynamic from 'next/dynamic';

/** Holds the chart's place (its height, so nothing jumps) and says it is coming. */
function placeholder(height: string) {
  function ChartPlaceholder() {
    return (
      <div role="status" className={`${height} w-full animate-pulse rounded-md bg-zinc-100 dark:bg-zinc-800`}>
        <span className="sr-only">Loading chart…</span>
      </div>
    );
  }
  return ChartPlaceholder;
}

export const MetricChart = dynamic(() => import('@/components/tracking/metric-chart').then((m) => m.MetricChart), {
  ssr: false,
  loading: placeholder('h-64'),
});
export const CompareMetricChart = dynamic(
  () => import('@/components/tracking/compare-metric-chart').then((m) => m.CompareMetricChart),
  { ssr: false, loading: placeholder('h-72') },
);
export const ParamScatter = dynamic(() => import('@/components/tracking/param-scatter').then((m) => m.ParamScatter), {
  ssr: false,
  loading: placeholder('h-80'),
});
export const IterationGainsChart = dynamic(
  () => import('@/components/overview/iteration-gains-chart').then((m) => m.IterationGainsChart),
  { ssr: false, loading: placeholder('h-56') },
);
export const VelocityChart = dynamic(() => import('@/components/board/velocity-chart').then((m) => m.VelocityChart), {
  ssr: false,
  loading: placeholder('h-64'),
});
export const BurndownChart = dynamic(() => import('@/components/board/burn-charts').then((m) => m.BurndownChart), {
  ssr: false,
  loading: placeholder('h-64'),
});
export const BurnupChart = dynamic(() => import('@/components/board/burn-charts').then((m) => m.BurnupChart), {
  ssr: false,
  loading: placeholder('h-64'),
});
export const LiftChart = dynamic(() => import('@/components/ab-tests/lift-chart').then((m) => m.LiftChart), {
  ssr: false,
  loading: placeholder('h-72'),
});
export const MeansChart = dynamic(() => import('@/components/ab-tests/means-chart').then((m) => m.MeansChart), {
  ssr: false,
  loading: placeholder('h-56'),
});
export const FeatureRankingChart = dynamic(
  () => import('@/components/monitoring/feature-ranking-chart').then((m) => m.FeatureRankingChart),
  { ssr: false, loading: placeholder('h-64') },
);
export const DriftScoreChart = dynamic(
  () => import('@/components/monitoring/drift-score-chart').then((m) => m.DriftScoreChart),
  { ssr: false, loading: placeholder('h-72') },
);
export const DistributionChart = dynamic(
  () => import('@/components/monitoring/distribution-chart').then((m) => m.DistributionChart),
  { ssr: false, loading: placeholder('h-72') },
);
export const PerformanceChart = dynamic(
  () => import('@/components/monitoring/performance-chart').then((m) => m.PerformanceChart),
  { ssr: false, loading: placeholder('h-72') },
);
export const ProductionCharts = dynamic(
  () => import('@/components/report/production-charts').then((m) => m.ProductionCharts),
  { ssr: false, loading: placeholder('h-64') },
);
export const VersionMetricChart = dynamic(
  () => import('@/components/registry/version-metric-chart').then((m) => m.VersionMetricChart),
  { ssr: false, loading: placeholder('h-56') },
);
export const RiskScoreChart = dynamic(
  () => import('@/components/risks/risk-score-chart').then((m) => m.RiskScoreChart),
  {
    ssr: false,
    loading: placeholder('h-56'),
  },
);
export const MetricHistoryChart = dynamic(
  () => import('@/components/success-metrics/metric-history-chart').then((m) => m.MetricHistoryChart),
  { ssr: false, loading: placeholder('h-72') },
);
export const MetricSparkline = dynamic(
  () => import('@/components/success-metrics/metric-sparkline').then((m) => m.MetricSparkline),
  { ssr: false, loading: placeholder('h-9') },
);
