import Link from 'next/link';
import { RunsExplorer } from '@/components/tracking/runs-explorer';
import { PageHeader } from '@/components/ui/page-header';
import { getDb } from '@/db/client';
import { getExperiment } from '@/db/queries/experiments';
import { serialId } from '@/lib/ids';
import { orNotFound, paramsOrNotFound } from '@/server/not-found';
import { requireProjectAccess } from '@/server/project-page';
import { loadRunsTable, resolveRunsView } from '@/server/runs-table';

export default async function ExperimentPage({
  params,
  searchParams,
}: {
  params: Promise<{ project: string; experimentId: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { project: slug, experimentId } = await params;
  const { project, user } = await requireProjectAccess(slug);
  const id = await paramsOrNotFound(serialId, experimentId);
  const db = await getDb();
  const experiment = await orNotFound(getExperiment(db, project.id, id));
  const { view, savedViews } = await resolveRunsView(
    db,
    await searchParams,
    { projectId: project.id, experimentId: experiment.id },
    user.id,
  );
  const data = await loadRunsTable(db, view, { projectId: project.id, experimentId: experiment.id });
  return (
    <>
      <nav aria-label="Breadcrumb" className="mb-2 text-sm text-zinc-600 dark:text-zinc-400">
        <Link href={`/${project.slug}/experiments`} className="hover:underline">
          Experiments
        </Link>{' '}
        / {experiment.name}
      </nav>
      <PageHeader
        title={experiment.name}
        description={`Experiment ${experiment.id}${experiment.lifecycleStage === 'deleted' ? ' (deleted)' : ''} · artifacts at ${experiment.artifactLocation}`}
      />
      <RunsExplorer
        project={project.slug}
        basePath={`/${project.slug}/experiments/${experiment.id}`}
        view={view}
        savedViews={savedViews}
        {...data}
        experiments={undefined}
        experimentId={experiment.id}
      />
    </>
  );
}

export async function generateMetadata({ params }: { params: Promise<{ experimentId: string }> }) {
  return { title: `Experiment ${(await params).experimentId}` };
}
