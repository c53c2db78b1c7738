import Link from 'next/link';
import type { AlertFilter } from '@/lib/monitoring/vocabulary';

const FILTERS: { value: AlertFilter; label: string }[] = [
  { value: 'active', label: 'Open and acknowledged' },
  { value: 'open', label: 'Open' },
  { value: 'resolved', label: 'Resolved' },
  { value: 'all', label: 'All' },
];

/** Status filter as links, so the choice lives in the URL and can be shared. */
export function AlertFilterLinks({
  basePath,
  current,
  param = 'alerts',
}: {
  basePath: string;
  current: AlertFilter;
  param?: string;
}) {
  return (
    <nav aria-label="Filter alerts by status" className="mb-3 flex flex-wrap gap-2 text-sm">
      {FILTERS.map((f) => (
        <Link
          key={f.value}
          href={f.value === 'active' ? basePath : `${basePath}?${param}=${f.value}`}
          aria-current={f.value === current ? 'page' : undefined}
          className="rounded-full border border-zinc-300 px-3 py-1 text-zinc-700 hover:bg-zinc-100 aria-[current=page]:border-indigo-600 aria-[current=page]:bg-indigo-50 aria-[current=page]:font-semibold aria-[current=page]:text-indigo-800 dark:border-zinc-600 dark:text-zinc-300 dark:hover:bg-zinc-800 dark:aria-[current=page]:bg-indigo-950 dark:aria-[current=page]:text-indigo-200"
        >
          {f.label}
        </Link>
      ))}
    </nav>
  );
}
