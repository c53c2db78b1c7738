import { MetricForm } from '@/components/success-metrics/metric-form';
import { MetricsTable } from '@/components/success-metrics/metrics-table';
import { SuccessBanner } from '@/components/success-metrics/success-banner';
import { DialogButton } from '@/components/ui/dialog';
import { PageHeader, Section } from '@/components/ui/page-header';
import { getDb } from '@/db/client';
import { listMembers } from '@/db/queries/projects';
import { evaluateSuccessMetrics, listMetricSourceOptions } from '@/db/queries/success-metrics';
import { roleAtLeast } from '@/lib/domain';
import { projectSuccess, todayUtc } from '@/lib/success-metrics/status';
import { requireProjectAccess } from '@/server/project-page';

export const metadata = { title: 'Success metrics' };

const DAY = 86_400_000;

async function load(projectId: string) {
  const db = await getDb();
  const now = Date.now();
  const [metrics, members, sources] = await Promise.all([
    evaluateSuccessMetrics(db, projectId, now),
    listMembers(db, projectId),
    listMetricSourceOptions(db, projectId),
  ]);
  return { metrics, members, sources, defaultDeadline: todayUtc(now + 90 * DAY) };
}

export default async function MetricsPage({ params }: { params: Promise<{ project: string }> }) {
  const { project, role } = await requireProjectAccess((await params).project);
  const { metrics, members, sources, defaultDeadline } = await load(project.id);
  return (
    <>
      <PageHeader
        title="Success metrics"
        description="What success means for this project: business, model and guardrail metrics with a direction, a target and a deadline. Status compares each value with the straight line from its start value to its target."
        actions={
          roleAtLeast(role, 'editor') && (
            <DialogButton label="New success metric" title="Define a success metric" anchor="new-metric">
              <MetricForm project={project.slug} defaultDeadline={defaultDeadline} options={{ members, ...sources }} />
            </DialogButton>
          )
        }
      />
      <SuccessBanner project={project.slug} success={projectSuccess(metrics)} />
      <Section
        title="Scorecard"
        description="Within 10% of the planned line is on track, within 25% at risk, further behind (or past the deadline) off track."
      >
        <MetricsTable project={project.slug} rows={metrics} canEdit={roleAtLeast(role, 'editor')} />
      </Section>
    </>
  );
}
