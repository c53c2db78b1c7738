import type { RunStatus } from '@/lib/tracking/vocabulary';
import { type SprintStatus, TASK_STATUSES, type TaskStatus, type WipLimits } from './vocabulary';

/** What the kanban draws: the shapes db/queries/board.ts reads and client components render and refetch. */
export type LinkedRun = { id: string; name: string; status: RunStatus; experimentId: number };

export type BoardTask = {
  id: string;
  number: number;
  title: string;
  status: TaskStatus;
  priority: number;
  effort: number;
  labels: string[];
  sortKey: string;
  version: number;
  sprintId: string | null;
  assigneeId: string | null;
  assigneeName: string | null;
  runs: LinkedRun[];
};

export type BoardSprint = {
  id: string;
  name: string;
  goal: string;
  status: SprintStatus;
  startDate: string;
  endDate: string;
};

export type BoardData = { sprint: BoardSprint | null; tasks: BoardTask[]; wipLimits: WipLimits };

export type Columns = Record<TaskStatus, BoardTask[]>;

export function toColumns(tasks: readonly BoardTask[]): Columns {
  const out = Object.fromEntries(TASK_STATUSES.map((s) => [s, [] as BoardTask[]])) as Columns;
  for (const t of tasks) out[t.status].push(t);
  return out;
}

/**
 * The board with one card replaced, removed (deleted, or now in another sprint) or added in its place by order
 * key. Every other card keeps its object, so only the cards that moved render again.
 */
export function patchBoardTask(data: BoardData, taskId: string, task: BoardTask | null): BoardData {
  const rest = data.tasks.filter((t) => t.id !== taskId);
  if (!task || task.sprintId !== (data.sprint?.id ?? null)) return { ...data, tasks: rest };
  const columns = toColumns(rest);
  const column = columns[task.status];
  const at = column.findIndex((t) => t.sortKey > task.sortKey || (t.sortKey === task.sortKey && t.id > task.id));
  column.splice(at < 0 ? column.length : at, 0, task);
  return { ...data, tasks: TASK_STATUSES.flatMap((s) => columns[s]) };
}
