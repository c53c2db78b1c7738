// Burndown, burnup and velocity from a sprint's daily snapshots. A snapshot holds the day's totals as
// last written that day (effort points): every task in the sprint, the done ones, the cancelled ones.
// Cancelled work is out of scope: it is neither remaining nor completed.

export type DailySnapshot = { day: string; totalPoints: number; donePoints: number; cancelledPoints: number };

export type BurnPoint = {
  day: string;
  /** Points the sprint holds that day, cancelled work left out; its own line, so added or dropped work shows. */
  scope: number | null;
  completed: number | null;
  remaining: number | null;
  /** A straight line from the committed scope on the first day to zero on the last. */
  ideal: number;
};

const DAY_MS = 86_400_000;
const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;

function dayMs(day: string): number {
  if (!ISO_DAY.test(day)) throw new Error(`Not a YYYY-MM-DD day: ${day}`);
  return Date.parse(`${day}T00:00:00Z`);
}

export function addDays(day: string, n: number): string {
  return new Date(dayMs(day) + n * DAY_MS).toISOString().slice(0, 10);
}

export function dayOf(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/** Every day from `start` to `end`, both included (empty when end is before start). */
export function daysBetween(start: string, end: string): string[] {
  const n = Math.round((dayMs(end) - dayMs(start)) / DAY_MS);
  return Array.from({ length: Math.max(0, n + 1) }, (_, i) => addDays(start, i));
}

export const scopeOf = (s: DailySnapshot) => s.totalPoints - s.cancelledPoints;

/** The snapshot in force on `day`: the last one written on or before it. */
export function snapshotOn(snapshots: readonly DailySnapshot[], day: string): DailySnapshot | null {
  let found: DailySnapshot | null = null;
  for (const s of snapshots) if (s.day <= day && (!found || s.day >= found.day)) found = s;
  return found;
}

/** Scope on the first day: what was in force then, or the first snapshot if the sprint was filled late. */
export function committedScope(snapshots: readonly DailySnapshot[], startDate: string): number {
  const atStart = snapshotOn(snapshots, startDate);
  if (atStart) return scopeOf(atStart);
  const first = [...snapshots].sort((a, b) => (a.day < b.day ? -1 : 1))[0];
  return first ? scopeOf(first) : 0;
}

/**
 * One point per sprint day. Days without a snapshot carry the previous one forward (nothing changed
 * that day); days before the first snapshot and after `today` have no actual values.
 */
export function buildBurnSeries(
  sprint: { startDate: string; endDate: string },
  snapshots: readonly DailySnapshot[],
  today: string,
): BurnPoint[] {
  const days = daysBetween(sprint.startDate, sprint.endDate);
  const committed = committedScope(snapshots, sprint.startDate);
  const steps = Math.max(1, days.length - 1);
  return days.map((day, i) => {
    const ideal = Math.round(committed * (1 - i / steps) * 100) / 100;
    const s = day <= today ? snapshotOn(snapshots, day) : null;
    if (!s) return { day, scope: null, completed: null, remaining: null, ideal };
    const scope = scopeOf(s);
    return { day, scope, completed: s.donePoints, remaining: scope - s.donePoints, ideal };
  });
}

export type ScopeChange = { day: string; delta: number };

/** Days on which the scope moved, and by how much, for the chart's caption and the table. */
export function scopeChanges(series: readonly BurnPoint[]): ScopeChange[] {
  const out: ScopeChange[] = [];
  let prev: number | null = null;
  for (const p of series) {
    if (p.scope === null) continue;
    if (prev !== null && p.scope !== prev) out.push({ day: p.day, delta: p.scope - prev });
    prev = p.scope;
  }
  return out;
}

/** The numbers a closed sprint keeps for good: later edits to its tasks don't change its history. */
export type FrozenSprintNumbers = {
  committedPoints: number;
  scopePoints: number;
  completedPoints: number;
  cancelledPoints: number;
  carriedOverPoints: number;
  completedTasks: number;
  carriedOverTasks: number;
};

export type SprintTaskTotals = { effort: number; status: 'done' | 'cancelled' | 'open' }[];

export function freezeSprintNumbers(committedPoints: number, tasks: SprintTaskTotals): FrozenSprintNumbers {
  const sum = (pred: (t: SprintTaskTotals[number]) => boolean) => tasks.filter(pred).reduce((n, t) => n + t.effort, 0);
  return {
    committedPoints,
    scopePoints: sum((t) => t.status !== 'cancelled'),
    completedPoints: sum((t) => t.status === 'done'),
    cancelledPoints: sum((t) => t.status === 'cancelled'),
    carriedOverPoints: sum((t) => t.status === 'open'),
    completedTasks: tasks.filter((t) => t.status === 'done').length,
    carriedOverTasks: tasks.filter((t) => t.status === 'open').length,
  };
}

export type VelocityPoint = { sprint: string; committed: number; completed: number };

/** Mean completed points over the last `window` sprints (all of them when fewer), rounded to one decimal. */
export function averageVelocity(points: readonly VelocityPoint[], window = 3): number | null {
  const recent = points.slice(-window);
  if (recent.length === 0) return null;
  return Math.round((recent.reduce((n, p) => n + p.completed, 0) / recent.length) * 10) / 10;
}

/** Share of committed points that got done, as a whole percentage; null when nothing was committed. */
export function completionRate(p: VelocityPoint): number | null {
  return p.committed > 0 ? Math.round((p.completed / p.committed) * 100) : null;
}
