import type { AlertTableRow } from '@/components/monitoring/alerts-table';
import type { CheckRow } from '@/components/monitoring/checks-table';
import type { MonitorRow } from '@/components/monitoring/monitors-table';
import type { PredictionRowView } from '@/components/monitoring/predictions-table';
import { getDb } from '@/db/client';
import { type AlertRow, listAlerts } from '@/db/queries/alerts';
import { listChecks } from '@/db/queries/drift-checks';
import { getMonitor, getMonitoringSettings, listMonitors } from '@/db/queries/monitoring';
import { listUnresolvedAlerts } from '@/db/queries/overview';
import { describeReference, listReferenceDatasets } from '@/db/queries/monitoring-reference';
import { SAMPLE_TARGET, listRecentPredictions } from '@/db/queries/predictions';
import { resolveModelVersion, searchRegisteredModels } from '@/db/queries/registry';
import { roleAtLeast } from '@/lib/domain';
import { formatTimestamp } from '@/lib/format';
import { type AlertFilter, parseAlertFilter } from '@/lib/monitoring/vocabulary';
import { chooseFeature, driftSeries, performanceSeries, rankedFeatures } from '@/lib/monitoring/chart-data';
import { rankByDrift } from '@/lib/monitoring/drift-report';
import { METRICS, type MetricName } from '@/lib/monitoring/performance';
import { SCHEDULE_LABELS, suggestedCheckWindow } from '@/lib/monitoring/windows';
import { orNotFound } from '@/server/not-found';
import { requireProjectAccess } from '@/server/project-page';
import { getRequestOrigin } from '@/server/request-origin';

export type { Monitor } from '@/db/schema';

/** Database rows → the plain objects the alerts table renders. */
function toAlertTableRows(rows: AlertRow[]): AlertTableRow[] {
  return rows.map(({ alert, modelName, riskTitle, taskNumber }) => ({
    id: alert.id,
    model: modelName,
    kind: alert.kind,
    subject: alert.subject,
    status: alert.status,
    severity: alert.severity,
    message: alert.message,
    occurrences: alert.occurrences,
    firstSeenAt: alert.firstSeenAt,
    lastSeenAt: alert.lastSeenAt,
    riskId: alert.riskId,
    riskTitle,
    taskId: alert.taskId,
    taskNumber,
  }));
}

const referenceOf = (m: { referenceKind: string; referenceFrom: Date | null; referenceTo: Date | null }) =>
  m.referenceKind === 'window' && m.referenceFrom && m.referenceTo
    ? { from: m.referenceFrom, to: m.referenceTo }
    : m.referenceKind === 'dataset'
      ? 'Uploaded dataset'
      : 'Not set';

/** The project's monitoring page: monitored models, alerts grouped per model and kind, models to start on, the webhook, the example request. */
export async function loadMonitoringPage(slug: string) {
  const { project, role } = await requireProjectAccess(slug);
  const db = await getDb();
  const [monitors, alerts, models, settings, origin] = await Promise.all([
    listMonitors(db, project.id),
    listUnresolvedAlerts(db, project.id),
    searchRegisteredModels(db, project.id, { limit: 500 }),
    getMonitoringSettings(db, project.id),
    getRequestOrigin(),
  ]);
  const unmonitored = models.filter((m) => !monitors.some((x) => x.monitor.modelId === m.id)).map((m) => m.name);
  const monitorRows: MonitorRow[] = monitors.map((m) => ({
    id: m.monitor.id,
    model: m.modelName,
    stage: m.monitor.stage,
    servingVersion: m.servingVersion,
    predictions: m.predictions,
    schedule: m.monitor.schedule,
    reference: referenceOf(m.monitor),
    lastWindowEnd: m.lastCheck?.windowEnd ?? null,
    datasetDrift: m.lastCheck?.datasetDrift ?? null,
    openDatasetDriftAlerts: m.openDatasetDriftAlerts,
    drifted: m.lastCheck?.drifted ?? [],
    openAlerts: m.openAlerts,
  }));
  return {
    project: project.slug,
    canEdit: roleAtLeast(role, 'editor'),
    canOwn: roleAtLeast(role, 'owner'),
    monitors: monitorRows,
    alertGroups: alerts.groups,
    unmonitored,
    webhook: {
      url: settings.webhookUrl,
      version: settings.version,
      lastDelivery: settings.lastDeliveryAt
        ? `Last delivery ${formatTimestamp(settings.lastDeliveryAt.getTime())}: ${settings.lastDeliveryStatus}`
        : 'Nothing delivered yet.',
    },
    origin,
    exampleModel: monitors[0]?.modelName ?? unmonitored[0] ?? 'my-model',
  };
}

const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

/** One monitored model's page: its checks, drift and performance series, alerts, predictions and reference. */
export async function loadModelMonitoringPage(
  slug: string,
  modelParam: string,
  sp: Record<string, string | string[] | undefined>,
) {
  const name = decodeURIComponent(modelParam);
  const { project, role } = await requireProjectAccess(slug);
  const search = { feature: one(sp.feature), metric: one(sp.metric), alerts: one(sp.alerts) };
  const db = await getDb();
  const { monitor, model } = await orNotFound(getMonitor(db, project.id, name));
  const filter: AlertFilter = parseAlertFilter(search.alerts);
  const [reference, checks, alerts, recent, serving, stored] = await Promise.all([
    describeReference(db, monitor),
    listChecks(db, monitor.id),
    listAlerts(db, project.id, { monitorId: monitor.id, filter }),
    listRecentPredictions(db, monitor.id, 25),
    resolveModelVersion(db, project.id, model.name, monitor.stage).catch(() => null),
    listReferenceDatasets(db, project.id),
  ]);
  const latest = checks.find((c) => c.status === 'done') ?? null;
  const features = latest?.features ?? [];
  const { options, chosen } = chooseFeature(features, search.feature);
  const metrics: readonly MetricName[] = monitor.task ? METRICS[monitor.task] : [];
  const metric = metrics.find((m) => m === search.metric) ?? metrics[0] ?? null;
  const proposed = suggestedCheckWindow(recent[0] ? new Date(recent[0].ts).getTime() : null);
  const referenceText = !reference
    ? 'no reference yet'
    : reference.kind === 'window'
      ? `reference: logged predictions ${formatTimestamp(reference.from.getTime())} – ${formatTimestamp(reference.to.getTime())} (${reference.rows} rows)`
      : `reference: dataset ${reference.name}@${reference.digest.slice(0, 12)} (${reference.rows} rows)`;
  const servingText = serving
    ? `Serving version ${serving.version.version} (${monitor.stage})`
    : `No version in ${monitor.stage}`;
  const sampledNote = (c: NonNullable<typeof latest>) =>
    c.currentSampled !== null && c.currentRows !== null && c.currentSampled < c.currentRows
      ? ` (tested on a uniform sample of ${c.currentSampled})`
      : '';
  const checkRows: CheckRow[] = checks.map((c) => ({
    id: c.id,
    trigger: c.trigger,
    status: c.status,
    windowStart: c.windowStart,
    windowEnd: c.windowEnd,
    currentRows: c.currentRows,
    referenceRows: c.referenceRows,
    sampled: (c.currentSampled ?? 0) < (c.currentRows ?? 0) || (c.referenceSampled ?? 0) < (c.referenceRows ?? 0),
    datasetDrift: c.datasetDrift,
    driftShare: c.driftShare,
    drifted: c.features.filter((f) => f.drifted).map((f) => f.feature),
    degraded: c.performance.filter((p) => p.degraded).map((p) => p.metric),
    durationMs: c.durationMs,
    error: c.error,
  }));
  const predictionRows: PredictionRowView[] = recent.map((r) => ({
    id: r.external_id,
    ts: new Date(r.ts),
    version: r.version,
    features: JSON.stringify(r.features),
    prediction: String(r.prediction),
    actual: r.actual === null ? null : String(r.actual),
  }));
  return {
    project: project.slug,
    canEdit: roleAtLeast(role, 'editor'),
    search,
    filter,
    monitor,
    model: model.name,
    basePath: `/${project.slug}/monitoring/${encodeURIComponent(model.name)}`,
    description: [
      servingText,
      monitor.task ?? 'task not known yet',
      referenceText,
      SCHEDULE_LABELS[monitor.schedule],
    ].join(' · '),
    hasReference: reference !== null,
    latestCheck: latest
      ? `Latest check: ${formatTimestamp(latest.windowStart.getTime())} – ${formatTimestamp(latest.windowEnd.getTime())}, ${latest.currentRows} predictions${sampledNote(latest)}. Dataset drift: ${latest.datasetDrift ? 'yes' : 'no'} (${Math.round((latest.driftShare ?? 0) * 100)}% of tested features; 50% or more is drift).`
      : 'No check has produced numbers yet.',
    ranked: rankedFeatures(features),
    driftRows: rankByDrift(features),
    feature: chosen
      ? {
          name: chosen,
          options,
          series: driftSeries(checks, chosen),
          distribution: features.find((f) => f.feature === chosen)?.distribution ?? null,
        }
      : null,
    metrics,
    metric: metric ? { name: metric, series: performanceSeries(checks, metric) } : null,
    alerts: toAlertTableRows(alerts),
    checks: checkRows,
    predictions: predictionRows,
    proposed,
    referenceWindow:
      reference?.kind === 'window'
        ? { from: reference.from, to: reference.to }
        : { from: new Date(proposed.start.getTime() - 6 * 86_400_000), to: proposed.start },
    stored,
    sampleTarget: SAMPLE_TARGET,
    registeredKeys: Object.keys(serving?.version.metrics ?? {}).sort(),
  };
}
