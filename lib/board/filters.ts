import type { BoardTask } from './board-data';

/** The board's filters as they sit in the URL: `?assignee=<user id>|none&label=<label>&priority=1..4`. */
export type BoardFilter = { assignee: string | null; label: string | null; priority: number | null };

export const NO_FILTER: BoardFilter = { assignee: null, label: null, priority: null };
export const UNASSIGNED = 'none';

type Query = Record<string, string | string[] | undefined>;
const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v)?.trim() || null;

/** Reads the filters from search params; an unknown priority is no filter rather than an empty board. */
export function parseBoardFilter(query: Query): BoardFilter {
  const priority = Number(first(query.priority));
  return {
    assignee: first(query.assignee),
    label: first(query.label),
    priority: Number.isInteger(priority) && priority >= 1 && priority <= 4 ? priority : null,
  };
}

export const isFiltered = (f: BoardFilter) => f.assignee !== null || f.label !== null || f.priority !== null;

export function matchesBoardFilter(task: BoardTask, f: BoardFilter): boolean {
  if (f.assignee !== null && (task.assigneeId ?? UNASSIGNED) !== f.assignee) return false;
  if (f.label !== null && !task.labels.some((l) => l.toLowerCase() === f.label!.toLowerCase())) return false;
  return f.priority === null || task.priority === f.priority;
}

/** What the filter menus offer: the assignees and labels on the cards, sorted by name. */
export function boardFilterOptions(tasks: readonly BoardTask[]) {
  const assignees = new Map<string, string>();
  const labels = new Set<string>();
  for (const t of tasks) {
    if (t.assigneeId) assignees.set(t.assigneeId, t.assigneeName ?? t.assigneeId);
    for (const l of t.labels) labels.add(l);
  }
  return {
    assignees: [...assignees].map(([id, name]) => ({ id, name })).sort((a, b) => a.name.localeCompare(b.name)),
    labels: [...labels].sort((a, b) => a.localeCompare(b)),
  };
}
