import { describe, expect, it } from 'vitest';
import { rollupBatch, summariseByKey } from './metric-aggregates';

const p = (key: string, step: number, timestamp: number, value: number) => ({ key, step, timestamp, value });

describe('summariseByKey', () => {
  it('keeps count, min, max and the latest point by step then timestamp', () => {
    const s = summariseByKey([
      p('loss', 0, 10, 0.9),
      p('loss', 2, 5, 0.2),
      p('loss', 2, 30, 0.25),
      p('loss', 1, 99, 0.5),
    ]);
    expect(s.get('loss')).toEqual({ count: 4, min: 0.2, max: 0.9, lastStep: 2, lastTimestamp: 30, lastValue: 0.25 });
  });
  it('leaves NaN out of min and max but counts it', () => {
    expect(summariseByKey([p('acc', 0, 1, Number.NaN)]).get('acc')).toMatchObject({ count: 1, min: null, max: null });
  });
});

describe('rollupBatch', () => {
  it('buckets each point once per width, with the envelope and last value per bucket', () => {
    const points = Array.from({ length: 70 }, (_, i) => p('m', i, i, i === 40 ? 100 : i));
    const rows = rollupBatch(points, [32, 1024]);
    expect(rows.filter((r) => r.width === 32).map((r) => [r.bucket, r.count, r.min, r.max, r.lastValue])).toEqual([
      [0, 32, 0, 31, 31],
      [1, 32, 32, 100, 63],
      [2, 6, 64, 69, 69],
    ]);
    expect(rows.filter((r) => r.width === 1024)).toEqual([
      expect.objectContaining({ bucket: 0, count: 70, min: 0, max: 100, lastStep: 69 }),
    ]);
  });
  it('puts negative steps in negative buckets', () => {
    expect(rollupBatch([p('m', -1, 0, 1)], [32])[0]).toMatchObject({ bucket: -1 });
  });
});
