import type { RunStatus } from '@/lib/tracking/vocabulary';
import type { SprintStatus, TaskStatus, WipLimits } from './vocabulary';

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
