import Link from 'next/link';
import { ActionForm, Field } from '@/components/ui/action-form';
import { PageHeader, Section } from '@/components/ui/page-header';
import { ProblemTree } from '@/components/problem/problem-tree';
import { getDb } from '@/db/client';
import { listLinkTargets, listSubProblems } from '@/db/queries/problem';
import { listMembers } from '@/db/queries/projects';
import { roleAtLeast } from '@/lib/domain';
import { requireProjectAccess } from '@/server/project-page';
import { createSubProblemAction } from './actions';

export const metadata = { title: 'Problem' };

export default async function ProblemPage({ params }: { params: Promise<{ project: string }> }) {
  const { project, role } = await requireProjectAccess((await params).project);
  const db = await getDb();
  const [nodes, members, targets] = await Promise.all([
    listSubProblems(db, project.id),
    listMembers(db, project.id),
    listLinkTargets(db, project.id),
  ]);
  const canEdit = roleAtLeast(role, 'editor');
  return (
    <>
      <PageHeader
        title="Problem"
        description="The problem statement broken into sub-problems, each with a status, an owner and links to the success metrics, experiments and board tasks that address it."
      />
      <Section title="Problem statement">
        {project.problemStatement ? (
          <p className="whitespace-pre-wrap text-sm leading-6">{project.problemStatement}</p>
        ) : (
          <p className="text-sm text-zinc-600 dark:text-zinc-400">No problem statement yet.</p>
        )}
        {canEdit && (
          <Link
            href={`/${project.slug}/settings#details`}
            className="mt-2 inline-block text-sm text-indigo-700 underline dark:text-indigo-400"
          >
            Edit the statement in Settings
          </Link>
        )}
      </Section>
      <Section id="decomposition" title="Decomposition">
        {canEdit && (
          <ActionForm
            action={createSubProblemAction}
            hidden={{ project: project.slug }}
            label="Add a sub-problem"
            submitLabel="Add sub-problem"
            resetOnSuccess
            className="mb-4 max-w-xl"
          >
            <Field name="title" label="Sub-problem" required placeholder="Identify churn indicators" />
          </ActionForm>
        )}
        <ProblemTree project={project.slug} nodes={nodes} members={members} targets={targets} canEdit={canEdit} />
      </Section>
    </>
  );
}
