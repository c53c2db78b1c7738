'use client';

import {
  type Announcements,
  DndContext,
  type DragEndEvent,
  type DragOverEvent,
  DragOverlay,
  type CollisionDetection,
  type DragStartEvent,
  type KeyboardCoordinateGetter,
  KeyboardSensor,
  type KeyboardSensorOptions,
  PointerSensor,
  type UniqueIdentifier,
  closestCorners,
  pointerWithin,
  rectIntersection,
  useSensor,
  useSensors,
} from '@dnd-kit/core';
import { arrayMove, sortableKeyboardCoordinates } from '@dnd-kit/sortable';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useId, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { moveTaskAction } from '@/app/(app)/[project]/board/actions';
import { EmptyState } from '@/components/ui/empty-state';
import { type BoardData, type BoardTask, patchBoardTask, toColumns } from '@/lib/board/board-data';
import { COLUMN_PAGE, type ColumnWindow, columnWindow } from '@/lib/board/column-window';
import { type BoardFilter, NO_FILTER } from '@/lib/board/filters';
import { TASK_STATUSES, TASK_STATUS_LABELS, type TaskStatus, taskRef, wipState } from '@/lib/board/vocabulary';
import { BoardColumn } from './board-column';
import { LiveBadge } from '../live/live-badge';
import {
  type CardMove,
  applyBoardMove,
  boardKey,
  boardKeyPrefix,
  boardQuery,
  fetchBoardTask,
  moveMutationKey,
} from './fetchers';
import { TaskCardBody } from './task-card';
import { useLiveEvents } from '../live/use-live-events';

type Ids = Record<TaskStatus, string[]>;
type Notice = { kind: 'error' | 'warning'; text: string };

const INSTRUCTIONS =
  'To pick up a card, focus its move button and press space or enter. Use the arrow keys to move it up and down a column or to the next column. Press space or enter again to drop it, or escape to cancel.';

/** The pointer's target when there is a pointer; otherwise (keyboard) what the moved card overlaps most. */
const collisionDetection: CollisionDetection = (args) => {
  const underPointer = pointerWithin(args);
  if (underPointer.length > 0) return underPointer;
  const overlapping = rectIntersection(args);
  return overlapping.length > 0 ? overlapping : closestCorners(args);
};

const isStatus = (id: UniqueIdentifier): id is TaskStatus =>
  (TASK_STATUSES as readonly UniqueIdentifier[]).includes(id);

const containerOf = (id: UniqueIdentifier, from: Ids): TaskStatus | null =>
  isStatus(id) ? id : (TASK_STATUSES.find((s) => from[s].includes(String(id))) ?? null);

const POINTER_OPTIONS = { activationConstraint: { distance: 6 } };
const FIRST_WINDOW = Object.fromEntries(TASK_STATUSES.map((s) => [s, COLUMN_PAGE])) as Record<TaskStatus, number>;

/**
 * Where the dragged card lands if dropped over `overId` now: that card's column with the dragged card
 * in that card's place (or at the end when over the column itself). Both the drop and its
 * announcements use it, so what is announced is what happens.
 */
function landing(from: Ids, activeId: string, overId: UniqueIdentifier): { status: TaskStatus; list: string[] } | null {
  const status = containerOf(overId, from);
  if (!status) return null;
  const list = from[status];
  const at = list.indexOf(activeId);
  const overIndex = isStatus(overId) ? (at >= 0 ? list.length - 1 : list.length) : list.indexOf(String(overId));
  if (at < 0) return { status, list: [...list.slice(0, overIndex), activeId, ...list.slice(overIndex)] };
  return { status, list: overIndex >= 0 && at !== overIndex ? arrayMove(list, at, overIndex) : list };
}

export function SprintBoard({
  project,
  sprint,
  initial,
  canEdit,
  filter = NO_FILTER,
}: {
  project: string;
  sprint: string;
  initial: BoardData;
  canEdit: boolean;
  /** Cards that do not match stay in place (drops still land between real neighbours) but are not drawn. */
  filter?: BoardFilter;
}) {
  const qc = useQueryClient();
  // dnd-kit numbers its ARIA ids with a module counter that differs between server and browser; a stable id avoids a hydration mismatch.
  const dndId = useId();
  const key = boardKey(project, sprint);
  const { data } = useQuery({ ...boardQuery(project, sprint), initialData: initial });
  // A server re-render (after adding a task or saving limits) brings fresher data than the cache may hold.
  useEffect(() => {
    if (qc.isMutating({ mutationKey: moveMutationKey(project) }) === 0)
      qc.setQueryData(boardKey(project, sprint), initial);
  }, [initial, qc, project, sprint]);
  const draggable = canEdit && data.sprint?.status !== 'closed';
  const columns = useMemo(() => toColumns(data.tasks), [data.tasks]);
  const byId = useMemo(() => new Map(data.tasks.map((t) => [t.id, t])), [data.tasks]);
  const [dragIds, setDragIds] = useState<Ids | null>(null);
  const [activeId, setActiveId] = useState<string | null>(null);
  const [notice, setNotice] = useState<Notice | null>(null);
  const [windows, setWindows] = useState(FIRST_WINDOW);
  const columnIds = useMemo(
    () => Object.fromEntries(TASK_STATUSES.map((s) => [s, columns[s].map((t) => t.id)])) as Ids,
    [columns],
  );
  const ids: Ids = dragIds ?? columnIds;
  // Announcements are called by dnd-kit outside React's render; they read the latest positions from here.
  const idsRef = useRef(ids);
  useLayoutEffect(() => {
    idsRef.current = ids;
  });

  const live = useLiveEvents(project, (change) => {
    // A refetch landing mid-move would flash the card back; the move's own refetch follows it anyway.
    if (qc.isMutating({ mutationKey: moveMutationKey(project) }) > 0) return;
    if (change?.entity !== 'task' || change.version === undefined) {
      void qc.invalidateQueries({ queryKey: boardKeyPrefix(project) });
      return;
    }
    // One card changed: fetch that card, not the board, and leave every other card's object (and render) alone.
    const seen = qc.getQueryData<BoardData>(key)?.tasks.find((t) => t.id === change.id);
    if (seen && seen.version >= change.version) return;
    fetchBoardTask(project, change.id).then(
      (task) =>
        qc.setQueryData<BoardData>(key, (board) => {
          const current = board?.tasks.find((t) => t.id === change.id);
          if (!board || (task && current && current.version >= task.version)) return board;
          return patchBoardTask(board, change.id, task);
        }),
      () => qc.invalidateQueries({ queryKey: key }),
    );
  });

  const move = useMutation({
    mutationKey: moveMutationKey(project),
    mutationFn: async ({ card }: { card: CardMove; previous: BoardData | undefined }) => {
      const result = await moveTaskAction(null, { project, ...card });
      if (!result.ok) throw new Error(result.message);
      return result.data;
    },
    onError: (err, { card, previous }) => {
      if (previous) qc.setQueryData(key, previous);
      const task = byId.get(card.taskId);
      setNotice({
        kind: 'error',
        text: `${task ? taskRef(task.number) : 'The card'} was not moved: ${err.message} It is back where it was.`,
      });
    },
    onSettled: () => qc.invalidateQueries({ queryKey: boardKeyPrefix(project) }),
  });

  // Left and right go to the neighbouring column at the card's height (the stock getter can pick the card's own
  // column, whose box starts a few pixels further left); up and down move within the column as usual.
  const coordinateGetter = useCallback<KeyboardCoordinateGetter>((event, args) => {
    const step = event.code === 'ArrowRight' ? 1 : event.code === 'ArrowLeft' ? -1 : 0;
    if (step === 0) return sortableKeyboardCoordinates(event, args);
    event.preventDefault();
    const { active, collisionRect, droppableRects } = args.context;
    const current = active ? containerOf(active.id, idsRef.current) : null;
    const target = current ? TASK_STATUSES[TASK_STATUSES.indexOf(current) + step] : undefined;
    const rect = target ? droppableRects.get(target) : undefined;
    if (!rect || !collisionRect) return undefined;
    const top = Math.min(
      Math.max(collisionRect.top, rect.top),
      rect.top + Math.max(0, rect.height - collisionRect.height),
    );
    return { x: rect.left + Math.max(0, (rect.width - collisionRect.width) / 2), y: top };
  }, []);
  // Stable sensors keep dnd-kit's listeners (and so every card) unchanged when the board renders again.
  const keyboardOptions = useMemo<KeyboardSensorOptions>(() => ({ coordinateGetter }), [coordinateGetter]);
  const sensors = useSensors(useSensor(PointerSensor, POINTER_OPTIONS), useSensor(KeyboardSensor, keyboardOptions));

  const describe = (id: UniqueIdentifier) => {
    const task = byId.get(String(id));
    return task ? `${taskRef(task.number)} ${task.title}` : 'The card';
  };
  const position = (activeId: UniqueIdentifier, overId: UniqueIdentifier | undefined) => {
    const land = landing(idsRef.current, String(activeId), overId ?? activeId);
    if (!land) return 'outside the columns';
    return `in ${TASK_STATUS_LABELS[land.status]}, position ${land.list.indexOf(String(activeId)) + 1} of ${land.list.length}`;
  };
  const announcements: Announcements = {
    onDragStart: ({ active }) => `Picked up ${describe(active.id)}, ${position(active.id, undefined)}.`,
    onDragOver: ({ active, over }) =>
      over
        ? `${describe(active.id)} is now ${position(active.id, over.id)}.`
        : `${describe(active.id)} is not over a column.`,
    onDragEnd: ({ active, over }) =>
      over
        ? `Dropped ${describe(active.id)} ${position(active.id, over.id)}.`
        : `Dropped ${describe(active.id)} outside the columns; it stays where it was.`,
    onDragCancel: ({ active }) => `Moving ${describe(active.id)} was cancelled; it stays where it was.`,
  };

  function onDragStart({ active }: DragStartEvent) {
    setNotice(null);
    setActiveId(String(active.id));
    setDragIds(ids);
  }

  // Crossing into another column moves the card there in local state, so the target column opens a gap.
  function onDragOver({ active, over }: DragOverEvent) {
    if (!over || !dragIds) return;
    const from = containerOf(active.id, dragIds);
    const to = containerOf(over.id, dragIds);
    if (!from || !to || from === to) return;
    const target = dragIds[to];
    const overIndex = isStatus(over.id) ? target.length : Math.max(0, target.indexOf(String(over.id)));
    setDragIds({
      ...dragIds,
      [from]: dragIds[from].filter((x) => x !== active.id),
      [to]: [...target.slice(0, overIndex), String(active.id), ...target.slice(overIndex)],
    });
  }

  function onDragEnd({ active, over }: DragEndEvent) {
    const current = dragIds;
    setActiveId(null);
    setDragIds(null);
    if (!over || !current) return;
    const taskId = String(active.id);
    const task = byId.get(taskId);
    const land = landing(current, taskId, over.id);
    if (!land || !task) return;
    const { status: to, list } = land;
    const index = list.indexOf(taskId);
    const card: CardMove = {
      taskId,
      toStatus: to,
      afterId: list[index - 1] ?? null,
      beforeId: list[index + 1] ?? null,
    };
    const before = columns[task.status].map((t) => t.id);
    const at = before.indexOf(taskId);
    if (to === task.status && card.afterId === (before[at - 1] ?? null) && card.beforeId === (before[at + 1] ?? null))
      return;
    const limit = data.wipLimits[to];
    if (to !== task.status && wipState(columns[to].length + 1, limit) === 'over') {
      setNotice({
        kind: 'warning',
        text: `${TASK_STATUS_LABELS[to]} now holds ${columns[to].length + 1} cards; its WIP limit is ${limit}.`,
      });
    }
    // Optimistic: show the card where it was dropped at once; the server's answer confirms or rolls back.
    void qc.cancelQueries({ queryKey: key });
    const previous = qc.getQueryData<BoardData>(key);
    if (previous) qc.setQueryData(key, applyBoardMove(previous, card));
    move.mutate({ card, previous });
  }

  const showMore = useCallback(
    (status: TaskStatus) => setWindows((w) => ({ ...w, [status]: w[status] + COLUMN_PAGE })),
    [],
  );
  // Each column's window is decided without the drag, so picking up a card already drawn leaves every column's
  // props (and its sortable context) as they were; only a card carried in from past the window changes its column.
  const windowed = useMemo(
    () =>
      Object.fromEntries(
        TASK_STATUSES.map((s) => {
          const all = ids[s].map((id) => byId.get(id)).filter((t) => t !== undefined);
          return [s, { all, view: columnWindow(all, filter, windows[s], null) }];
        }),
      ) as Record<TaskStatus, { all: BoardTask[]; view: ColumnWindow }>,
    [ids, byId, filter, windows],
  );
  const columnView = (status: TaskStatus) => {
    const { all, view } = windowed[status];
    if (!activeId || view.cards.some((t) => t.id === activeId) || !ids[status].includes(activeId)) return view;
    return columnWindow(all, filter, windows[status], activeId);
  };
  const active = activeId ? byId.get(activeId) : undefined;
  return (
    <div className="flex flex-col gap-3">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <p className="text-sm text-zinc-600 dark:text-zinc-400">
          {draggable
            ? 'Drag cards between columns, or use a card’s move button with the keyboard.'
            : data.sprint?.status === 'closed'
              ? 'This sprint is closed; its board is read-only.'
              : 'You can view this board; editors move the cards.'}
        </p>
        <LiveBadge state={live} />
      </div>
      <div aria-live="assertive" role="alert" className="min-h-0">
        {notice && (
          <p
            className={
              notice.kind === 'error'
                ? 'rounded-md bg-red-50 px-3 py-2 text-sm text-red-800 dark:bg-red-950 dark:text-red-200'
                : 'rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900 dark:bg-amber-950 dark:text-amber-200'
            }
          >
            {notice.text}
          </p>
        )}
      </div>
      {data.tasks.length === 0 && (
        <EmptyState
          title="No cards on this board yet"
          hint={
            canEdit
              ? 'Add one with “New task”, or move tasks into this sprint from the backlog.'
              : 'Editors add tasks here; check back later.'
          }
          action={canEdit ? { href: '#new-task', label: 'Add a task' } : undefined}
        />
      )}
      <DndContext
        id={dndId}
        sensors={sensors}
        collisionDetection={collisionDetection}
        // A narrower edge zone than dnd-kit's 20%: aiming at the last visible column should not scroll the board away.
        autoScroll={{ threshold: { x: 0.08, y: 0.2 } }}
        accessibility={{ announcements, screenReaderInstructions: { draggable: INSTRUCTIONS } }}
        onDragStart={onDragStart}
        onDragOver={onDragOver}
        onDragEnd={onDragEnd}
        onDragCancel={() => {
          setActiveId(null);
          setDragIds(null);
        }}
      >
        <div className="flex snap-x snap-mandatory gap-3 overflow-x-auto pb-2">
          {TASK_STATUSES.map((status) => (
            <BoardColumn
              key={status}
              status={status}
              view={columnView(status)}
              step={COLUMN_PAGE}
              onShowMore={showMore}
              limit={data.wipLimits[status]}
              project={project}
              draggable={draggable}
            />
          ))}
        </div>
        <DragOverlay>
          {active ? (
            <div className="w-60 rounded-md border border-indigo-300 bg-white p-2.5 shadow-lg dark:border-indigo-700 dark:bg-zinc-900">
              <TaskCardBody task={active} project={project} />
            </div>
          ) : null}
        </DragOverlay>
      </DndContext>
    </div>
  );
}
