import Link from 'next/link';
import { AlertsSectionBody } from '@/components/monitoring/alerts-section';
import { ChartPicker } from '@/components/monitoring/chart-picker';
import { ChecksTable } from '@/components/monitoring/checks-table';
import {
  DistributionChart,
  DriftScoreChart,
  FeatureRankingChart,
  PerformanceChart,
} from '@/components/charts/lazy-charts';
import { DriftTable } from '@/components/monitoring/drift-table';
import { MonitorSettingsForm, ReferenceForms, RunCheckForm } from '@/components/monitoring/monitor-forms';
import { PredictionsTable } from '@/components/monitoring/predictions-table';
import { EmptyState } from '@/components/ui/empty-state';
import { PageHeader, Section } from '@/components/ui/page-header';
import { nextMonitoringStep } from '@/lib/monitoring/next-step';
import { HIGHER_IS_BETTER, METRIC_LABELS } from '@/lib/monitoring/performance';
import { loadModelMonitoringPage } from '@/server/pages/monitoring';
import {
  runCheckAction,
  setReferenceDatasetAction,
  setReferenceWindowAction,
  updateMonitorSettingsAction,
  uploadReferenceAction,
} from './actions';

export default async function ModelMonitoringPage({
  params,
  searchParams,
}: {
  params: Promise<{ project: string; model: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { project: slug, model: rawModel } = await params;
  const page = await loadModelMonitoringPage(slug, rawModel, await searchParams);
  const { project, model, monitor, search, canEdit, feature, metric } = page;
  const hasPredictions = page.predictions.length > 0;
  const nextStep = nextMonitoringStep(project, { hasPredictions, hasReference: page.hasReference, canEdit });
  // Performance needs actuals on top of predictions; they are sent the same way.
  const actualsStep = hasPredictions
    ? { href: `/${project}/monitoring#log-predictions`, label: 'Log actuals' }
    : nextStep;
  return (
    <>
      <PageHeader
        title={`${model} · monitoring`}
        description={page.description}
        actions={
          <Link
            className="text-sm text-indigo-700 underline dark:text-indigo-400"
            href={`/${project}/models/${encodeURIComponent(model)}`}
          >
            Model in the registry
          </Link>
        }
      />
      {canEdit && page.hasReference && (
        <Section
          id="run-check"
          title="Run a check"
          description="Checks the window against the reference now; alerts open or update themselves. Scheduled checks run without anyone here."
        >
          <RunCheckForm
            project={project}
            monitorId={monitor.id}
            action={runCheckAction}
            from={page.proposed.start}
            to={page.proposed.end}
          />
        </Section>
      )}
      <Section title="Features ranked by drift" description={page.latestCheck}>
        <FeatureRankingChart model={model} features={page.ranked} emptyAction={nextStep} />
        <div className="mt-4">
          <DriftTable project={project} model={model} rows={page.driftRows} emptyAction={nextStep} />
        </div>
      </Section>
      {feature && (
        <Section
          title="Drift over time"
          description="PSI per check with its 0.1 and 0.2 bands; red dots are checks whose test flagged drift and raised or updated an alert."
        >
          <ChartPicker
            name="feature"
            label="Feature"
            value={feature.name}
            options={feature.options.map((o) => ({ value: o, label: o }))}
            keep={{ metric: search.metric, alerts: search.alerts }}
          />
          <DriftScoreChart feature={feature.name} points={feature.series} emptyAction={nextStep} />
          <h3 className="mb-2 mt-6 text-sm font-semibold text-zinc-900 dark:text-zinc-100">
            Reference vs current: {feature.name} in the latest check
          </h3>
          <DistributionChart feature={feature.name} distribution={feature.distribution} />
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
              value={metric.name}
              options={page.metrics.map((m) => ({ value: m, label: METRIC_LABELS[m] }))}
              keep={{ feature: search.feature, alerts: search.alerts }}
            />
            <PerformanceChart
              metric={metric.name}
              label={METRIC_LABELS[metric.name]}
              higherIsBetter={HIGHER_IS_BETTER[metric.name]}
              points={metric.series}
              emptyAction={actualsStep}
            />
          </>
        ) : (
          <EmptyState
            title="No performance metric yet"
            hint="The task is set by the first logged prediction (text labels: classification; numbers: regression), or in the settings below."
            action={
              hasPredictions ? (canEdit ? { href: '#monitor-settings', label: 'Set the task' } : undefined) : nextStep
            }
          />
        )}
      </Section>
      <Section title="Alerts of this model" id="alerts">
        <AlertsSectionBody
          project={project}
          basePath={page.basePath}
          filter={page.filter}
          rows={page.alerts}
          canEdit={canEdit}
          exportName={`${project}-${model}-alerts`}
          emptyAction={nextStep}
        />
      </Section>
      <Section
        title="Checks"
        description={`Scheduled windows are claimed once across app instances; windows over ${page.sampleTarget.toLocaleString('en-US')} rows are tested on a uniform hash sample (counts and quality use every row).`}
      >
        <ChecksTable project={project} model={model} rows={page.checks} emptyAction={nextStep} />
      </Section>
      <Section id="predictions" title="Latest predictions">
        <PredictionsTable project={project} model={model} rows={page.predictions} emptyAction={nextStep} />
      </Section>
      {canEdit && (
        <>
          <Section
            id="reference"
            title="Reference"
            description="What “no drift” looks like: a window of this model’s own logged predictions, or a dataset version such as the training data."
          >
            <ReferenceForms
              project={project}
              monitorId={monitor.id}
              actions={{
                window: setReferenceWindowAction,
                upload: uploadReferenceAction,
                dataset: setReferenceDatasetAction,
              }}
              stored={page.stored}
              from={page.referenceWindow.from}
              to={page.referenceWindow.to}
            />
          </Section>
          <Section id="monitor-settings" title="Settings">
            <MonitorSettingsForm
              project={project}
              monitor={monitor}
              action={updateMonitorSettingsAction}
              registeredKeys={page.registeredKeys}
            />
          </Section>
        </>
      )}
    </>
  );
}
