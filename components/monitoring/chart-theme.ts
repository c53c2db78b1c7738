// Colours and formatters shared by the monitoring charts; mid-tone hues read on light and dark backgrounds,
// axes and grid follow the text colour (currentColor) so they switch with the `dark` class.

export const COLORS = {
  reference: '#6366f1',
  current: '#f59e0b',
  value: '#4f46e5',
  baseline: '#71717a',
  moderate: '#d97706',
  significant: '#dc2626',
  stable: '#059669',
  alert: '#dc2626',
} as const;

export const AXIS = { stroke: 'currentColor', fontSize: 12 } as const;
export const GRID = { strokeDasharray: '3 3', stroke: 'currentColor', strokeOpacity: 0.15 } as const;
export const TOOLTIP_STYLE = { fontSize: 12, color: '#18181b' } as const;

const pad = (n: number) => String(n).padStart(2, '0');

/** Dates on a time axis: the day, plus the hour when the points are less than three days apart. */
export function timeTick(spanMs: number) {
  return (t: number) => {
    const d = new Date(t);
    const day = `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
    return spanMs < 3 * 86_400_000
      ? `${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:00`
      : day;
  };
}

export const fmt = (v: number | null | undefined, digits = 3) =>
  v === null || v === undefined || !Number.isFinite(v) ? '—' : String(Number(v.toPrecision(digits)));
export const pct = (v: number) => `${Math.round(v * 1000) / 10}%`;
