'use client';

import { useDroppable } from '@dnd-kit/core';
import { SortableContext, verticalListSortingStrategy } from '@dnd-kit/sortable';
import { memo, useEffect, useMemo, useRef } from 'react';
import { cn } from '@/components/ui/cn';
import type { ColumnWindow } from '@/lib/board/column-window';
import { TASK_STATUS_LABELS, type TaskStatus, wipState } from '@/lib/board/vocabulary';
import { TaskCard } from './task-card';

/** Memoised: picking up a card inside the window leaves every column's props as they were. */
export const BoardColumn = memo(function BoardColumn({
  status,
  view: { cards: tasks, filtered, more, total: count, points },
  step,
  onShowMore,
  limit,
  project,
  draggable,
}: {
  status: TaskStatus;
  /** The cards drawn; those left out by the board's filters still count towards the WIP limit. */
  view: ColumnWindow;
  /** How many more cards "Show more" draws (also drawn on their own once the button scrolls near the screen). */
  step: number;
  onShowMore: (status: TaskStatus) => void;
  limit: number | null | undefined;
  project: string;
  draggable: boolean;
}) {
  const { setNodeRef, isOver } = useDroppable({ id: status, disabled: !draggable });
  const items = useMemo(() => tasks.map((t) => t.id), [tasks]);
  const wip = wipState(count, limit);
  // Scrolling to a column's end draws its next cards, as a virtual list would; the button stays for anyone who
  // would rather ask. Observing again after each batch draws the next one while the end is still in view.
  const showMoreButton = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    const button = showMoreButton.current;
    if (!button) return;
    const observer = new IntersectionObserver(
      (entries) => {
        if (entries.some((e) => e.isIntersecting)) onShowMore(status);
      },
      { rootMargin: '0px 0px 300px 0px' },
    );
    observer.observe(button);
    return () => observer.disconnect();
  }, [tasks.length, more, onShowMore, status]);
  const headingId = `column-${status}`;
  const label = TASK_STATUS_LABELS[status];
  return (
    <section
      aria-labelledby={headingId}
      className="flex w-64 shrink-0 snap-start flex-col rounded-lg bg-zinc-100 p-2 dark:bg-zinc-800/60"
    >
      <header className="mb-2 flex items-baseline justify-between gap-2 px-1">
        <h2 id={headingId} className="text-sm font-semibold text-zinc-800 dark:text-zinc-100">
          {label}
        </h2>
        <span className="text-xs text-zinc-600 dark:text-zinc-400">
          {filtered > 0 ? `${count - filtered} of ${count} shown` : `${count} · ${points} pts`}
        </span>
      </header>
      {limit ? (
        <p
          className={cn(
            'mb-2 rounded px-2 py-0.5 text-xs',
            wip === 'over' && 'bg-red-100 font-semibold text-red-800 dark:bg-red-950 dark:text-red-200',
            wip === 'at' && 'bg-amber-100 text-amber-900 dark:bg-amber-950 dark:text-amber-200',
            wip === 'under' && 'text-zinc-600 dark:text-zinc-400',
          )}
        >
          {wip === 'over'
            ? `Over WIP limit: ${count} of ${limit}`
            : `WIP limit ${limit}${wip === 'at' ? ' (full)' : ''}`}
        </p>
      ) : null}
      <SortableContext id={status} items={items} strategy={verticalListSortingStrategy}>
        <ul
          ref={setNodeRef}
          aria-label={`${label} cards`}
          className={cn(
            'flex min-h-24 flex-1 flex-col gap-2 rounded-md p-0.5',
            isOver && 'bg-indigo-50 ring-2 ring-indigo-300 dark:bg-indigo-950/40 dark:ring-indigo-700',
          )}
        >
          {tasks.map((t) => (
            <TaskCard key={t.id} task={t} project={project} draggable={draggable} />
          ))}
          {tasks.length === 0 && (
            <li className="rounded-md border border-dashed border-zinc-300 p-3 text-center text-xs text-zinc-600 dark:border-zinc-600 dark:text-zinc-400">
              {filtered > 0 ? 'No cards match the filters.' : draggable ? 'No cards. Drag one here.' : 'No cards.'}
            </li>
          )}
        </ul>
      </SortableContext>
      {more > 0 && (
        <button
          ref={showMoreButton}
          type="button"
          onClick={() => onShowMore(status)}
          className="mt-2 rounded-md border border-zinc-300 bg-white px-2 py-1 text-xs font-medium text-zinc-800 hover:bg-zinc-50 focus-visible:outline-2 focus-visible:outline-indigo-500 dark:border-zinc-600 dark:bg-zinc-900 dark:text-zinc-100 dark:hover:bg-zinc-800"
        >
          Show {Math.min(step, more)} more cards ({more} not shown)
        </button>
      )}
    </section>
  );
});
