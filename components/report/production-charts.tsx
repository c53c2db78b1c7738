'use client';

import {
  Bar,
  BarChart,
  CartesianGrid,
  Cell,
  ReferenceLine,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { MeansChart } from '@/components/ab-tests/means-chart';
import { AXIS, DRIFT_COLORS, GRID, TOOLTIP_STYLE } from '@/components/charts/theme';
import { EmptyActionLink } from '@/components/ui/empty-state';
import { ALERT_KIND_LABELS } from '@/lib/monitoring/vocabulary';
import type { ProductionHealth } from '@/lib/report/production';

const rowHeight = (n: number) => 64 + n * 32;

/** Charts of the report's production health: open alerts per model and kind, drift per model, A/B means. */
export function ProductionCharts({
  production,
  project,
}: {
  production: ProductionHealth;
  /** On screen, an empty report links to where its charts fill; the printed one has no links. */
  project?: string;
}) {
  const alerts = production.alerts.map((a) => ({
    label: `${a.model} · ${ALERT_KIND_LABELS[a.kind]}`,
    count: a.count,
    critical: a.severity === 'critical',
  }));
  const drift = production.monitors
    .filter((m) => m.driftShare !== null)
    .map((m) => ({ model: m.model, share: Math.round((m.driftShare ?? 0) * 100) }));
  const tests = production.abTests.filter((t) => t.variants.some((v) => v.n > 0));
  if (alerts.length === 0 && drift.length === 0 && tests.length === 0)
    return (
      <div>
        <p className="text-sm text-zinc-600 dark:text-zinc-400">
          Nothing to chart yet: monitor a model or run an A/B test, and its charts appear here.
        </p>
        {project && (
          <div className="flex flex-wrap gap-2 print:hidden">
            <EmptyActionLink action={{ href: `/${project}/monitoring#start-monitoring`, label: 'Monitor a model' }} />
            <EmptyActionLink action={{ href: `/${project}/ab-tests#new-ab-test`, label: 'New A/B test' }} />
          </div>
        )}
      </div>
    );
  return (
    <div className="flex flex-col gap-6 print:break-inside-avoid">
      {alerts.length > 0 && (
        <figure aria-label="Open alerts per model and kind" className="w-full max-w-2xl">
          <figcaption className="mb-1 text-sm font-medium">Open and acknowledged alerts per model and kind</figcaption>
          <div style={{ height: rowHeight(alerts.length) }}>
            <ResponsiveContainer>
              <BarChart
                title="Open alerts per model and kind"
                data={alerts}
                layout="vertical"
                margin={{ top: 8, right: 24, bottom: 8, left: 8 }}
              >
                <CartesianGrid {...GRID} horizontal={false} />
                <XAxis type="number" allowDecimals={false} {...AXIS} />
                <YAxis type="category" dataKey="label" width={220} {...AXIS} />
                <Tooltip contentStyle={TOOLTIP_STYLE} />
                <Bar dataKey="count" name="Alerts" isAnimationActive={false}>
                  {alerts.map((a) => (
                    <Cell key={a.label} fill={a.critical ? DRIFT_COLORS.significant : DRIFT_COLORS.moderate} />
                  ))}
                </Bar>
              </BarChart>
            </ResponsiveContainer>
          </div>
        </figure>
      )}
      {drift.length > 0 && (
        <figure aria-label="Share of drifted features per monitored model" className="w-full max-w-2xl">
          <figcaption className="mb-1 text-sm font-medium">
            Share of drifted features in each model’s latest check (50% or more is dataset drift)
          </figcaption>
          <div style={{ height: rowHeight(drift.length) }}>
            <ResponsiveContainer>
              <BarChart
                title="Share of drifted features per monitored model"
                data={drift}
                layout="vertical"
                margin={{ top: 8, right: 24, bottom: 8, left: 8 }}
              >
                <CartesianGrid {...GRID} horizontal={false} />
                <XAxis type="number" domain={[0, 100]} unit="%" {...AXIS} />
                <YAxis type="category" dataKey="model" width={160} {...AXIS} />
                <ReferenceLine x={50} stroke={DRIFT_COLORS.significant} strokeDasharray="4 4" />
                <Tooltip contentStyle={TOOLTIP_STYLE} formatter={(v) => `${String(v)}%`} />
                <Bar dataKey="share" name="Drifted features" isAnimationActive={false}>
                  {drift.map((d) => (
                    <Cell key={d.model} fill={d.share >= 50 ? DRIFT_COLORS.significant : DRIFT_COLORS.stable} />
                  ))}
                </Bar>
              </BarChart>
            </ResponsiveContainer>
          </div>
        </figure>
      )}
      {tests.map((t) => (
        <div key={t.name}>
          <p className="mb-1 text-sm font-medium">
            A/B test {t.name} ({t.model}): {t.primaryMetric}
          </p>
          <MeansChart
            metric={`${t.primaryMetric} in ${t.name}`}
            points={t.variants.map((v) => ({
              key: v.variant,
              label: `${v.variant} (v${v.version})`,
              mean: v.mean,
              halfWidth: v.halfWidth,
              n: v.n,
            }))}
          />
        </div>
      ))}
    </div>
  );
}
