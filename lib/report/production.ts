// The report's production health: monitored models, open alerts and A/B test results, as Markdown.
import { formatDate, formatSignificant } from '@/lib/format';
import { ALERT_KIND_LABELS } from '../monitoring/vocabulary';
import { type AlertGroup, HEALTH_LABELS, type HealthVerdict } from '../overview/health';

export type ReportMonitor = {
  model: string;
  stage: string;
  servingVersion: number | null;
  predictions: number;
  lastWindowEnd: number | null;
  datasetDrift: boolean | null;
  driftShare: number | null;
  drifted: string[];
  openAlerts: number;
  openDatasetDriftAlerts: number;
};

export type ReportAbTest = {
  name: string;
  model: string;
  status: string;
  primaryMetric: string;
  assigned: number;
  /** The primary metric per variant; the first is the control. */
  variants: Array<{
    variant: string;
    version: number;
    n: number;
    mean: number;
    halfWidth: number | null;
    relativeLift: number | null;
    pValue: number | null;
    verdict: 'better' | 'worse' | 'inconclusive' | null;
  }>;
};

export type ProductionHealth = {
  health: HealthVerdict;
  monitors: ReportMonitor[];
  alerts: AlertGroup[];
  abTests: ReportAbTest[];
};

type Escape = (s: string) => string;
type Table = (header: string[], rows: string[][]) => string;

const num = (v: number | null | undefined) => formatSignificant(v, 4);
const pct = (v: number | null) => (v === null ? '' : `${Math.round(v * 100)}%`);

/** Whether the dataset drifts, agreeing with open dataset-drift alerts (the monitoring table's rule). */
export function datasetDriftText(m: Pick<ReportMonitor, 'datasetDrift' | 'openDatasetDriftAlerts'>): string {
  const alert = m.openDatasetDriftAlerts > 0;
  if (m.datasetDrift) return alert ? 'Yes (alert open)' : 'Yes';
  if (alert) return m.datasetDrift === false ? 'Yes (alert open; latest check: no)' : 'Yes (alert open)';
  return m.datasetDrift === null ? '—' : 'No';
}

export function productionSections(p: ProductionHealth, esc: Escape, table: Table): string[] {
  const monitors = p.monitors.map((m) => [
    esc(m.model),
    m.servingVersion ? `v${m.servingVersion} (${m.stage})` : `none in ${m.stage}`,
    m.predictions.toLocaleString('en-US'),
    m.lastWindowEnd === null ? '' : formatDate(m.lastWindowEnd),
    datasetDriftText(m),
    pct(m.driftShare),
    esc(m.drifted.join(', ')),
    String(m.openAlerts),
  ]);
  const alerts = p.alerts.map((a) => [
    esc(a.model),
    ALERT_KIND_LABELS[a.kind],
    a.severity,
    String(a.count),
    String(a.open),
    String(a.acknowledged),
    esc(a.subjects.join(', ')),
    formatDate(a.lastSeenAt),
  ]);
  const ab = p.abTests.flatMap((t) =>
    t.variants.map((v, i) => [
      i === 0 ? `${esc(t.name)} (${esc(t.model)}, ${t.status})` : '',
      esc(t.primaryMetric),
      `${v.variant} (v${v.version})${i === 0 ? ' control' : ''}`,
      v.n.toLocaleString('en-US'),
      `${num(v.mean)}${v.halfWidth === null ? '' : ` ± ${num(v.halfWidth)}`}`,
      v.relativeLift === null ? '' : `${v.relativeLift >= 0 ? '+' : ''}${num(v.relativeLift * 100)}%`,
      v.pValue === null ? '' : num(v.pValue),
      v.verdict ?? '',
    ]),
  );
  return [
    '### Production monitoring',
    monitors.length
      ? table(
          [
            'Model',
            'Serving',
            'Predictions',
            'Last checked window ends',
            'Dataset drift',
            'Drift share',
            'Drifted features',
            'Open alerts',
          ],
          monitors,
        )
      : '_No model is monitored._',
    '### Open alerts',
    alerts.length
      ? table(
          ['Model', 'Kind', 'Severity', 'Alerts', 'Open', 'Acknowledged', 'Features or metrics', 'Last seen'],
          alerts,
        )
      : '_No open or acknowledged alerts._',
    '### A/B tests',
    ab.length
      ? table(
          ['Test', 'Primary metric', 'Variant', 'Units', 'Mean ± 95% CI', 'Lift vs control', 'p-value', 'Verdict'],
          ab,
        )
      : '_No A/B tests._',
  ];
}

/** The health line of the conclusions: the verdict and its reasons. */
export function healthLines(h: HealthVerdict, esc: Escape): string[] {
  return [`**Project health: ${HEALTH_LABELS[h.health]}**`, h.reasons.map((r) => `- ${esc(r.text)}`).join('\n')];
}

/** The `?experiment=` filter of the report pages: the first value, blank meaning every experiment. */
export function experimentParam(v: string | string[] | undefined): string | null {
  const s = (Array.isArray(v) ? v[0] : v)?.trim();
  return s ? s : null;
}
