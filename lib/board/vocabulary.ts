// Sprint-board vocabulary shared by the schema, validation and UI.

export const TASK_STATUSES = ['backlog', 'todo', 'in_progress', 'review', 'done', 'cancelled'] as const;
export type TaskStatus = (typeof TASK_STATUSES)[number];

export const TASK_STATUS_LABELS: Record<TaskStatus, string> = {
  backlog: 'Backlog',
  todo: 'To do',
  in_progress: 'In progress',
  review: 'Review',
  done: 'Done',
  cancelled: 'Cancelled',
};

/** Done and cancelled tasks are finished: closing a sprint leaves them in it and carries the rest over. */
export const isFinished = (status: TaskStatus) => status === 'done' || status === 'cancelled';

export const SPRINT_STATUSES = ['planned', 'active', 'closed'] as const;
export type SprintStatus = (typeof SPRINT_STATUSES)[number];

export const SPRINT_STATUS_LABELS: Record<SprintStatus, string> = {
  planned: 'Planned',
  active: 'Active',
  closed: 'Closed',
};

/** 1 is the most urgent, as in the seed's sprint example. */
export const PRIORITIES = [1, 2, 3, 4] as const;
export const PRIORITY_LABELS: Record<number, string> = { 1: 'P1 urgent', 2: 'P2 high', 3: 'P3 medium', 4: 'P4 low' };
export const priorityLabel = (p: number) => PRIORITY_LABELS[p] ?? `P${p}`;

export const MAX_EFFORT = 100;
export const MAX_LABELS = 10;

/** The seed's sprint is two weeks: start day plus 13 more, both ends included. */
export const DEFAULT_SPRINT_DAYS = 14;

/** Column → WIP limit; a missing or null entry means no limit. */
export type WipLimits = Partial<Record<TaskStatus, number | null>>;

export type WipState = 'under' | 'at' | 'over';

export function wipState(count: number, limit: number | null | undefined): WipState {
  if (!limit) return 'under';
  if (count > limit) return 'over';
  return count === limit ? 'at' : 'under';
}

/** Comma- or newline-separated labels → trimmed, lower-cased, unique, in the order given. */
export function parseLabels(raw: string): string[] {
  const out: string[] = [];
  for (const part of raw.split(/[,\n]/)) {
    const label = part.trim().toLowerCase();
    if (label && !out.includes(label)) out.push(label);
  }
  return out;
}

export const taskRef = (number: number) => `T-${number}`;
