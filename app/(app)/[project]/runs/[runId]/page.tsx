import Link from 'next/link';
import type { ReactNode } from 'react';
import { RegisterVersionForm } from '@/components/registry/register-version-form';
import { RunModels } from '@/components/registry/run-models';
import { ArtifactBrowser } from '@/components/artifacts/artifact-browser';
import { ArtifactsHelp } from '@/components/artifacts/artifacts-help';
import { ApproachBadge, StatusBadge } from '@/components/tracking/badges';
import { CopyButton } from '@/components/ui/copy-button';
import { EmptyState, logFromCodeAction } from '@/components/ui/empty-state';
import { LocalTime } from '@/components/ui/local-time';
import { Reproducibility } from '@/components/tracking/reproducibility';
import { RunCharts } from '@/components/tracking/run-charts';
import { RunMetadataForm } from '@/components/tracking/run-metadata-form';
import { KeyName } from '@/components/tracking/key-name';
import { InputsTable, MetricsTable, ParamsTable, TagsTable } from '@/components/tracking/run-tables';
import { RunTabs } from '@/components/tracking/run-tabs';
import { LiveRefresh } from '@/components/live/live-refresh';
import { RUN_PAGE_REFRESH_MS } from '@/components/live/poll';
import { PageHeader, Section } from '@/components/ui/page-header';
import { loadRunPage } from '@/server/pages/tracking';
import { formatDuration } from '@/lib/format';
import { pickRunTab } from '@/lib/tracking/run-tabs';

function Info({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div>
      <dt className="text-xs font-semibold uppercase tracking-wide text-zinc-500 dark:text-zinc-400">{label}</dt>
      <dd className="mt-0.5 text-sm">{children}</dd>
    </div>
  );
}

type Props = {
  params: Promise<{ project: string; runId: string }>;
  searchParams: Promise<{ tab?: string | string[]; artifact?: string | string[] }>;
};

export default async function RunPage({ params, searchParams }: Props) {
  const { project: slug, runId } = await params;
  const {
    project,
    canEdit,
    run,
    params: runParams,
    tags,
    metrics,
    live,
    experiment,
    modelNames,
    artifacts,
    origin,
    loggedModels,
    runVersions,
    datasets,
  } = await loadRunPage(slug, runId);
  const tab = pickRunTab(await searchParams, run.status);
  const base = `/${project.slug}`;
  return (
    <>
      <nav aria-label="Breadcrumb" className="mb-2 text-sm text-zinc-600 dark:text-zinc-400">
        <Link href={`${base}/experiments`} className="hover:underline">
          Experiments
        </Link>{' '}
        /{' '}
        <Link href={`${base}/experiments/${experiment.id}`} className="hover:underline">
          {experiment.name}
        </Link>{' '}
        / {run.name}
      </nav>
      <PageHeader
        title={run.name}
        description={
          <span className="flex flex-wrap items-center gap-2">
            <StatusBadge status={run.status} />
            <ApproachBadge approach={run.approach} />
            {run.lifecycleStage === 'deleted' && <span className="text-red-700 dark:text-red-400">deleted</span>}
          </span>
        }
      />
      {live && (
        <div className="-mt-4 mb-4">
          <LiveRefresh pollMs={RUN_PAGE_REFRESH_MS}>
            <p role="status" className="text-xs text-sky-700 dark:text-sky-300">
              Live: this run is still running; the page updates by itself.
            </p>
          </LiveRefresh>
        </div>
      )}
      <RunTabs active={tab} />
      {tab === 'overview' && (
        <>
          <Section title="Run">
            <dl className="grid grid-cols-2 gap-4 md:grid-cols-4">
              <Info label="Status">{run.status}</Info>
              <Info label="Started">{run.startTime ? <LocalTime value={run.startTime} /> : '—'}</Info>
              <Info label="Ended">
                {run.endTime ? <LocalTime value={run.endTime} /> : live ? 'still running' : '—'}
              </Info>
              <Info label="Duration">{run.endTime ? formatDuration(run.endTime - run.startTime) : '—'}</Info>
              <Info label="User">{run.userId || '—'}</Info>
              <Info label="Experiment">
                <Link
                  href={`${base}/experiments/${experiment.id}`}
                  className="text-indigo-700 underline dark:text-indigo-400"
                >
                  {experiment.name}
                </Link>
              </Info>
              <Info label="Run ID">
                <span className="flex items-center gap-2">
                  <code className="break-all font-mono text-xs">{run.id}</code>
                  <CopyButton value={run.id} label="run ID" />
                </span>
              </Info>
              <Info label="Artifacts">
                <a href="?tab=artifacts#artifacts" className="text-indigo-700 underline dark:text-indigo-400">
                  {artifacts && artifacts.files.length === 0
                    ? 'None logged yet'
                    : `Browse artifacts${artifacts ? ` (${artifacts.files.length} at the top level)` : ''}`}
                </a>
                <code className="mt-0.5 block text-xs">
                  <KeyName text={run.artifactUri} />
                </code>
              </Info>
            </dl>
          </Section>
          <Section
            title="Reproducibility"
            description="Everything needed to run this again. Clients can set it with the tags runboard.seed, runboard.config, runboard.code_version and runboard.approach."
          >
            <Reproducibility seed={run.seed} codeVersion={run.codeVersion} config={run.config} datasets={datasets} />
            {canEdit && (
              <details className="mt-4">
                <summary className="cursor-pointer text-sm font-medium text-indigo-700 dark:text-indigo-400">
                  Edit approach, seed, config and code version
                </summary>
                <div className="mt-3">
                  <RunMetadataForm
                    project={project.slug}
                    runId={run.id}
                    approach={run.approach}
                    seed={run.seed}
                    config={run.config}
                    codeVersion={run.codeVersion}
                  />
                </div>
              </details>
            )}
          </Section>
          <div className="grid grid-cols-1 gap-x-6 lg:grid-cols-2">
            <Section
              id="models"
              title="Models produced"
              description="Logged models and registered versions that came out of this run."
            >
              <RunModels project={project.slug} loggedModels={loggedModels} versions={runVersions} />
            </Section>
            {canEdit && (
              <Section
                title="Model registry"
                description="Register the model this run produced as a new version of a registered model."
              >
                <RegisterVersionForm
                  project={project.slug}
                  runId={run.id}
                  modelNames={modelNames}
                  runVersions={runVersions}
                />
              </Section>
            )}
          </div>
        </>
      )}
      {tab === 'charts' && (
        <Section
          title="Charts"
          description={live ? 'Charts refresh every 3 seconds while the run is live.' : undefined}
        >
          {metrics.length === 0 ? (
            <EmptyState
              title="No metrics logged yet"
              hint="Each metric gets a chart here once the run logs it with mlflow.log_metric(key, value, step=…)."
              action={logFromCodeAction(project.slug)}
            />
          ) : (
            <RunCharts project={project.slug} runId={run.id} metricKeys={metrics.map((m) => m.key)} />
          )}
        </Section>
      )}
      {tab === 'data' && (
        <div className="grid grid-cols-1 gap-x-6 xl:grid-cols-2">
          <Section title="Parameters">
            <ParamsTable name={run.name} project={project.slug} params={runParams} />
          </Section>
          <Section title="Metrics">
            <MetricsTable name={run.name} project={project.slug} runId={run.id} metrics={metrics} />
          </Section>
          <Section title="Tags">
            <TagsTable name={run.name} project={project.slug} tags={tags} />
          </Section>
          <Section title="Dataset inputs">
            <InputsTable name={run.name} project={project.slug} inputs={datasets} />
          </Section>
        </div>
      )}
      {tab === 'artifacts' && (
        <Section
          id="artifacts"
          title="Artifacts"
          description="Files this run logged: open folders, preview a file, download a file or a folder as a zip."
        >
          {artifacts ? (
            <ArtifactBrowser
              base={`/api/projects/${project.slug}/runs/${run.id}/artifacts`}
              rootFiles={artifacts.files}
              label="Artifact files"
              empty={<ArtifactsHelp project={project.slug} origin={origin} runId={run.id} />}
            />
          ) : (
            <p role="alert" className="text-sm text-red-700 dark:text-red-400">
              The artifact store could not be read just now; reload the page to try again.
            </p>
          )}
        </Section>
      )}
    </>
  );
}

export async function generateMetadata({ params }: Pick<Props, 'params'>) {
  const { project, runId } = await params;
  const { run, experiment } = await loadRunPage(project, runId);
  return { title: `${run.name} · ${experiment.name}` };
}
