// Formatters shared by the workspace's charts; UTC so server and browser render the same text.

export const formatDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

export function formatValue(v: unknown): string {
  if (typeof v !== 'number' || !Number.isFinite(v)) return '—';
  return String(Number(v.toPrecision(4)));
}

/** Recharts colours that read in light and dark mode alike. */
export const COLOURS = {
  actual: '#4f46e5',
  planned: '#a1a1aa',
  target: '#059669',
  residual: '#d97706',
  score: '#dc2626',
} as const;
