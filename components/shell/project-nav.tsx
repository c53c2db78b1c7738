'use client';

import Link from 'next/link';
import { useSelectedLayoutSegment } from 'next/navigation';

// Sections appear here as they are built; each links to a real page.
// `also`: segments of pages that belong to the section (runs and compare are reached from experiments).
export const PROJECT_SECTIONS: ReadonlyArray<{ segment: string | null; label: string; also?: readonly string[] }> = [
  { segment: null, label: 'Overview' },
  { segment: 'metrics', label: 'Success metrics' },
  { segment: 'risks', label: 'Risks' },
  { segment: 'problem', label: 'Problem' },
  { segment: 'board', label: 'Board', also: ['backlog', 'sprints'] },
  { segment: 'experiments', label: 'Experiments', also: ['runs', 'compare'] },
  { segment: 'models', label: 'Models' },
  { segment: 'datasets', label: 'Datasets' },
  { segment: 'monitoring', label: 'Monitoring' },
  { segment: 'ab-tests', label: 'A/B tests' },
  { segment: 'report', label: 'Report' },
  { segment: 'activity', label: 'Activity' },
  { segment: 'settings', label: 'Settings' },
];

export function ProjectNav({ slug, name }: { slug: string; name: string }) {
  const active = useSelectedLayoutSegment();
  return (
    <nav
      aria-label={`${name} sections`}
      className="no-print w-52 shrink-0 border-r border-zinc-200 bg-white p-3 dark:border-zinc-800 dark:bg-zinc-900"
    >
      <p className="mb-2 truncate px-2 text-xs font-semibold uppercase tracking-wide text-zinc-500 dark:text-zinc-400">
        {name}
      </p>
      <ul className="flex flex-col gap-0.5">
        {PROJECT_SECTIONS.map((s) => (
          <li key={s.label}>
            <Link
              href={s.segment ? `/${slug}/${s.segment}` : `/${slug}`}
              aria-current={active === s.segment || (active !== null && s.also?.includes(active)) ? 'page' : undefined}
              className="block rounded-md px-2 py-1.5 text-sm text-zinc-700 hover:bg-zinc-100 aria-[current=page]:bg-indigo-50 aria-[current=page]:font-semibold aria-[current=page]:text-indigo-800 dark:text-zinc-300 dark:hover:bg-zinc-800 dark:aria-[current=page]:bg-indigo-950 dark:aria-[current=page]:text-indigo-200"
            >
              {s.label}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
