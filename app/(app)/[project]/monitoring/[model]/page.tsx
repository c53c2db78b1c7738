import Link from 'next/link';
import { AlertFilterLinks, parseAlertFilter } from '@/components/monitoring/alert-filter';
import { toAlertTableRows } from '@/components/monitoring/alert-rows';
import { AlertsTable } from '@/components/monitoring/alerts-table';
import { ChartPicker } from '@/components/monitoring/chart-picker';
import { ChecksTable } from '@/components/monitoring/checks-table';
import { DistributionChart } from '@/components/monitoring/distribution-chart';
import { DriftScoreChart } from '@/components/monitoring/drift-score-chart';
import { DriftTable } from '@/components/monitoring/drift-table';
import { FeatureRankingChart } from '@/components/monitoring/feature-ranking-chart';
import { MonitorSettingsForm, ReferenceForms, RunCheckForm } from '@/components/monitoring/monitor-forms';
import { PerformanceChart } from '@/components/monitoring/performance-chart';
import { PredictionsTable } from '@/components/monitoring/predictions-table';
import { PageHeader, Section } from '@/components/ui/page-header';
import { getDb } from '@/db/client';
import { listAlerts } from '@/db/queries/alerts';
import { listChecks } from '@/db/queries/drift-checks';
import { getMonitor } from '@/db/queries/monitoring';
import { describeReference, listReferenceDatasets } from '@/db/queries/monitoring-reference';
import { SAMPLE_TARGET, listRecentPredictions } from '@/db/queries/predictions';
import { resolveModelVersion } from '@/db/queries/registry';
import { roleAtLeast } from '@/lib/domain';
import { formatTimestamp } from '@/lib/format';
import { chooseFeature, driftSeries, performanceSeries, rankedFeatures } from '@/lib/monitoring/chart-data';
import { rankByDrift } from '@/lib/monitoring/drift-report';
import { HIGHER_IS_BETTER, METRICS, METRIC_LABELS, type MetricName } from '@/lib/monitoring/performance';
import { SCHEDULE_LABELS, suggestedCheckWindow } from '@/lib/monitoring/windows';
import { orNotFound } from '@/server/not-found';
import { requireProjectAccess } from '@/server/project-page';
import { acknowledgeAlertAction, openRiskAndTaskAction, resolveAlertAction } from '../actions';
import {
  runCheckAction,
  setReferenceDatasetAction,
  setReferenceWindowAction,
  updateMonitorSettingsAction,
  uploadReferenceAction,
} from './actions';

type Search = { feature?: string; metric?: string; alerts?: string };
const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

export default async function ModelMonitoringPage({
  params,
  searchParams,
}: {
  params: Promise<{ project: string; model: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { project: slug, model: rawModel } = await params;
  const name = decodeURIComponent(rawModel);
  const { project, role } = await requireProjectAccess(slug);
  const sp = await searchParams;
  const search: Search = { feature: one(sp.feature), metric: one(sp.metric), alerts: one(sp.alerts) };
  const db = await getDb();
  const target = await orNotFound(getMonitor(db, project.id, name));
  const { monitor, model } = target;
  const filter = parseAlertFilter(search.alerts);
  const [reference, checks, alerts, recent, serving, stored] = await Promise.all([
    describeReference(db, monitor),
    listChecks(db, monitor.id),
    listAlerts(db, project.id, { monitorId: monitor.id, filter }),
    listRecentPredictions(db, monitor.id, 25),
    resolveModelVersion(db, project.id, model.name, monitor.stage).catch(() => null),
    listReferenceDatasets(db, project.id),
  ]);
  const canEdit = roleAtLeast(role, 'editor');
  const latest = checks.find((c) => c.status === 'done') ?? null;
  const features = latest?.features ?? [];
  const { options, chosen } = chooseFeature(features, search.feature);
  const chosenReport = features.find((f) => f.feature === chosen) ?? null;
  const metrics: readonly MetricName[] = monitor.task ? METRICS[monitor.task] : [];
  const metric = metrics.find((m) => m === search.metric) ?? metrics[0] ?? null;
  const proposed = suggestedCheckWindow(recent[0] ? new Date(recent[0].ts).getTime() : null);
  const base = `/${project.slug}/monitoring/${encodeURIComponent(model.name)}`;
  const referenceText = !reference
    ? 'no reference yet'
    : reference.kind === 'window'
      ? `reference: logged predictions ${formatTimestamp(reference.from.getTime())} – ${formatTimestamp(reference.to.getTime())} (${reference.rows} rows)`
      : `reference: dataset ${reference.name}@${reference.digest.slice(0, 12)} (${reference.rows} rows)`;
  return (
    <>
      <PageHeader
        title={`${model.name} · monitoring`}
        description={`${serving ? `Serving version ${serving.version.version} (${monitor.stage})` : `No version in ${monitor.stage}`} · ${monitor.task ?? 'task not known yet'} · ${referenceText} · ${SCHEDULE_LABELS[monitor.schedule]}`}
        actions={
          <Link
            className="text-sm text-indigo-700 underline dark:text-indigo-400"
            href={`/${project.slug}/models/${encodeURIComponent(model.name)}`}
          >
            Model in the registry
          </Link>
        }
      />
      {canEdit && reference && (
        <Section
          title="Run a check"
          description="Checks the window against the reference now; alerts open or update themselves. Scheduled checks run without anyone here."
        >
          <RunCheckForm
            project={project.slug}
            monitorId={monitor.id}
            action={runCheckAction}
            from={proposed.start}
            to={proposed.end}
          />
        </Section>
      )}
      <Section
        title="Features ranked by drift"
        description={
          latest
            ? `Latest check: ${formatTimestamp(latest.windowStart.getTime())} – ${formatTimestamp(latest.windowEnd.getTime())}, ${latest.currentRows} predictions${latest.currentSampled !== null && latest.currentRows !== null && latest.currentSampled < latest.currentRows ? ` (tested on a uniform sample of ${latest.currentSampled})` : ''}. Dataset drift: ${latest.datasetDrift ? 'yes' : 'no'} (${Math.round((latest.driftShare ?? 0) * 100)}% of tested features; 50% or more is drift).`
            : 'No check has produced numbers yet.'
        }
      >
        <FeatureRankingChart model={model.name} features={rankedFeatures(features)} />
        <div className="mt-4">
          <DriftTable project={project.slug} model={model.name} rows={rankByDrift(features)} />
        </div>
      </Section>
      {chosen && (
        <Section
          title="Drift over time"
          description="PSI per check with its 0.1 and 0.2 bands; red dots are checks whose test flagged drift and raised or updated an alert."
        >
          <ChartPicker
            name="feature"
            label="Feature"
            value={chosen}
            options={options.map((o) => ({ value: o, label: o }))}
            keep={{ metric: search.metric, alerts: search.alerts }}
          />
          <DriftScoreChart feature={chosen} points={driftSeries(checks, chosen)} />
          <h3 className="mb-2 mt-6 text-sm font-semibold text-zinc-900 dark:text-zinc-100">
            Reference vs current: {chosen} in the latest check
          </h3>
          <DistributionChart feature={chosen} distribution={chosenReport?.distribution ?? null} />
        </Section>
      )}
      <Section
        title="Performance over time"
        description="On predictions with actuals. An alert needs both: worse than 95% of the baseline (mirrored for losses), and a drop beyond sampling noise (one-sided z-test, α = 0.05)."
      >
        {metric ? (
          <>
            <ChartPicker
              name="metric"
              label="Metric"
              value={metric}
              options={metrics.map((m) => ({ value: m, label: METRIC_LABELS[m] }))}
              keep={{ feature: search.feature, alerts: search.alerts }}
            />
            <PerformanceChart
              metric={metric}
              label={METRIC_LABELS[metric]}
              higherIsBetter={HIGHER_IS_BETTER[metric]}
              points={performanceSeries(checks, metric)}
            />
          </>
        ) : (
          <p className="text-sm text-zinc-600 dark:text-zinc-400">
            The task is set by the first logged prediction (text labels: classification; numbers: regression), or in the
            settings below.
          </p>
        )}
      </Section>
      <Section title="Alerts of this model">
        <AlertFilterLinks basePath={base} current={filter} />
        <AlertsTable
          project={project.slug}
          rows={toAlertTableRows(alerts)}
          canEdit={canEdit}
          actions={{
            acknowledge: acknowledgeAlertAction,
            resolve: resolveAlertAction,
            openRiskAndTask: openRiskAndTaskAction,
          }}
          exportName={`${project.slug}-${model.name}-alerts`}
        />
      </Section>
      <Section
        title="Checks"
        description={`Scheduled windows are claimed once across app instances; windows over ${SAMPLE_TARGET.toLocaleString('en-US')} rows are tested on a uniform hash sample (counts and quality use every row).`}
      >
        <ChecksTable
          project={project.slug}
          model={model.name}
          rows={checks.map((c) => ({
            id: c.id,
            trigger: c.trigger,
            status: c.status,
            windowStart: c.windowStart,
            windowEnd: c.windowEnd,
            currentRows: c.currentRows,
            referenceRows: c.referenceRows,
            sampled:
              (c.currentSampled ?? 0) < (c.currentRows ?? 0) || (c.referenceSampled ?? 0) < (c.referenceRows ?? 0),
            datasetDrift: c.datasetDrift,
            driftShare: c.driftShare,
            drifted: c.features.filter((f) => f.drifted).map((f) => f.feature),
            degraded: c.performance.filter((p) => p.degraded).map((p) => p.metric),
            durationMs: c.durationMs,
            error: c.error,
          }))}
        />
      </Section>
      <Section title="Latest predictions">
        <PredictionsTable
          project={project.slug}
          model={model.name}
          rows={recent.map((r) => ({
            id: r.external_id,
            ts: new Date(r.ts),
            version: r.version,
            features: JSON.stringify(r.features),
            prediction: String(r.prediction),
            actual: r.actual === null ? null : String(r.actual),
          }))}
        />
      </Section>
      {canEdit && (
        <>
          <Section
            title="Reference"
            description="What “no drift” looks like: a window of this model’s own logged predictions, or a dataset version such as the training data."
          >
            <ReferenceForms
              project={project.slug}
              monitorId={monitor.id}
              actions={{
                window: setReferenceWindowAction,
                upload: uploadReferenceAction,
                dataset: setReferenceDatasetAction,
              }}
              stored={stored}
              from={reference?.kind === 'window' ? reference.from : new Date(proposed.start.getTime() - 6 * 86_400_000)}
              to={reference?.kind === 'window' ? reference.to : proposed.start}
            />
          </Section>
          <Section title="Settings">
            <MonitorSettingsForm
              project={project.slug}
              monitor={monitor}
              action={updateMonitorSettingsAction}
              registeredKeys={Object.keys(serving?.version.metrics ?? {}).sort()}
            />
          </Section>
        </>
      )}
    </>
  );
}
