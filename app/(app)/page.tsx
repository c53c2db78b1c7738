import Link from 'next/link';
import { buttonClass } from '@/components/ui/button';
import { EmptyState } from '@/components/ui/empty-state';
import { PageHeader } from '@/components/ui/page-header';
import { getDb } from '@/db/client';
import { listProjectsForUser } from '@/db/queries/projects';
import { STAGE_LABELS } from '@/lib/domain';
import { requireSessionUser } from '@/server/session';

export const metadata = { title: 'Projects' };

export default async function ProjectsPage() {
  const user = await requireSessionUser();
  const projects = await listProjectsForUser(await getDb(), user);
  return (
    <main className="mx-auto w-full max-w-5xl p-6">
      <PageHeader
        title="Projects"
        actions={
          <Link href="/projects/new" className={buttonClass()}>
            New project
          </Link>
        }
      />
      {projects.length === 0 ? (
        <EmptyState
          title="You are not in any project yet"
          hint="Create a project, or ask a project owner to add you as a member."
          action={{ href: '/projects/new', label: 'New project' }}
        />
      ) : (
        <ul className="grid gap-4 sm:grid-cols-2">
          {projects.map((p) => (
            <li
              key={p.id}
              className="rounded-lg border border-zinc-200 bg-white p-4 dark:border-zinc-700 dark:bg-zinc-900"
            >
              <Link
                href={`/${p.slug}`}
                className="text-lg font-semibold text-indigo-700 hover:underline dark:text-indigo-400"
              >
                {p.name}
              </Link>
              <p className="mt-1 line-clamp-2 text-sm text-zinc-600 dark:text-zinc-400">
                {p.problemStatement || 'No problem statement yet.'}
              </p>
              <p className="mt-3 text-xs text-zinc-600 dark:text-zinc-400">
                Stage: <span className="font-medium">{STAGE_LABELS[p.stage]}</span> · Your role:{' '}
                <span className="font-medium">{p.role}</span>
              </p>
            </li>
          ))}
        </ul>
      )}
    </main>
  );
}
