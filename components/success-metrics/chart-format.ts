// Formatters shared by the workspace's charts; UTC so server and browser render the same text.

import { formatSignificant } from '@/lib/format';

export const formatValue = (v: unknown) => formatSignificant(v, 4);

/** Recharts colours that read in light and dark mode alike. */
export const COLOURS = {
  actual: '#4f46e5',
  planned: '#a1a1aa',
  target: '#059669',
  residual: '#d97706',
  score: '#dc2626',
} as const;
