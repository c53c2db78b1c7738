// Chart settings shared through the URL (x-axis, log scale, smoothing, zoomed step range), and the
// shaping of a downsampled series into chart rows.
import { type Bucket, smoothEma } from './downsample';

export const X_AXES = ['step', 'relative', 'wall'] as const;
export type XAxisKind = (typeof X_AXES)[number];
export const X_AXIS_LABELS: Record<XAxisKind, string> = { step: 'Step', relative: 'Relative time', wall: 'Wall time' };

export type ChartView = { x: XAxisKind; log: boolean; smoothing: number; zoom: { from: number; to: number } | null };

type ParamsLike = URLSearchParams | Record<string, string | string[] | undefined>;
const firstOf = (params: ParamsLike, k: string): string | undefined => {
  if (params instanceof URLSearchParams) return params.get(k) ?? undefined;
  const v = params[k];
  return Array.isArray(v) ? v[0] : v;
};

export function parseChartView(params: ParamsLike): ChartView {
  const x = firstOf(params, 'x');
  const smooth = Number(firstOf(params, 'smooth'));
  const from = Number(firstOf(params, 'zoomFrom'));
  const to = Number(firstOf(params, 'zoomTo'));
  const hasZoom =
    firstOf(params, 'zoomFrom') !== undefined &&
    firstOf(params, 'zoomTo') !== undefined &&
    Number.isSafeInteger(from) &&
    Number.isSafeInteger(to);
  return {
    x: (X_AXES as readonly string[]).includes(x ?? '') ? (x as XAxisKind) : 'step',
    log: firstOf(params, 'log') === '1',
    smoothing: Number.isFinite(smooth) && smooth > 0 && smooth < 1 ? Math.round(smooth * 100) / 100 : 0,
    zoom: hasZoom ? { from: Math.min(from, to), to: Math.max(from, to) } : null,
  };
}

/** Writes the chart settings into existing params (other keys kept), leaving out defaults. */
export function writeChartView(params: URLSearchParams, view: ChartView): URLSearchParams {
  const p = new URLSearchParams(params);
  for (const k of ['x', 'log', 'smooth', 'zoomFrom', 'zoomTo']) p.delete(k);
  if (view.x !== 'step') p.set('x', view.x);
  if (view.log) p.set('log', '1');
  if (view.smoothing > 0) p.set('smooth', String(view.smoothing));
  if (view.zoom) {
    p.set('zoomFrom', String(view.zoom.from));
    p.set('zoomTo', String(view.zoom.to));
  }
  return p;
}

export type ChartRow = {
  step: number;
  timestamp: number;
  x: number;
  /** The plotted line: smoothed when smoothing is on, null where the log scale cannot show it. */
  y: number | null;
  raw: number;
  /** The raw value where the scale can draw it (the faint line under a smoothed one). */
  rawY: number | null;
  band: [number, number] | null;
  min: number | null;
  max: number | null;
  count: number;
};

/**
 * Buckets → chart rows: x by the chosen axis (relative = ms since `startTime`), the debiased EMA when
 * smoothing, and the min/max band. On a log scale, values ≤ 0 cannot be drawn and become gaps.
 */
export function toChartRows(
  buckets: Bucket[],
  view: Pick<ChartView, 'x' | 'log' | 'smoothing'>,
  startTime: number,
): { rows: ChartRow[]; hidden: number } {
  const smoothed = smoothEma(
    buckets.map((b) => b.value),
    view.smoothing,
  );
  let hidden = 0;
  const visible = (v: number | null) => {
    if (v === null || !Number.isFinite(v)) return null;
    return view.log && v <= 0 ? null : v;
  };
  const rows = buckets.map((b, i): ChartRow => {
    const y = visible(smoothed[i]!);
    if (y === null) hidden += 1;
    const lo = visible(b.min);
    const hi = visible(b.max);
    return {
      step: b.step,
      timestamp: b.timestamp,
      x: view.x === 'step' ? b.step : view.x === 'wall' ? b.timestamp : b.timestamp - startTime,
      y,
      raw: b.value,
      rawY: visible(b.value),
      band: lo !== null && hi !== null ? [lo, hi] : null,
      min: b.min,
      max: b.max,
      count: b.count,
    };
  });
  return { rows, hidden };
}
