import Link from 'next/link';
import { RunsExplorer } from '@/components/tracking/runs-explorer';
import { PageHeader } from '@/components/ui/page-header';
import { getDb } from '@/db/client';
import { requireProjectAccess } from '@/server/project-page';
import { loadRunsTable, resolveRunsView } from '@/server/runs-table';

export const metadata = { title: 'All runs' };

export default async function AllRunsPage({
  params,
  searchParams,
}: {
  params: Promise<{ project: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { project, user } = await requireProjectAccess((await params).project);
  const db = await getDb();
  const { view, savedViews } = await resolveRunsView(
    db,
    await searchParams,
    { projectId: project.id, experimentId: null },
    user.id,
  );
  const data = await loadRunsTable(db, view, { projectId: project.id });
  return (
    <>
      <nav aria-label="Breadcrumb" className="mb-2 text-sm text-zinc-600 dark:text-zinc-400">
        <Link href={`/${project.slug}/experiments`} className="hover:underline">
          Experiments
        </Link>{' '}
        / All runs
      </nav>
      <PageHeader
        title="All runs"
        description="Every run of the project across experiments. Select runs to compare them; the URL keeps the whole view, so share it as a link."
      />
      <RunsExplorer
        project={project.slug}
        basePath={`/${project.slug}/runs`}
        view={view}
        savedViews={savedViews}
        {...data}
      />
    </>
  );
}
