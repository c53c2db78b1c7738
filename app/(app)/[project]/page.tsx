import Link from 'next/link';
import { PageHeader, Section } from '@/components/ui/page-header';
import { BestRunsTable } from '@/components/overview/best-runs-table';
import { LifecyclePanel } from '@/components/overview/lifecycle-panel';
import { ProjectHealthBanner } from '@/components/overview/project-health';
import { StatusUpdates } from '@/components/overview/status-updates';
import { FlaggedRisks, OpenAlerts, ProductionModels, SprintProgress } from '@/components/overview/overview-panels';
import { Scorecard } from '@/components/success-metrics/scorecard';
import { getDb } from '@/db/client';
import { getOverview } from '@/db/queries/overview';
import { listStatusUpdates } from '@/db/queries/status-updates';
import { STAGE_LABELS, roleAtLeast } from '@/lib/domain';
import { requireProjectAccess } from '@/server/project-page';

export const metadata = { title: 'Overview' };

/** The team lead's landing page: is the project succeeding, and what needs attention — all read live. */
export default async function ProjectOverviewPage({ params }: { params: Promise<{ project: string }> }) {
  const { project, role } = await requireProjectAccess((await params).project);
  const db = await getDb();
  const [o, updates] = await Promise.all([getOverview(db, project), listStatusUpdates(db, project.id)]);
  const slug = project.slug;
  const canEdit = roleAtLeast(role, 'editor');
  return (
    <>
      <PageHeader
        title={project.name}
        description={`${STAGE_LABELS[project.stage]} stage · iteration ${o.lifecycle.iterations} · your role: ${role}`}
      />
      <ProjectHealthBanner project={slug} health={o.health} success={o.success} stageMismatch={o.stageMismatch} />
      <Section title="Success metrics">
        <Scorecard project={slug} metrics={o.metrics} />
      </Section>
      <Section
        title="Status updates"
        description="Written by the team: the health they judge the project to be in and why, newest first."
      >
        <StatusUpdates project={slug} updates={updates} derived={o.health.health} canEdit={canEdit} />
      </Section>
      <div className="grid gap-x-6 xl:grid-cols-2">
        <Section title="Risks needing attention">
          <FlaggedRisks project={slug} risks={o.risks} />
        </Section>
        <Section title="Sprint progress">
          <SprintProgress project={slug} sprint={o.sprint} />
        </Section>
        <Section title="Open alerts">
          <OpenAlerts project={slug} alerts={o.alerts} />
        </Section>
        <Section title="Production model">
          <ProductionModels project={slug} models={o.production} />
        </Section>
      </div>
      <Section title="Best run per primary metric">
        <BestRunsTable project={slug} rows={o.bestRuns} />
      </Section>
      <Section title="Lifecycle" id="lifecycle">
        <LifecyclePanel project={slug} lifecycle={o.lifecycle} canEdit={canEdit} />
      </Section>
      <Section title="Problem statement">
        {project.problemStatement ? (
          <p className="whitespace-pre-wrap text-sm leading-6">{project.problemStatement}</p>
        ) : (
          <p className="text-sm text-zinc-600 dark:text-zinc-400">
            No problem statement yet.{' '}
            {canEdit && (
              <Link href={`/${slug}/settings#details`} className="text-indigo-700 underline dark:text-indigo-400">
                Write one in Settings.
              </Link>
            )}
          </p>
        )}
        <Link
          href={`/${slug}/problem`}
          className="mt-2 inline-block text-sm text-indigo-700 underline dark:text-indigo-400"
        >
          See how it breaks down
        </Link>
      </Section>
    </>
  );
}
