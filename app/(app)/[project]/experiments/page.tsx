import Link from 'next/link';
import { ExperimentsTable } from '@/components/tracking/experiments-table';
import { FirstRunHelp } from '@/components/tracking/first-run-help';
import { buttonClass } from '@/components/ui/button';
import { PageHeader } from '@/components/ui/page-header';
import { getDb } from '@/db/client';
import { listExperiments } from '@/db/queries/experiments';
import { formatCount } from '@/lib/format';
import { requireProjectAccess } from '@/server/project-page';
import { getRequestOrigin } from '@/server/request-origin';

export const metadata = { title: 'Experiments' };

export default async function ExperimentsPage({ params }: { params: Promise<{ project: string }> }) {
  const { project } = await requireProjectAccess((await params).project);
  const experiments = await listExperiments(await getDb(), project.id);
  const totalRuns = experiments.reduce((n, e) => n + e.runCount, 0);
  return (
    <>
      <PageHeader
        title="Experiments"
        description="Each experiment groups the runs logged to it by MLflow clients. Open one to search, sort and compare its runs."
        actions={
          <Link href={`/${project.slug}/runs`} className={buttonClass('primary')}>
            All runs ({formatCount(totalRuns)})
          </Link>
        }
      />
      {totalRuns === 0 && (
        <div className="mb-6">
          <FirstRunHelp project={project.slug} origin={await getRequestOrigin()} />
        </div>
      )}
      <ExperimentsTable project={project.slug} experiments={experiments} />
    </>
  );
}
