import Link from 'next/link';
import { buttonClass } from '@/components/ui/button';
import type { BoardTask } from '@/lib/board/board-data';
import { type BoardFilter, UNASSIGNED, boardFilterOptions, isFiltered } from '@/lib/board/filters';
import { priorityLabel } from '@/lib/board/vocabulary';

const selectClass =
  'rounded-md border border-zinc-300 bg-white px-2 py-1.5 text-sm text-zinc-900 dark:border-zinc-600 dark:bg-zinc-900 dark:text-zinc-100';

/** A GET form, so the filtered board is a link to share and survives a reload. */
export function BoardFilters({
  project,
  sprint,
  tasks,
  filter,
}: {
  project: string;
  sprint: string;
  tasks: readonly BoardTask[];
  filter: BoardFilter;
}) {
  const { assignees, labels } = boardFilterOptions(tasks);
  const pick = (
    name: string,
    label: string,
    value: string | null,
    options: Array<{ value: string; label: string }>,
  ) => (
    <label className="flex flex-col gap-1 text-sm">
      <span className="font-medium text-zinc-800 dark:text-zinc-200">{label}</span>
      <select name={name} defaultValue={value ?? ''} className={selectClass}>
        <option value="">Any</option>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </label>
  );
  return (
    <form
      method="get"
      action={`/${project}/board`}
      aria-label="Filter cards"
      className="mb-4 flex flex-wrap items-end gap-3"
    >
      <input type="hidden" name="sprint" value={sprint} />
      {pick('assignee', 'Filter by assignee', filter.assignee, [
        { value: UNASSIGNED, label: 'Unassigned' },
        ...assignees.map((a) => ({ value: a.id, label: a.name })),
      ])}
      {pick(
        'label',
        'Filter by label',
        filter.label,
        labels.map((l) => ({ value: l, label: l })),
      )}
      {pick(
        'priority',
        'Filter by priority',
        filter.priority === null ? null : String(filter.priority),
        [1, 2, 3, 4].map((p) => ({ value: String(p), label: priorityLabel(p) })),
      )}
      <button type="submit" className={buttonClass('secondary')}>
        Apply filters
      </button>
      {isFiltered(filter) && (
        <Link
          href={`/${project}/board?sprint=${encodeURIComponent(sprint)}`}
          className="py-1.5 text-sm text-indigo-700 underline dark:text-indigo-300"
        >
          Clear filters
        </Link>
      )}
    </form>
  );
}
