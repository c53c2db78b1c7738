'use client';

import { useDroppable } from '@dnd-kit/core';
import { SortableContext, verticalListSortingStrategy } from '@dnd-kit/sortable';
import { cn } from '@/components/ui/cn';
import type { BoardTask } from '@/lib/board/board-data';
import { TASK_STATUS_LABELS, type TaskStatus, wipState } from '@/lib/board/vocabulary';
import { TaskCard } from './task-card';

export function BoardColumn({
  status,
  tasks,
  hidden = 0,
  limit,
  project,
  draggable,
}: {
  status: TaskStatus;
  tasks: BoardTask[];
  /** Cards left out by the board's filters: they still count towards the WIP limit. */
  hidden?: number;
  limit: number | null | undefined;
  project: string;
  draggable: boolean;
}) {
  const { setNodeRef, isOver } = useDroppable({ id: status, disabled: !draggable });
  const count = tasks.length + hidden;
  const wip = wipState(count, limit);
  const points = tasks.reduce((n, t) => n + t.effort, 0);
  const headingId = `column-${status}`;
  return (
    <section
      aria-labelledby={headingId}
      className="flex w-64 shrink-0 snap-start flex-col rounded-lg bg-zinc-100 p-2 dark:bg-zinc-800/60"
    >
      <header className="mb-2 flex items-baseline justify-between gap-2 px-1">
        <h2 id={headingId} className="text-sm font-semibold text-zinc-800 dark:text-zinc-100">
          {TASK_STATUS_LABELS[status]}
        </h2>
        <span className="text-xs text-zinc-600 dark:text-zinc-400">
          {hidden > 0 ? `${tasks.length} of ${count} shown` : `${count} · ${points} pts`}
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
      <SortableContext id={status} items={tasks.map((t) => t.id)} strategy={verticalListSortingStrategy}>
        <ul
          ref={setNodeRef}
          aria-label={`${TASK_STATUS_LABELS[status]} cards`}
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
              {hidden > 0 ? 'No cards match the filters.' : draggable ? 'No cards. Drag one here.' : 'No cards.'}
            </li>
          )}
        </ul>
      </SortableContext>
    </section>
  );
}
