import { describe, expect, it } from 'vitest';
import { bandKey, type CompareSeriesInput, compareChartData, isSingleValue, placeSeries } from './compare-series';

const bucket = (step: number, value: number, timestamp = 1_000 + step) => ({
  step,
  timestamp,
  value,
  min: value,
  max: value,
  count: 1,
});
const series = (runId: string, values: number[], startTime = 1_000): CompareSeriesInput => ({
  runId,
  buckets: values.map((v, i) => bucket(i, v)),
  totalPoints: values.length,
  startTime,
});

describe('compare chart data', () => {
  it('draws one value per run as values, counting only what it can show', () => {
    const placed = placeSeries([series('a', [0.8]), series('b', [0.9]), series('c', [])], 'step');
    expect(isSingleValue(placed)).toBe(true);
    expect(compareChartData(placed, false, 0.6)).toEqual({
      kind: 'values',
      values: [
        { runId: 'a', value: 0.8 },
        { runId: 'b', value: 0.9 },
      ],
      drawn: 2,
      logged: 2,
    });
    const negative = placeSeries([series('a', [-1]), series('b', [2])], 'step');
    expect(compareChartData(negative, true, 0)).toMatchObject({ kind: 'values', drawn: 1, logged: 2 });
  });

  it('merges curves on x, smooths them, and dots a run with a single drawable point', () => {
    const placed = placeSeries([series('a', [1, 3, 5]), series('b', [2])], 'step');
    expect(isSingleValue(placed)).toBe(false);
    const raw = compareChartData(placed, false, 0);
    expect(raw).toEqual({
      kind: 'lines',
      rows: [
        { x: 0, a: 1, b: 2 },
        { x: 1, a: 3 },
        { x: 2, a: 5 },
      ],
      drawn: 4,
      total: 4,
      dotted: ['b'],
    });
    const smoothed = compareChartData(placed, false, 0.5);
    if (smoothed.kind !== 'lines') throw new Error('expected lines');
    // Debiased EMA: the first point is kept, later ones pulled towards the earlier values.
    expect(smoothed.rows.map((r) => r.a)).toEqual([1, expect.closeTo(7 / 3, 10), expect.closeTo(27 / 7, 10)]);
  });

  it('gives each bucket that holds several points its min–max band, which smoothing leaves alone', () => {
    const wide = { step: 9, timestamp: 1_009, value: 2, min: -1, max: 7, count: 10 };
    const placed = placeSeries(
      [{ runId: 'a', buckets: [bucket(0, 1), wide, bucket(10, 3)], totalPoints: 12, startTime: 1_000 }],
      'step',
    );
    const data = compareChartData(placed, false, 0.5);
    if (data.kind !== 'lines') throw new Error('expected lines');
    expect(data.rows.map((r) => r[bandKey('a')])).toEqual([undefined, [-1, 7], undefined]);
    const log = compareChartData(placed, true, 0);
    if (log.kind !== 'lines') throw new Error('expected lines');
    expect(log.rows[1]![bandKey('a')]).toBeUndefined();
  });

  it('leaves points a log scale cannot show out of the drawn count', () => {
    const placed = placeSeries([series('a', [0, 1, 2])], 'step');
    expect(compareChartData(placed, true, 0)).toMatchObject({ kind: 'lines', drawn: 2, total: 3, dotted: [] });
  });

  it('places points on relative or wall time', () => {
    const [s] = placeSeries([series('a', [1, 2], 900)], 'relative');
    expect(s!.xs).toEqual([100, 101]);
    expect(placeSeries([series('a', [1, 2])], 'wall')[0]!.xs).toEqual([1_000, 1_001]);
  });

  it('is empty when no run logged the metric', () => {
    expect(compareChartData(placeSeries([series('a', [])], 'step'), false, 0)).toEqual({ kind: 'empty' });
  });
});
