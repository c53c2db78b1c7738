import Link from 'next/link';
import { LifecycleStepper } from '@/components/project/lifecycle-stepper';
import { StageHistory } from '@/components/project/stage-history';
import { PageHeader, Section } from '@/components/ui/page-header';
import { getDb } from '@/db/client';
import { listStageChanges } from '@/db/queries/projects';
import { roleAtLeast } from '@/lib/domain';
import { requireProjectAccess } from '@/server/project-page';

export default async function ProjectPage({ params }: { params: Promise<{ project: string }> }) {
  const { project, role } = await requireProjectAccess((await params).project);
  const changes = await listStageChanges(await getDb(), project.id);
  return (
    <>
      <PageHeader title={project.name} description={`Your role: ${role}`} />
      <Section title="Problem statement">
        {project.problemStatement ? (
          <p className="whitespace-pre-wrap text-sm leading-6">{project.problemStatement}</p>
        ) : (
          <p className="text-sm text-zinc-600 dark:text-zinc-400">
            No problem statement yet.{' '}
            {roleAtLeast(role, 'editor') && (
              <Link href={`/${project.slug}/settings`} className="text-indigo-700 underline dark:text-indigo-400">
                Write one in Settings.
              </Link>
            )}
          </p>
        )}
      </Section>
      <Section title="Lifecycle">
        <LifecycleStepper stage={project.stage} />
        <h3 className="mb-2 mt-5 text-sm font-semibold">Stage history</h3>
        <StageHistory rows={changes} />
      </Section>
    </>
  );
}
