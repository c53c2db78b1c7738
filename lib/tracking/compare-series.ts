// Shapes the compare page's per-run series into what one chart draws. Split in two steps so the smoothing
// slider only redoes the cheap second one: placing points on the x axis does not depend on smoothing.
import type { XAxisKind } from './chart-view';
import { type Bucket, smoothEma } from './downsample';

export type CompareSeriesInput = { runId: string; buckets: Bucket[]; totalPoints: number; startTime: number };

/** One run's points on the chosen x axis, unsmoothed, with each bucket's min–max (null where it holds one point). */
export type PlacedSeries = {
  runId: string;
  xs: number[];
  values: number[];
  bands: ([number, number] | null)[];
  totalPoints: number;
};

/** The data key of a run's min–max band in a chart row. */
export const bandKey = (runId: string) => `${runId}:band`;

const bandOf = (b: Bucket): [number, number] | null =>
  b.count > 1 && b.min !== null && b.max !== null ? [b.min, b.max] : null;

export function placeSeries(series: CompareSeriesInput[], x: XAxisKind): PlacedSeries[] {
  return series.map((s) => ({
    runId: s.runId,
    xs: s.buckets.map((b) => (x === 'step' ? b.step : x === 'wall' ? b.timestamp : b.timestamp - s.startTime)),
    values: s.buckets.map((b) => b.value),
    bands: s.buckets.map(bandOf),
    totalPoints: s.totalPoints,
  }));
}

/** True when every run that logged the metric logged it once (a final score): a line through one point draws nothing. */
export const isSingleValue = (series: PlacedSeries[]) =>
  series.some((s) => s.values.length > 0) && series.every((s) => s.values.length <= 1);

export type CompareRow = { x: number } & Record<string, number | [number, number] | null>;

export type CompareChartData =
  | { kind: 'empty' }
  /** One value per run, drawn as a bar each; `drawn` counts the values the scale can show. */
  | { kind: 'values'; values: { runId: string; value: number }[]; drawn: number; logged: number }
  /**
   * Lines merged on x. `drawn` counts the points the scale can show (not the ones a log scale turns into
   * gaps); `dotted` lists the runs with a single drawable point, which get a dot instead of an invisible line.
   */
  | { kind: 'lines'; rows: CompareRow[]; drawn: number; total: number; dotted: string[] };

const drawable = (v: number | null | undefined, log: boolean): v is number =>
  typeof v === 'number' && Number.isFinite(v) && !(log && v <= 0);

export function compareChartData(series: PlacedSeries[], log: boolean, smoothing: number): CompareChartData {
  const logged = series.filter((s) => s.values.length > 0);
  if (logged.length === 0) return { kind: 'empty' };
  if (isSingleValue(series)) {
    const values = logged.map((s) => ({ runId: s.runId, value: s.values[0]! }));
    return {
      kind: 'values',
      values,
      drawn: values.filter((v) => drawable(v.value, log)).length,
      logged: values.length,
    };
  }
  const merged = new Map<number, CompareRow>();
  let drawn = 0;
  let total = 0;
  const dotted: string[] = [];
  for (const s of logged) {
    const smoothed = smoothEma(s.values, smoothing);
    let drawnHere = 0;
    total += s.totalPoints;
    s.xs.forEach((x, i) => {
      const y = smoothed[i];
      const row = merged.get(x) ?? ({ x } as CompareRow);
      row[s.runId] = drawable(y, log) ? y : null;
      if (drawable(y, log)) drawnHere += 1;
      const band = s.bands[i];
      if (band && drawable(band[0], log) && drawable(band[1], log)) row[bandKey(s.runId)] = band;
      merged.set(x, row);
    });
    drawn += drawnHere;
    if (drawnHere === 1) dotted.push(s.runId);
  }
  return { kind: 'lines', rows: [...merged.values()].sort((a, b) => a.x - b.x), drawn, total, dotted };
}
