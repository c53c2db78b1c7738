'use client';

import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useState, useTransition } from 'react';
import { type BoardFilter, UNASSIGNED, type boardFilterOptions, isFiltered } from '@/lib/board/filters';
import { priorityLabel } from '@/lib/board/vocabulary';

const selectClass =
  'rounded-md border border-zinc-300 bg-white px-2 py-1.5 text-sm text-zinc-900 dark:border-zinc-600 dark:bg-zinc-900 dark:text-zinc-100';

type Picked = { assignee: string; label: string; priority: string };

const picked = (f: BoardFilter): Picked => ({
  assignee: f.assignee ?? '',
  label: f.label ?? '',
  priority: f.priority === null ? '' : String(f.priority),
});

/**
 * The board's filters, applied as soon as one is picked (as in Linear). They live in the URL, so the filtered
 * board is a link to share and survives a reload.
 */
export function BoardFilters({
  project,
  sprint,
  options,
  filter,
}: {
  project: string;
  sprint: string;
  options: ReturnType<typeof boardFilterOptions>;
  filter: BoardFilter;
}) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const fromUrl = picked(filter);
  const [shown, setShown] = useState(fromUrl);
  // The URL changed from elsewhere (Clear filters, Back): show what it says.
  const [urlKey, setUrlKey] = useState(JSON.stringify(fromUrl));
  if (urlKey !== JSON.stringify(fromUrl)) {
    setUrlKey(JSON.stringify(fromUrl));
    setShown(fromUrl);
  }

  const change = (name: keyof Picked, value: string) => {
    const next = { ...shown, [name]: value };
    setShown(next);
    const query = new URLSearchParams({ sprint });
    for (const [k, v] of Object.entries(next)) if (v) query.set(k, v);
    startTransition(() => router.push(`/${project}/board?${query}`, { scroll: false }));
  };

  const pick = (name: keyof Picked, label: string, choices: Array<{ value: string; label: string }>) => (
    <label className="flex flex-col gap-1 text-sm">
      <span className="font-medium text-zinc-800 dark:text-zinc-200">{label}</span>
      <select value={shown[name]} onChange={(e) => change(name, e.target.value)} className={selectClass}>
        <option value="">Any</option>
        {choices.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </label>
  );
  return (
    <form
      aria-label="Filter cards"
      aria-busy={pending || undefined}
      onSubmit={(e) => e.preventDefault()}
      className="flex flex-wrap items-end gap-3"
    >
      {pick('assignee', 'Filter by assignee', [
        { value: UNASSIGNED, label: 'Unassigned' },
        ...options.assignees.map((a) => ({ value: a.id, label: a.name })),
      ])}
      {pick(
        'label',
        'Filter by label',
        options.labels.map((l) => ({ value: l, label: l })),
      )}
      {pick(
        'priority',
        'Filter by priority',
        [1, 2, 3, 4].map((p) => ({ value: String(p), label: priorityLabel(p) })),
      )}
      {isFiltered(filter) && (
        <Link
          href={`/${project}/board?sprint=${encodeURIComponent(sprint)}`}
          scroll={false}
          className="py-1.5 text-sm text-indigo-700 underline dark:text-indigo-300"
        >
          Clear filters
        </Link>
      )}
    </form>
  );
}
