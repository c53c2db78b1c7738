'use client';

import Link from 'next/link';
import { useParams } from 'next/navigation';
import { Popover } from '@/components/ui/popover';

export function ProjectSwitcher({ projects }: { projects: { slug: string; name: string }[] }) {
  const params = useParams<{ project?: string }>();
  const current = projects.find((p) => p.slug === params.project);
  return (
    <Popover
      className="relative"
      summaryClassName="cursor-pointer list-none rounded-md border border-zinc-300 px-2.5 py-1 text-sm dark:border-zinc-600"
      summary={
        <>
          {current ? current.name : 'Projects'} <span aria-hidden>▾</span>
        </>
      }
    >
      <ul className="absolute left-0 z-20 mt-1 min-w-56 rounded-md border border-zinc-200 bg-white p-1 shadow-lg dark:border-zinc-700 dark:bg-zinc-900">
        {projects.map((p) => (
          <li key={p.slug}>
            <Link
              href={`/${p.slug}`}
              aria-current={p.slug === current?.slug ? 'page' : undefined}
              className="block rounded px-2 py-1.5 text-sm hover:bg-zinc-100 aria-[current=page]:font-semibold dark:hover:bg-zinc-800"
            >
              {p.name}
            </Link>
          </li>
        ))}
        <li className="mt-1 border-t border-zinc-200 pt-1 dark:border-zinc-700">
          <Link
            href="/projects/new"
            className="block rounded px-2 py-1.5 text-sm text-indigo-700 hover:bg-zinc-100 dark:text-indigo-400 dark:hover:bg-zinc-800"
          >
            + New project
          </Link>
        </li>
      </ul>
    </Popover>
  );
}
