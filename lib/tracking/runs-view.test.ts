import { describe, expect, it } from 'vitest';
import {
  columnId,
  columnValue,
  defaultColumns,
  nextSort,
  parseColumn,
  parseRunsView,
  resolveStartRange,
  runsViewHref,
  runsViewToParams,
  sortTermOf,
  updateRunsView,
} from './runs-view';

describe('columns', () => {
  it('reads params, tags, metrics with an aggregate, and sortable attributes', () => {
    expect(parseColumn('params.lr')).toEqual({ type: 'param', key: 'lr' });
    expect(parseColumn('tags.mlflow.user')).toEqual({ type: 'tag', key: 'mlflow.user' });
    expect(parseColumn('metrics.val/loss')).toEqual({ type: 'metric', key: 'val/loss', agg: 'latest' });
    expect(parseColumn('metrics.acc@max')).toEqual({ type: 'metric', key: 'acc', agg: 'max' });
    expect(parseColumn('attributes.start_time')).toEqual({ type: 'attribute', key: 'start_time' });
  });
  it('refuses what it cannot show', () => {
    for (const bad of ['lr', 'params.', 'foo.bar', 'attributes.artifact_uri', '.x'])
      expect(parseColumn(bad)).toBeNull();
  });
  it('round-trips ids, writing latest without a suffix', () => {
    for (const id of ['params.lr', 'tags.a b', 'metrics.acc', 'metrics.acc@min', 'attributes.user_id'])
      expect(columnId(parseColumn(id)!)).toBe(id);
  });
  it('takes a run’s value for a column, null when missing', () => {
    const data = {
      params: [{ key: 'lr', value: '0.01' }],
      tags: [{ key: 'team', value: 'vision' }],
      metrics: [{ key: 'acc', value: 0.8, minValue: 0.1, maxValue: 0.9 }],
    };
    expect(columnValue(parseColumn('params.lr')!, data)).toBe('0.01');
    expect(columnValue(parseColumn('tags.team')!, data)).toBe('vision');
    expect(columnValue(parseColumn('metrics.acc')!, data)).toBe(0.8);
    expect(columnValue(parseColumn('metrics.acc@min')!, data)).toBe(0.1);
    expect(columnValue(parseColumn('metrics.acc@max')!, data)).toBe(0.9);
    expect(columnValue(parseColumn('metrics.loss')!, data)).toBeNull();
    expect(columnValue(parseColumn('params.lr')!, undefined)).toBeNull();
  });
  it('puts the primary success metric first, then the newest metrics, then the newest params', () => {
    expect(
      defaultColumns({ metrics: ['loss', 'f1', 'auc', 'acc', 'val_accuracy'], params: ['depth'] }, 'val_accuracy'),
    ).toEqual(['metrics.val_accuracy', 'metrics.loss', 'metrics.f1', 'metrics.auc', 'params.depth']);
  });
  it('defaults to four metrics then four params', () => {
    expect(defaultColumns({ metrics: ['a', 'b', 'c', 'd', 'e'], params: ['p'] })).toEqual([
      'metrics.a',
      'metrics.b',
      'metrics.c',
      'metrics.d',
      'params.p',
    ]);
  });
});

describe('URL state', () => {
  it('round-trips a full view through search params', () => {
    const url = new URLSearchParams(
      'filter=metrics.acc+%3E+0.9+and+params.lr+%3D+%270.01%27&status=FINISHED&status=FAILED&approach=data-centric&exp=3&since=7d&from=2026-01-01&to=2026-01-31&col=metrics.acc%40max&col=params.lr&sort=metrics.acc%40max&order=desc&page=3&size=100&sel=abc,def&group=tags.team',
    );
    const view = parseRunsView(url);
    expect(view).toEqual({
      filter: "metrics.acc > 0.9 and params.lr = '0.01'",
      status: ['FINISHED', 'FAILED'],
      approach: ['data-centric'],
      experiments: [3],
      since: '7d',
      from: '2026-01-01',
      to: '2026-01-31',
      columns: ['metrics.acc@max', 'params.lr'],
      sort: { column: 'metrics.acc@max', ascending: false },
      page: 3,
      pageSize: 100,
      selected: ['abc', 'def'],
      group: 'tags.team',
    });
    expect(parseRunsView(runsViewToParams(view))).toEqual(view);
  });
  it('reads Next.js searchParams objects the same way', () => {
    expect(parseRunsView({ status: ['RUNNING', 'RUNNING'], col: 'params.lr', page: '2' })).toMatchObject({
      status: ['RUNNING'],
      columns: ['params.lr'],
      page: 2,
    });
  });
  it('ignores junk instead of failing', () => {
    const view = parseRunsView(
      new URLSearchParams(
        'status=DONE&since=2y&from=2026-13-45&page=-4&size=7&sort=nope&sel=x;drop,ABC1&exp=1e3&col=zzz&group=metrics.acc',
      ),
    );
    expect(view).toMatchObject({
      status: [],
      since: null,
      from: null,
      page: 1,
      pageSize: 50,
      sort: null,
      selected: ['ABC1'],
      experiments: [],
      columns: [],
      group: null,
    });
  });
  it('keeps an explicit empty column list distinct from the default', () => {
    expect(parseRunsView(new URLSearchParams('')).columns).toBeNull();
    const none = parseRunsView(new URLSearchParams('col='));
    expect(none.columns).toEqual([]);
    expect(runsViewToParams(none).toString()).toBe('col=');
  });
  it('leaves defaults out of links', () => {
    expect(runsViewHref('/p/runs', parseRunsView(new URLSearchParams('page=1&size=50')))).toBe('/p/runs');
  });
  it('goes back to page 1 when the result set changes, not when paging or selecting', () => {
    const view = parseRunsView(new URLSearchParams('page=4'));
    expect(updateRunsView(view, { filter: 'metrics.a > 1' }).page).toBe(1);
    expect(updateRunsView(view, { status: ['FAILED'] }).page).toBe(1);
    expect(updateRunsView(view, { selected: ['ab'] }).page).toBe(4);
    expect(updateRunsView(view, { page: 5 }).page).toBe(5);
  });
});

describe('sorting', () => {
  it('a new metric column sorts descending first, names ascending; a second click flips', () => {
    expect(nextSort(null, 'metrics.acc')).toEqual({ column: 'metrics.acc', ascending: false });
    expect(nextSort(null, 'attributes.run_name')).toEqual({ column: 'attributes.run_name', ascending: true });
    expect(nextSort({ column: 'metrics.acc', ascending: false }, 'metrics.acc')).toEqual({
      column: 'metrics.acc',
      ascending: true,
    });
    // The default sort is start time, newest first: clicking it shows oldest first.
    expect(nextSort(null, 'attributes.start_time')).toEqual({ column: 'attributes.start_time', ascending: true });
  });
  it('turns a column into the sort term searchRuns takes', () => {
    expect(sortTermOf({ column: 'metrics.loss@min', ascending: true })).toEqual({
      type: 'metric',
      key: 'loss',
      agg: 'min',
      ascending: true,
    });
    expect(sortTermOf({ column: 'params.lr', ascending: false })).toEqual({
      type: 'param',
      key: 'lr',
      ascending: false,
    });
    expect(sortTermOf(null)).toEqual({ type: 'attribute', key: 'start_time', ascending: false });
  });
});

describe('start-time range', () => {
  const now = Date.parse('2026-02-10T12:00:00Z');
  it('counts presets back from now', () => {
    expect(resolveStartRange(parseRunsView(new URLSearchParams('since=24h')), now)).toEqual({
      startedAfter: Date.parse('2026-02-09T12:00:00Z'),
    });
  });
  it('takes whole UTC days, both ends inclusive', () => {
    expect(resolveStartRange(parseRunsView(new URLSearchParams('from=2026-02-01&to=2026-02-03')), now)).toEqual({
      startedAfter: Date.parse('2026-02-01T00:00:00Z'),
      startedBefore: Date.parse('2026-02-04T00:00:00Z') - 1,
    });
  });
  it('a preset and a from day together keep the later bound', () => {
    expect(resolveStartRange(parseRunsView(new URLSearchParams('since=90d&from=2026-02-05')), now).startedAfter).toBe(
      Date.parse('2026-02-05T00:00:00Z'),
    );
  });
});
