// Scheduled check windows: whole UTC hours or days, each checked once it has closed and late rows
// have had a few minutes to arrive.

export const SCHEDULES = ['off', 'hourly', 'daily'] as const;
export type Schedule = (typeof SCHEDULES)[number];

export const SCHEDULE_LABELS: Record<Schedule, string> = {
  off: 'Off (on demand only)',
  hourly: 'Hourly windows',
  daily: 'Daily windows (UTC)',
};

export const WINDOW_MS: Record<Exclude<Schedule, 'off'>, number> = { hourly: 3_600_000, daily: 86_400_000 };
/** How long after a window closes its check waits for stragglers. */
export const SCHEDULE_GRACE_MS = 5 * 60_000;
/** How many past windows a scheduler tick catches up on after downtime. */
export const MAX_CATCH_UP: Record<Exclude<Schedule, 'off'>, number> = { hourly: 24, daily: 7 };

export type Window = { start: Date; end: Date };

/** The window of a schedule that contains `t`. */
export function windowContaining(schedule: Exclude<Schedule, 'off'>, t: number): Window {
  const size = WINDOW_MS[schedule];
  const start = Math.floor(t / size) * size;
  return { start: new Date(start), end: new Date(start + size) };
}

/**
 * Closed windows that are due at `now`, newest first: those that ended at least the grace period ago,
 * started no earlier than the window containing `since` (when scheduling began), at most MAX_CATCH_UP.
 */
export function dueWindows(schedule: Schedule, now: number, since: number): Window[] {
  if (schedule === 'off') return [];
  const size = WINDOW_MS[schedule];
  const first = windowContaining(schedule, since).start.getTime();
  const out: Window[] = [];
  let end = Math.floor((now - SCHEDULE_GRACE_MS) / size) * size;
  while (out.length < MAX_CATCH_UP[schedule] && end - size >= first) {
    out.push({ start: new Date(end - size), end: new Date(end) });
    end -= size;
  }
  return out;
}

/** The window an on-demand check or GET /drift uses when none is given: the last day up to now. */
export function defaultWindow(now: number, lengthMs = WINDOW_MS.daily): Window {
  return { start: new Date(now - lengthMs), end: new Date(now) };
}

/** The window the "Run check now" form proposes: the day up to just after the latest prediction, or up to now. */
export function suggestedCheckWindow(lastPrediction: number | null, now = Date.now()): Window {
  const end = lastPrediction === null ? now : lastPrediction + 60_000;
  return { start: new Date(end - WINDOW_MS.daily), end: new Date(end) };
}
