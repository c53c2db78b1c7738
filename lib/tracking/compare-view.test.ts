import { describe, expect, it } from 'vitest';
import {
  buildDiffRows,
  defaultAxes,
  parseCompareRuns,
  parseCompareView,
  valuesDiffer,
  writeCompareView,
} from './compare-view';

describe('compare URL state', () => {
  it('reads the runs in order, without duplicates or junk', () => {
    expect(parseCompareRuns(new URLSearchParams('runs=b2,a1,b2,<x>,,c3'))).toEqual(['b2', 'a1', 'c3']);
  });
  it('round-trips every setting and keeps the runs param', () => {
    const p = new URLSearchParams(
      'runs=a,b&x=relative&smooth=0.5&hide=b&m=loss&m=acc&ax=params.lr&ax=metrics.acc%40max&sx=params.lr&sy=metrics.acc&diff=only',
    );
    const view = parseCompareView(p);
    expect(view).toMatchObject({
      x: 'relative',
      smoothing: 0.5,
      hidden: ['b'],
      metrics: ['loss', 'acc'],
      axes: ['params.lr', 'metrics.acc@max'],
      scatterX: 'params.lr',
      scatterY: 'metrics.acc',
      onlyDiff: true,
    });
    const written = writeCompareView(new URLSearchParams('runs=a,b'), view);
    expect(written.get('runs')).toBe('a,b');
    expect(parseCompareView(written)).toEqual(view);
  });
  it('keeps "no metrics chosen" apart from "the default"', () => {
    expect(parseCompareView(new URLSearchParams('')).metrics).toBeNull();
    const none = parseCompareView(new URLSearchParams('m='));
    expect(none.metrics).toEqual([]);
    expect(parseCompareView(writeCompareView(new URLSearchParams(), none)).metrics).toEqual([]);
  });
});

describe('diff', () => {
  it('flags values that differ, a missing value included', () => {
    expect(valuesDiffer(['0.1', '0.1'])).toBe(false);
    expect(valuesDiffer(['0.1', '0.01'])).toBe(true);
    expect(valuesDiffer(['0.1', null])).toBe(true);
    expect(valuesDiffer([Number.NaN, Number.NaN])).toBe(false);
    expect(valuesDiffer(['x'])).toBe(false);
  });
  it('builds sorted rows per section', () => {
    const rows = buildDiffRows([
      { params: { lr: '0.1', opt: 'adam' }, metrics: { acc: { latest: 0.9 } }, tags: { team: 'a' } },
      {
        params: { lr: '0.01', opt: 'adam' },
        metrics: { acc: { latest: 0.9 }, loss: { latest: 0.2 } },
        tags: { team: 'a' },
      },
    ]);
    expect(rows).toEqual([
      { section: 'params', key: 'lr', values: ['0.1', '0.01'], differs: true },
      { section: 'params', key: 'opt', values: ['adam', 'adam'], differs: false },
      { section: 'metrics', key: 'acc', values: [0.9, 0.9], differs: false },
      { section: 'metrics', key: 'loss', values: [null, 0.2], differs: true },
      { section: 'tags', key: 'team', values: ['a', 'a'], differs: false },
    ]);
    expect(defaultAxes(rows)).toEqual(['params.lr', 'metrics.acc', 'metrics.loss']);
  });
  it('puts the primary metric among the default axes, even when others sort before it', () => {
    const rows = buildDiffRows(
      [0.1, 0.2].map((v) => ({
        params: { lr: String(v) },
        metrics: { a_loss: { latest: v }, b_f1: { latest: v }, val_accuracy: { latest: v } },
        tags: {},
      })),
    );
    expect(defaultAxes(rows, 'val_accuracy')).toEqual(['params.lr', 'metrics.val_accuracy', 'metrics.a_loss']);
    expect(defaultAxes(rows, 'not_logged')).toEqual(['params.lr', 'metrics.a_loss', 'metrics.b_f1']);
  });
});
