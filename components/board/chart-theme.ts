// Shared by the board's charts: series colours readable on white and on zinc-900, and the day tick format.

export const SERIES = {
  remaining: '#6366f1',
  completed: '#10b981',
  scope: '#f59e0b',
  ideal: '#a1a1aa',
  committed: '#a1a1aa',
} as const;

/** "2026-03-04" → "4 Mar" (UTC, as the server wrote it). */
export function formatDay(day: string): string {
  const d = new Date(`${day}T00:00:00Z`);
  return d.toLocaleDateString('en-GB', { day: 'numeric', month: 'short', timeZone: 'UTC' });
}

export const AXIS = { stroke: 'currentColor', fontSize: 12 } as const;
export const TOOLTIP_STYLE = { fontSize: 12, color: '#18181b' } as const;
