'use client';

import type { DraggableAttributes } from '@dnd-kit/core';
import { useSortable } from '@dnd-kit/sortable';
import { CSS } from '@dnd-kit/utilities';
import Link from 'next/link';
import { memo } from 'react';
import { StatusBadge } from '@/components/tracking/badges';
import { cn } from '@/components/ui/cn';
import type { BoardTask } from '@/lib/board/board-data';
import { taskRef } from '@/lib/board/vocabulary';
import { PriorityBadge } from './priority-badge';

export function TaskCardBody({ task, project }: { task: BoardTask; project: string }) {
  return (
    <>
      <Link
        href={`/${project}/board/tasks/${task.id}`}
        // A board shows dozens of cards at once: prefetching each one's task page would cost a request per card on load.
        prefetch={false}
        // A native link drag would swallow the pointer events that move the card.
        draggable={false}
        className="block text-sm font-medium text-zinc-900 hover:underline focus-visible:outline-2 focus-visible:outline-indigo-500 dark:text-zinc-50"
      >
        {task.title}
      </Link>
      <div className="mt-2 flex flex-wrap items-center gap-1.5 text-xs text-zinc-600 dark:text-zinc-400">
        <span>{task.effort} pts</span>
        {task.assigneeName && <span className="truncate">· {task.assigneeName}</span>}
        {task.labels.map((l) => (
          <span key={l} className="rounded bg-zinc-100 px-1.5 py-0.5 text-zinc-700 dark:bg-zinc-800 dark:text-zinc-300">
            {l}
          </span>
        ))}
      </div>
      {task.runs.length > 0 && (
        <ul aria-label="Linked runs" className="mt-2 flex flex-wrap gap-1">
          {task.runs.slice(0, 3).map((r) => (
            <li key={r.id} className="flex items-center gap-1 text-xs text-zinc-700 dark:text-zinc-300">
              <StatusBadge status={r.status} />
              <span className="max-w-28 truncate">{r.name}</span>
            </li>
          ))}
          {task.runs.length > 3 && (
            <li className="text-xs text-zinc-600 dark:text-zinc-400">+{task.runs.length - 3} more</li>
          )}
        </ul>
      )}
    </>
  );
}

type HandleProps = {
  attributes: DraggableAttributes;
  setActivatorNodeRef: (element: HTMLElement | null) => void;
};

/**
 * Everything inside a card. Memoised apart from the sortable wrapper: picking any card up re-renders every
 * useSortable on the board, and with only stable props here (the task object, dnd-kit's memoised attributes
 * and ref callback) that stays a re-render of the wrapper alone.
 */
const CardFace = memo(function CardFace({
  task,
  project,
  handle,
  attributes,
  setActivatorNodeRef,
}: { task: BoardTask; project: string; handle: boolean } & HandleProps) {
  const ref = taskRef(task.number);
  return (
    <>
      <div className="mb-1 flex items-center gap-1.5">
        {handle && (
          <button
            type="button"
            ref={setActivatorNodeRef}
            {...attributes}
            aria-label={`Move ${ref}: ${task.title}`}
            className="-ml-1 rounded px-1 text-zinc-500 hover:bg-zinc-100 focus-visible:outline-2 focus-visible:outline-indigo-500 dark:text-zinc-400 dark:hover:bg-zinc-800"
          >
            <span aria-hidden="true">⠿</span>
          </button>
        )}
        <span className="text-xs font-mono text-zinc-600 dark:text-zinc-400">{ref}</span>
        <PriorityBadge priority={task.priority} />
      </div>
      <TaskCardBody task={task} project={project} />
    </>
  );
});

/**
 * A card: the whole card can be dragged with a pointer; the handle button is the keyboard's way in
 * (space to pick up, arrows to move, space to drop), so links inside the card keep their own keys. Memoised: a
 * change to one card (a live patch keeps every other card's object) renders only that card and its column's sortables.
 */
export const TaskCard = memo(function TaskCard({
  task,
  project,
  draggable,
}: {
  task: BoardTask;
  project: string;
  draggable: boolean;
}) {
  const { attributes, listeners, setNodeRef, setActivatorNodeRef, transform, transition, isDragging } = useSortable({
    id: task.id,
    disabled: !draggable,
    // A card keeps its size while any card is dragged, so it needs no ResizeObserver of its own: dnd-kit would
    // otherwise create and attach one per drawn card at every pick-up.
    resizeObserverConfig: { disabled: true },
  });
  return (
    <li
      ref={setNodeRef}
      style={{ transform: CSS.Transform.toString(transform), transition }}
      {...(draggable ? listeners : {})}
      data-task-id={task.id}
      className={cn(
        'min-w-0 rounded-md border border-zinc-200 bg-white p-2.5 shadow-sm [overflow-wrap:anywhere] dark:border-zinc-700 dark:bg-zinc-900',
        draggable && 'cursor-grab touch-none active:cursor-grabbing',
        isDragging && 'opacity-40',
      )}
    >
      <CardFace
        task={task}
        project={project}
        handle={draggable}
        attributes={attributes}
        setActivatorNodeRef={setActivatorNodeRef}
      />
    </li>
  );
});
