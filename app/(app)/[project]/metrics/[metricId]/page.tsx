import Link from 'next/link';
import { ActionForm, Field } from '@/components/ui/action-form';
import { type EmptyAction, logFromCodeAction } from '@/components/ui/empty-state';
import { PageHeader, Section } from '@/components/ui/page-header';
import { formatValue } from '@/components/success-metrics/chart-format';
import { CheckInsTable } from '@/components/success-metrics/check-ins-table';
import { MetricForm } from '@/components/success-metrics/metric-form';
import { MetricHistoryChart } from '@/components/charts/lazy-charts';
import { Flag, MetricStatusBadge } from '@/components/success-metrics/status-badge';
import { getDb } from '@/db/client';
import { listMembers } from '@/db/queries/projects';
import { evaluateMetric, getSuccessMetric, listCheckIns, listMetricSourceOptions } from '@/db/queries/success-metrics';
import { roleAtLeast } from '@/lib/domain';
import {
  DIRECTION_LABELS,
  KIND_LABELS,
  SOURCE_LABELS,
  describeTarget,
  historyChartData,
  todayUtc,
} from '@/lib/success-metrics/status';
import { uuidId } from '@/lib/ids';
import { orNotFound, paramsOrNotFound } from '@/server/not-found';
import { requireProjectAccess } from '@/server/project-page';
import { checkInAction, deleteMetricAction } from '../actions';
import { formatDay } from '@/lib/format';

export const metadata = { title: 'Success metric' };

async function findMetric(projectId: string, id: string) {
  return orNotFound(getSuccessMetric(await getDb(), projectId, await paramsOrNotFound(uuidId, id)));
}

async function load(projectId: string, metric: Awaited<ReturnType<typeof getSuccessMetric>>) {
  const db = await getDb();
  const now = Date.now();
  const [m, checkIns, members, sources] = await Promise.all([
    evaluateMetric(db, projectId, metric, now),
    listCheckIns(db, metric.id),
    listMembers(db, projectId),
    listMetricSourceOptions(db, projectId),
  ]);
  return { m, checkIns, members, sources, today: todayUtc(now) };
}

function Fact({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div>
      <dt className="text-xs uppercase tracking-wide text-zinc-600 dark:text-zinc-400">{label}</dt>
      <dd className="mt-0.5 text-sm font-medium">{children}</dd>
    </div>
  );
}

export default async function MetricPage({ params }: { params: Promise<{ project: string; metricId: string }> }) {
  const { project: slug, metricId } = await params;
  const { project, role, user } = await requireProjectAccess(slug);
  const metric = await findMetric(project.id, metricId);
  const { m, checkIns, members, sources, today } = await load(project.id, metric);
  const canEdit = roleAtLeast(role, 'editor');
  const unit = m.unit ? ` ${m.unit}` : '';
  // Where the values of an empty history come from, by the metric's source.
  const fill: Record<typeof m.source, EmptyAction | undefined> = {
    manual: canEdit ? { href: '#check-ins', label: 'Check in a value' } : undefined,
    run_metric: logFromCodeAction(project.slug),
    production_model: { href: `/${project.slug}/models`, label: 'Promote a model version' },
    monitoring: { href: `/${project.slug}/monitoring`, label: 'Open Monitoring' },
  };
  return (
    <>
      <PageHeader
        title={m.name}
        description={m.description || `${KIND_LABELS[m.kind]} metric, ${DIRECTION_LABELS[m.direction].toLowerCase()}.`}
        actions={
          <Link className="text-sm text-indigo-700 underline dark:text-indigo-400" href={`/${project.slug}/metrics`}>
            All success metrics
          </Link>
        }
      />
      <Section title="Where it stands">
        <dl className="grid gap-4 sm:grid-cols-3 lg:grid-cols-6">
          <Fact label="Status">
            <MetricStatusBadge status={m.status} /> {m.isPrimary && <Flag tone="indigo">Primary</Flag>}
          </Fact>
          <Fact label="Current">{m.current === null ? '—' : `${formatValue(m.current)}${unit}`}</Fact>
          <Fact label="Target">{describeTarget(m, m.unit)}</Fact>
          <Fact label="Start">{m.direction === 'binary' ? 'no' : `${formatValue(m.startValue)}${unit}`}</Fact>
          <Fact label="Deadline">{formatDay(m.deadline)}</Fact>
          <Fact label="Owner">{m.ownerName ?? 'Nobody yet'}</Fact>
        </dl>
        <p className="mt-4 text-sm text-zinc-700 dark:text-zinc-300">
          Value from: {SOURCE_LABELS[m.source]}
          {m.sourceModel && ` ${m.sourceModel}`}
          {m.sourceKey && ` · ${m.sourceKey}`}
          {m.bestRun && (
            <>
              {' '}
              — best run{' '}
              <Link
                className="text-indigo-700 underline dark:text-indigo-400"
                href={`/${project.slug}/runs/${m.bestRun.id}`}
              >
                {m.bestRun.name}
              </Link>
            </>
          )}
          {m.productionVersion && (
            <>
              {' '}
              — Production is{' '}
              <Link
                className="text-indigo-700 underline dark:text-indigo-400"
                href={`/${project.slug}/models/${encodeURIComponent(m.productionVersion.model)}/versions/${m.productionVersion.version}`}
              >
                version {m.productionVersion.version}
              </Link>
            </>
          )}
        </p>
      </Section>
      <Section
        title="History"
        description="Recorded values against the target and the planned straight line from the start value to the target at the deadline."
      >
        <MetricHistoryChart
          name={m.name}
          unit={m.unit}
          rows={historyChartData(m.history, m.planned)}
          target={m.direction === 'binary' ? 1 : m.target}
          range={
            m.direction === 'range' && m.rangeMin !== null && m.rangeMax !== null ? [m.rangeMin, m.rangeMax] : null
          }
          stepped={m.source !== 'manual'}
          emptyAction={fill[m.source]}
        />
      </Section>
      {m.source === 'manual' && (
        <Section id="check-ins" title="Check-ins">
          {canEdit && (
            <ActionForm
              action={checkInAction}
              hidden={{ project: project.slug, id: m.id }}
              label="Check in a value"
              submitLabel="Check in"
              resetOnSuccess
              className="mb-4 max-w-3xl"
            >
              <div className="grid gap-3 sm:grid-cols-3">
                <Field
                  name="value"
                  label={m.direction === 'binary' ? 'Value (yes or no)' : `Value${unit ? ` (${m.unit})` : ''}`}
                  required
                />
                <Field name="recordedOn" label="Measured on" type="date" defaultValue={today} />
                <Field name="note" label="Note" placeholder="After the caching change" />
              </div>
            </ActionForm>
          )}
          <CheckInsTable project={project.slug} metric={m.name} rows={checkIns.slice().reverse()} canEdit={canEdit} />
        </Section>
      )}
      {canEdit && (
        <>
          <Section title="Edit">
            <MetricForm
              user={user.id}
              project={project.slug}
              defaultDeadline={m.deadline}
              existing={metric}
              options={{ members, ...sources }}
            />
          </Section>
          <Section title="Delete">
            <ActionForm
              action={deleteMetricAction}
              hidden={{ project: project.slug, id: m.id }}
              label="Delete success metric"
              submitLabel="Delete metric"
              submitVariant="danger"
              confirm={`Delete the success metric “${m.name}” and its check-ins?`}
            />
          </Section>
        </>
      )}
    </>
  );
}
