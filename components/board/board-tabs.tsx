import Link from 'next/link';

const TABS = [
  { key: 'board', label: 'Board', path: 'board' },
  { key: 'backlog', label: 'Backlog', path: 'backlog' },
  { key: 'sprints', label: 'Sprints & charts', path: 'sprints' },
] as const;

export function BoardTabs({ project, active }: { project: string; active: (typeof TABS)[number]['key'] }) {
  return (
    <nav aria-label="Board views" className="mb-4 border-b border-zinc-200 dark:border-zinc-700">
      <ul className="flex gap-1">
        {TABS.map((t) => (
          <li key={t.key}>
            <Link
              href={`/${project}/${t.path}`}
              aria-current={t.key === active ? 'page' : undefined}
              className="-mb-px block border-b-2 border-transparent px-3 py-2 text-sm text-zinc-700 hover:text-zinc-950 aria-[current=page]:border-indigo-600 aria-[current=page]:font-semibold aria-[current=page]:text-indigo-800 dark:text-zinc-300 dark:hover:text-white dark:aria-[current=page]:border-indigo-400 dark:aria-[current=page]:text-indigo-200"
            >
              {t.label}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
