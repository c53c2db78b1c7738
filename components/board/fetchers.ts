import { queryOptions } from '@tanstack/react-query';
import { type BoardData, type BoardTask, toColumns } from '@/lib/board/board-data';
import { TASK_STATUSES, type TaskStatus } from '@/lib/board/vocabulary';
import { type MoveAnchor, applyMove } from '@/lib/board/ordering';
import { isLiveRunStatus } from '@/lib/tracking/vocabulary';
import { fetchJson } from '../live/fetch-json';
import { BOARD_RUN_POLL_MS } from '../live/poll';

export const boardKeyPrefix = (project: string) => ['board', project] as const;
export const boardKey = (project: string, sprint: string) => ['board', project, sprint] as const;
export const moveMutationKey = (project: string) => ['board-move', project] as const;

// A linked run that is still going changes status without a board event (it comes through the MLflow API),
// so the board polls while one is running, as the run pages do.
const hasLiveRun = (data: BoardData | undefined) =>
  Boolean(data?.tasks.some((t) => t.runs.some((r) => isLiveRunStatus(r.status))));

const fetchBoard = (project: string, sprint: string) =>
  fetchJson<BoardData>(
    `/api/projects/${encodeURIComponent(project)}/board?sprint=${encodeURIComponent(sprint)}`,
    (status) => `Could not load the board (${status}).`,
  );

export function boardQuery(project: string, sprint: string) {
  return queryOptions({
    queryKey: boardKey(project, sprint),
    queryFn: () => fetchBoard(project, sprint),
    refetchInterval: (q) => (hasLiveRun(q.state.data) ? BOARD_RUN_POLL_MS : false),
  });
}

export type CardMove = { taskId: string; toStatus: TaskStatus } & MoveAnchor;

/** The board as it will be once the server accepts the move (optimistic UI). */
export function applyBoardMove(data: BoardData, move: CardMove): BoardData {
  const moved = applyMove(toColumns(data.tasks), move.taskId, move.toStatus, move, (t, status, sortKey) => ({
    ...t,
    status,
    sortKey,
  }));
  return { ...data, tasks: TASK_STATUSES.flatMap((s) => moved[s]) };
}

/** One card as it is now (null once deleted), for patching a watching board instead of refetching all of it. */
export const fetchBoardTask = (project: string, taskId: string) =>
  fetchJson<{ task: BoardTask | null }>(
    `/api/projects/${encodeURIComponent(project)}/board/tasks/${encodeURIComponent(taskId)}`,
    (status) => `Could not load the card (${status}).`,
  ).then((r) => r.task);
