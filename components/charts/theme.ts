// The one chart theme: palettes readable on white and on zinc-900 (mid-tone hues), axes and grid that follow
// the text colour (currentColor) so they switch with the `dark` class, the tooltip, and tick formatters.

import { formatDate, formatSignificant, isoDay } from '@/lib/format';

/** Board charts: burndown, burnup, velocity. */
export const BOARD_SERIES = {
  remaining: '#6366f1',
  completed: '#10b981',
  scope: '#f59e0b',
  ideal: '#a1a1aa',
  committed: '#a1a1aa',
} as const;

/** Monitoring charts: reference vs current data, drift bands, alerts. */
export const DRIFT_COLORS = {
  reference: '#6366f1',
  current: '#f59e0b',
  value: '#4f46e5',
  baseline: '#71717a',
  moderate: '#d97706',
  significant: '#dc2626',
  stable: '#059669',
  alert: '#dc2626',
} as const;

// One colour per A/B variant letter; A (the control) is neutral grey.
const VARIANT_PALETTE = ['#71717a', '#4f46e5', '#d97706', '#059669', '#db2777', '#0891b2', '#7c3aed', '#65a30d'];

export const variantColor = (key: string) =>
  VARIANT_PALETTE[(key.charCodeAt(0) - 65) % VARIANT_PALETTE.length] ?? VARIANT_PALETTE[1]!;

export const AXIS = { stroke: 'currentColor', fontSize: 12 } as const;
export const GRID = { strokeDasharray: '3 3', stroke: 'currentColor', strokeOpacity: 0.15 } as const;
export const TOOLTIP_STYLE = { fontSize: 12, color: '#18181b' } as const;

/** An x axis of instants (epoch ms under `dataKey`) spanning the points' own range, in the theme's axis style. */
export const timeAxis = (dataKey: string, tickFormatter: (t: number) => string) =>
  ({ dataKey, type: 'number', scale: 'time', domain: ['dataMin', 'dataMax'], tickFormatter, ...AXIS }) as const;

/** A day the server wrote as "2026-03-04" → "4 Mar" (UTC) (formatUtcDay writes it from an instant). */
export function formatShortDay(day: string): string {
  const d = new Date(`${day}T00:00:00Z`);
  return d.toLocaleDateString('en-GB', { day: 'numeric', month: 'short', timeZone: 'UTC' });
}

const pad = (n: number) => String(n).padStart(2, '0');

/** Dates on a time axis (UTC) in the one format: the day, plus the hour when the points are less than three days apart. */
export function timeTick(spanMs: number) {
  return (t: number) =>
    spanMs < 3 * 86_400_000 ? `${formatShortDay(isoDay(t))}, ${pad(new Date(t).getUTCHours())}:00` : formatDate(t);
}

export const fmt = (v: number | null | undefined, digits = 3) => formatSignificant(v, digits);
export const pct = (v: number) => `${Math.round(v * 1000) / 10}%`;
