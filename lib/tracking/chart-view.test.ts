import { describe, expect, it } from 'vitest';
import type { Bucket } from './downsample';
import { parseChartView, toChartRows, writeChartView } from './chart-view';

const b = (step: number, value: number, min = value, max = value, count = 1): Bucket => ({
  step,
  timestamp: 1000 + step * 10,
  value,
  min,
  max,
  count,
});

describe('chart view in the URL', () => {
  it('round-trips and keeps unrelated params', () => {
    const view = parseChartView(new URLSearchParams('x=relative&log=1&smooth=0.6&zoomFrom=50&zoomTo=10'));
    expect(view).toEqual({ x: 'relative', log: true, smoothing: 0.6, zoom: { from: 10, to: 50 } });
    const written = writeChartView(new URLSearchParams('runs=a,b'), view);
    expect(written.get('runs')).toBe('a,b');
    expect(parseChartView(written)).toEqual(view);
  });
  it('falls back to defaults on junk', () => {
    expect(parseChartView(new URLSearchParams('x=banana&smooth=7&zoomFrom=1.5&zoomTo=3'))).toEqual({
      x: 'step',
      log: false,
      smoothing: 0,
      zoom: null,
    });
    expect(
      writeChartView(new URLSearchParams(''), { x: 'step', log: false, smoothing: 0, zoom: null }).toString(),
    ).toBe('');
  });
});

describe('toChartRows', () => {
  it('uses step, wall time or time since the run started as x', () => {
    const buckets = [b(0, 1), b(5, 2)];
    expect(toChartRows(buckets, { x: 'step', log: false, smoothing: 0 }, 1000).rows.map((r) => r.x)).toEqual([0, 5]);
    expect(toChartRows(buckets, { x: 'wall', log: false, smoothing: 0 }, 1000).rows.map((r) => r.x)).toEqual([
      1000, 1050,
    ]);
    expect(toChartRows(buckets, { x: 'relative', log: false, smoothing: 0 }, 1000).rows.map((r) => r.x)).toEqual([
      0, 50,
    ]);
  });
  it('smooths with the debiased EMA but keeps the raw value for the tooltip', () => {
    const { rows } = toChartRows([b(0, 10), b(1, 0)], { x: 'step', log: false, smoothing: 0.5 }, 0);
    // Debiased: the first point is itself; the second is (0.5·10·0.5 + 0.5·0) / (1 − 0.25) = 3.333…
    expect(rows[0]!.y).toBe(10);
    expect(rows[1]!.y).toBeCloseTo(10 / 3);
    expect(rows[1]!.raw).toBe(0);
  });
  it('draws the min/max band and hides values a log scale cannot show', () => {
    const { rows, hidden } = toChartRows(
      [b(0, 2, 1, 3, 16), b(16, 0, -1, 0.5, 16)],
      { x: 'step', log: true, smoothing: 0 },
      0,
    );
    expect(rows[0]!.band).toEqual([1, 3]);
    expect(rows[1]!.y).toBeNull();
    expect(rows[1]!.band).toBeNull();
    expect(hidden).toBe(1);
  });
});
