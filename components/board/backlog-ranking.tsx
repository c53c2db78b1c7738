'use client';

import {
  type Announcements,
  DndContext,
  type DragEndEvent,
  KeyboardSensor,
  PointerSensor,
  type UniqueIdentifier,
  closestCenter,
  useSensor,
  useSensors,
} from '@dnd-kit/core';
import {
  SortableContext,
  arrayMove,
  sortableKeyboardCoordinates,
  useSortable,
  verticalListSortingStrategy,
} from '@dnd-kit/sortable';
import { CSS } from '@dnd-kit/utilities';
import { useRouter } from 'next/navigation';
import { type ReactNode, createContext, useContext, useId, useRef, useState, useTransition } from 'react';
import { rankTaskAction } from '@/app/(app)/[project]/board/actions';
import { cn } from '@/components/ui/cn';
import { Notice, type NoticeText } from '@/components/ui/notice';
import type { BoardTask } from '@/lib/board/board-data';
import { rankAnchor } from '@/lib/board/ordering';
import { TASK_STATUS_LABELS, taskRef } from '@/lib/board/vocabulary';

const INSTRUCTIONS =
  'To re-rank a task, focus its rank button and press space or enter, move it with the up and down arrow keys, then press space or enter to drop it, or escape to cancel.';

type Sortable = ReturnType<typeof useSortable>;
// No activator ref: after a drop dnd-kit gives focus back to the row's first focusable element, this handle.
type Handle = Pick<Sortable, 'attributes' | 'listeners'>;
const HandleContext = createContext<Handle | null>(null);

/**
 * The backlog's manual ranking: rows are dragged by their handle (pointer or keyboard) and the dropped row
 * is saved between its new neighbours. `children` draws the table from the order given to it.
 */
export function BacklogRanking({
  project,
  tasks,
  enabled,
  children,
}: {
  project: string;
  tasks: BoardTask[];
  enabled: boolean;
  children: (ordered: BoardTask[]) => ReactNode;
}) {
  const router = useRouter();
  // dnd-kit numbers its ARIA ids with a module counter that differs between server and browser.
  const dndId = useId();
  const [dropped, setDropped] = useState<{ from: BoardTask[]; ids: string[] } | null>(null);
  const [notice, setNotice] = useState<NoticeText | null>(null);
  const [, start] = useTransition();
  const byId = new Map(tasks.map((t) => [t.id, t]));
  // A fresh server render (after a save or someone else's change) replaces the local order.
  const ids = dropped && dropped.from === tasks ? dropped.ids : tasks.map((t) => t.id);
  const ordered = ids.flatMap((id) => byId.get(id) ?? []);
  const sensors = useSensors(
    useSensor(PointerSensor, { activationConstraint: { distance: 6 } }),
    useSensor(KeyboardSensor, { coordinateGetter: sortableKeyboardCoordinates }),
  );
  const describe = (id: unknown) => {
    const task = byId.get(String(id));
    return task ? `${taskRef(task.number)} ${task.title}` : 'The task';
  };
  const rankOf = (id: unknown) => `rank ${ids.indexOf(String(id)) + 1} of ${ids.length}`;
  // Right after a pick-up dnd-kit reports the row as over itself; announcing that again would replace
  // "Picked up …" in the live region before it is read. Only a change of place is announced.
  const announcedOver = useRef<UniqueIdentifier | null>(null);
  const announcements: Announcements = {
    onDragStart: ({ active }) => {
      announcedOver.current = active.id;
      return `Picked up ${describe(active.id)}, ${rankOf(active.id)}.`;
    },
    onDragOver: ({ active, over }) => {
      const overId = over?.id ?? null;
      if (overId === announcedOver.current) return undefined;
      announcedOver.current = overId;
      return over
        ? `${describe(active.id)} is now at ${rankOf(over.id)}.`
        : `${describe(active.id)} is outside the list.`;
    },
    onDragEnd: ({ active, over }) =>
      over ? `Dropped ${describe(active.id)} at ${rankOf(over.id)}.` : `${describe(active.id)} stays where it was.`,
    onDragCancel: ({ active }) => `Re-ranking ${describe(active.id)} was cancelled; it stays where it was.`,
  };

  function onDragEnd({ active, over }: DragEndEvent) {
    if (!over || active.id === over.id) return;
    const next = arrayMove(ids, ids.indexOf(String(active.id)), ids.indexOf(String(over.id)));
    const moved = byId.get(String(active.id))!;
    const anchor = rankAnchor(
      next.map((id) => ({ id, status: byId.get(id)!.status })),
      moved.id,
    );
    if (!anchor) {
      setNotice({
        ok: false,
        text: `${taskRef(moved.number)} is in ${TASK_STATUS_LABELS[moved.status]}; rank it among that column's tasks.`,
      });
      return;
    }
    setNotice(null);
    setDropped({ from: tasks, ids: next });
    start(async () => {
      const result = await rankTaskAction(null, { project, taskId: moved.id, ...anchor });
      if (!result.ok) {
        setDropped(null);
        setNotice({ ok: false, text: `${taskRef(moved.number)} was not re-ranked: ${result.message}` });
        return;
      }
      setNotice({ ok: true, text: `${taskRef(moved.number)} is now rank ${next.indexOf(moved.id) + 1}.` });
      router.refresh();
    });
  }

  if (!enabled) return children(ordered);
  return (
    <div className="flex flex-col gap-2">
      <DndContext
        id={dndId}
        sensors={sensors}
        collisionDetection={closestCenter}
        onDragEnd={onDragEnd}
        accessibility={{ announcements, screenReaderInstructions: { draggable: INSTRUCTIONS } }}
      >
        <SortableContext items={ids} strategy={verticalListSortingStrategy}>
          {children(ordered)}
        </SortableContext>
      </DndContext>
      <Notice notice={notice} />
    </div>
  );
}

/** A backlog `<tr>` that can be dragged by its rank handle. */
export function SortableRow({ row, children }: { row: BoardTask; children: ReactNode }) {
  const { attributes, listeners, setNodeRef, transform, transition, isDragging } = useSortable({
    id: row.id,
  });
  return (
    <HandleContext.Provider value={{ attributes, listeners }}>
      <tr
        ref={setNodeRef}
        data-task-id={row.id}
        style={{ transform: CSS.Translate.toString(transform), transition }}
        className={cn(isDragging && 'relative z-10 bg-indigo-50 dark:bg-indigo-950')}
      >
        {children}
      </tr>
    </HandleContext.Provider>
  );
}

/** The rank number, and for editors the handle that drags the row (the keyboard's way in too). */
export function RankHandle({ task, rank }: { task: BoardTask; rank: number }) {
  const handle = useContext(HandleContext);
  if (!handle) return <>{rank}</>;
  return (
    <button
      type="button"
      {...handle.attributes}
      {...handle.listeners}
      aria-label={`Re-rank ${taskRef(task.number)}: ${task.title}, rank ${rank}`}
      className="flex cursor-grab touch-none items-center gap-1.5 rounded px-1 text-zinc-800 hover:bg-zinc-100 focus-visible:outline-2 focus-visible:outline-indigo-500 active:cursor-grabbing dark:text-zinc-200 dark:hover:bg-zinc-800"
    >
      <span aria-hidden="true" className="text-zinc-500 dark:text-zinc-400">
        ⠿
      </span>
      {rank}
    </button>
  );
}
