// Scales for the parallel-coordinates plot: one vertical axis per param or metric, numeric
import { formatSignificant } from '@/lib/format';
// (linear between the runs' min and max) or categorical (values spread evenly, sorted naturally).

export type PcValue = string | number | null;
export type PcAxis =
  | { id: string; label: string; kind: 'numeric'; min: number; max: number }
  | { id: string; label: string; kind: 'categorical'; categories: string[] };

const collator = new Intl.Collator('en', { numeric: true });

function asNumber(v: PcValue): number | null {
  if (v === null) return null;
  if (typeof v === 'number') return Number.isFinite(v) ? v : null;
  const t = v.trim();
  if (t === '' || !/^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(t)) return null;
  return Number(t);
}

/** An axis per column; numeric when every present value reads as a finite number. */
export function buildAxes(columns: { id: string; label: string }[], rows: Record<string, PcValue>[]): PcAxis[] {
  return columns.map(({ id, label }) => {
    const present = rows.map((r) => r[id] ?? null).filter((v): v is string | number => v !== null);
    const numbers = present.map(asNumber);
    if (present.length > 0 && numbers.every((n) => n !== null)) {
      const ns = numbers as number[];
      return { id, label, kind: 'numeric', min: Math.min(...ns), max: Math.max(...ns) };
    }
    const categories = [...new Set(present.map(String))].sort(collator.compare);
    return { id, label, kind: 'categorical', categories };
  });
}

/** Where a value sits on its axis, 0 = bottom … 1 = top; null when the run has no value there. */
export function axisFraction(axis: PcAxis, value: PcValue): number | null {
  if (value === null) return null;
  if (axis.kind === 'numeric') {
    const n = asNumber(value);
    if (n === null) return null;
    // A constant axis puts every run in the middle rather than dividing by zero.
    return axis.max === axis.min ? 0.5 : (n - axis.min) / (axis.max - axis.min);
  }
  const i = axis.categories.indexOf(String(value));
  if (i < 0) return null;
  return axis.categories.length === 1 ? 0.5 : i / (axis.categories.length - 1);
}

/** Tick labels with their fractions: 5 evenly spaced numbers, or every category (thinned past 12). */
export function axisTicks(axis: PcAxis, count = 5): { label: string; fraction: number }[] {
  if (axis.kind === 'categorical') {
    const n = axis.categories.length;
    const stride = Math.max(1, Math.ceil(n / 12));
    return axis.categories.flatMap((c, i) =>
      i % stride === 0 ? [{ label: c, fraction: n === 1 ? 0.5 : i / (n - 1) }] : [],
    );
  }
  if (axis.max === axis.min) return [{ label: formatTick(axis.min), fraction: 0.5 }];
  return Array.from({ length: count }, (_, i) => {
    const f = i / (count - 1);
    return { label: formatTick(axis.min + f * (axis.max - axis.min)), fraction: f };
  });
}

function formatTick(n: number): string {
  if (n === 0) return '0';
  const abs = Math.abs(n);
  return abs >= 1e5 || abs < 1e-3 ? n.toExponential(2) : formatSignificant(n, 4);
}

/**
 * SVG polyline segments for one run across the axes; a missing value breaks the line, so no segment
 * claims a value the run does not have.
 */
export function runSegments(
  axes: PcAxis[],
  row: Record<string, PcValue>,
  layout: { left: number; width: number; top: number; height: number },
): string[] {
  const step = axes.length > 1 ? layout.width / (axes.length - 1) : 0;
  const segments: string[] = [];
  let current: string[] = [];
  axes.forEach((axis, i) => {
    const f = axisFraction(axis, row[axis.id] ?? null);
    if (f === null) {
      if (current.length) segments.push(current.join(' '));
      current = [];
      return;
    }
    const x = layout.left + i * step;
    const y = layout.top + (1 - f) * layout.height;
    current.push(`${round(x)},${round(y)}`);
  });
  if (current.length) segments.push(current.join(' '));
  return segments;
}

const round = (n: number) => Math.round(n * 10) / 10;
