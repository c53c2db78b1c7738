// The runs table's whole view (filter, sort, columns, page, status, time, selection) as URL search
// params, so a copied link reproduces exactly what its author saw.
import { RUN_APPROACHES, RUN_STATUSES, type RunApproach, type RunStatus } from './vocabulary';

export type MetricAgg = 'latest' | 'min' | 'max';
export const METRIC_AGGS: readonly MetricAgg[] = ['latest', 'min', 'max'];
export const SORTABLE_ATTRIBUTES = ['run_name', 'status', 'start_time', 'end_time', 'user_id'] as const;
export type SortableAttribute = (typeof SORTABLE_ATTRIBUTES)[number];

/** A chosen column: `params.lr`, `tags.team`, `metrics.acc` (latest), `metrics.acc@max`, `attributes.start_time`. */
export type ColumnRef =
  | { type: 'param'; key: string }
  | { type: 'tag'; key: string }
  | { type: 'metric'; key: string; agg: MetricAgg }
  | { type: 'attribute'; key: SortableAttribute };

export const PAGE_SIZES = [25, 50, 100, 200] as const;
export const DEFAULT_PAGE_SIZE = 50;
export const TIME_PRESETS = {
  '1h': 3_600_000,
  '24h': 86_400_000,
  '7d': 7 * 86_400_000,
  '30d': 30 * 86_400_000,
  '90d': 90 * 86_400_000,
} as const;
export type TimePreset = keyof typeof TIME_PRESETS;
export const MAX_SELECTED = 100;
/** The longest name a saved view may have (the form's maxlength and the action's check). */
export const RUN_VIEW_NAME_MAX = 80;

export type Sort = { column: string; ascending: boolean };
export type RunsView = {
  filter: string;
  status: RunStatus[];
  approach: RunApproach[];
  experiments: number[];
  since: TimePreset | null;
  /** Calendar days (UTC), both inclusive. */
  from: string | null;
  to: string | null;
  /** null: the default columns; [] is an explicit "no extra columns". */
  columns: string[] | null;
  sort: Sort | null;
  page: number;
  pageSize: number;
  selected: string[];
  /** A param or tag column (`params.model`) whose values group the matching runs, or null. */
  group: string | null;
};

export const DEFAULT_SORT: Sort = { column: 'attributes.start_time', ascending: false };

export const emptyRunsView = (): RunsView => ({
  filter: '',
  status: [],
  approach: [],
  experiments: [],
  since: null,
  from: null,
  to: null,
  columns: null,
  sort: null,
  page: 1,
  pageSize: DEFAULT_PAGE_SIZE,
  selected: [],
  group: null,
});

type ParamsLike = URLSearchParams | Record<string, string | string[] | undefined>;

function reader(params: ParamsLike) {
  if (params instanceof URLSearchParams)
    return { all: (k: string) => params.getAll(k), has: (k: string) => params.has(k) };
  return {
    all: (k: string) => {
      const v = params[k];
      return v === undefined ? [] : Array.isArray(v) ? v : [v];
    },
    has: (k: string) => params[k] !== undefined,
  };
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const isDay = (s: string | undefined): s is string => !!s && DAY.test(s) && !Number.isNaN(Date.parse(`${s}T00:00:00Z`));

export function parseColumn(id: string): ColumnRef | null {
  const dot = id.indexOf('.');
  if (dot <= 0 || dot === id.length - 1) return null;
  const prefix = id.slice(0, dot);
  let key = id.slice(dot + 1);
  if (prefix === 'params') return { type: 'param', key };
  if (prefix === 'tags') return { type: 'tag', key };
  if (prefix === 'attributes')
    return (SORTABLE_ATTRIBUTES as readonly string[]).includes(key)
      ? { type: 'attribute', key: key as SortableAttribute }
      : null;
  if (prefix !== 'metrics') return null;
  let agg: MetricAgg = 'latest';
  const at = key.lastIndexOf('@');
  // MLflow keys cannot contain '@', so a suffix after it is always ours.
  if (at > 0 && (METRIC_AGGS as string[]).includes(key.slice(at + 1))) {
    agg = key.slice(at + 1) as MetricAgg;
    key = key.slice(0, at);
  }
  return { type: 'metric', key, agg };
}

export type GroupRef = Extract<ColumnRef, { type: 'param' | 'tag' }>;

/** A group-by column id (`params.model`, `tags.team`), or null for anything else. */
export function parseGroup(id: string | null | undefined): GroupRef | null {
  const ref = id ? parseColumn(id) : null;
  return ref && (ref.type === 'param' || ref.type === 'tag') ? ref : null;
}

export function columnId(ref: ColumnRef): string {
  switch (ref.type) {
    case 'param':
      return `params.${ref.key}`;
    case 'tag':
      return `tags.${ref.key}`;
    case 'attribute':
      return `attributes.${ref.key}`;
    case 'metric':
      return ref.agg === 'latest' ? `metrics.${ref.key}` : `metrics.${ref.key}@${ref.agg}`;
  }
}

export function columnLabel(ref: ColumnRef): string {
  if (ref.type === 'metric') return ref.agg === 'latest' ? ref.key : `${ref.key} (${ref.agg})`;
  return ref.key;
}

const uniq = <T>(xs: T[]) => [...new Set(xs)];

export function parseRunsView(params: ParamsLike): RunsView {
  const r = reader(params);
  const first = (k: string) => r.all(k)[0];
  const view = emptyRunsView();
  view.filter = (first('filter') ?? '').slice(0, 10_000);
  view.status = uniq(r.all('status').filter((s): s is RunStatus => (RUN_STATUSES as readonly string[]).includes(s)));
  view.approach = uniq(
    r.all('approach').filter((s): s is RunApproach => (RUN_APPROACHES as readonly string[]).includes(s)),
  );
  view.experiments = uniq(
    r
      .all('exp')
      .filter((s) => /^\d{1,15}$/.test(s))
      .map(Number),
  );
  const since = first('since');
  view.since = since && Object.hasOwn(TIME_PRESETS, since) ? (since as TimePreset) : null;
  const from = first('from');
  const to = first('to');
  view.from = isDay(from) ? from : null;
  view.to = isDay(to) ? to : null;
  if (r.has('col')) view.columns = uniq(r.all('col').filter((c) => c !== '' && parseColumn(c) !== null));
  const sort = first('sort');
  if (sort && parseColumn(sort)) view.sort = { column: sort, ascending: first('order') === 'asc' };
  const page = Number(first('page'));
  view.page = Number.isSafeInteger(page) && page >= 1 ? page : 1;
  const size = Number(first('size'));
  view.pageSize = (PAGE_SIZES as readonly number[]).includes(size) ? size : DEFAULT_PAGE_SIZE;
  const group = first('group');
  view.group = parseGroup(group) ? group! : null;
  view.selected = uniq((first('sel') ?? '').split(',').filter((id) => /^[0-9a-f]{1,64}$/i.test(id))).slice(
    0,
    MAX_SELECTED,
  );
  return view;
}

/** Search params for a view, leaving out defaults so links stay short. */
export function runsViewToParams(view: RunsView): URLSearchParams {
  const p = new URLSearchParams();
  if (view.filter.trim()) p.set('filter', view.filter);
  for (const s of view.status) p.append('status', s);
  for (const a of view.approach) p.append('approach', a);
  for (const e of view.experiments) p.append('exp', String(e));
  if (view.since) p.set('since', view.since);
  if (view.from) p.set('from', view.from);
  if (view.to) p.set('to', view.to);
  if (view.columns) {
    if (view.columns.length === 0) p.set('col', '');
    for (const c of view.columns) p.append('col', c);
  }
  if (view.sort) {
    p.set('sort', view.sort.column);
    p.set('order', view.sort.ascending ? 'asc' : 'desc');
  }
  if (view.page > 1) p.set('page', String(view.page));
  if (view.pageSize !== DEFAULT_PAGE_SIZE) p.set('size', String(view.pageSize));
  if (view.group) p.set('group', view.group);
  if (view.selected.length) p.set('sel', view.selected.join(','));
  return p;
}

export function runsViewHref(pathname: string, view: RunsView): string {
  const qs = runsViewToParams(view).toString();
  return qs ? `${pathname}?${qs}` : pathname;
}

/** A changed view; anything but paging or selection sends the reader back to page 1. */
export function updateRunsView(view: RunsView, patch: Partial<RunsView>): RunsView {
  const keepsPage = Object.keys(patch).every((k) => k === 'page' || k === 'selected' || k === 'columns');
  return { ...view, ...patch, page: patch.page ?? (keepsPage ? view.page : 1) };
}

/** Clicking a header: sort by it descending first (best metric on top), then ascending, then back. */
export function nextSort(current: Sort | null, column: string): Sort {
  const effective = current ?? DEFAULT_SORT;
  if (effective.column !== column)
    return {
      column,
      ascending: column === 'attributes.run_name' || column === 'attributes.user_id' || column === 'attributes.status',
    };
  return { column, ascending: !effective.ascending };
}

/** Start-time bounds in epoch ms: a preset counts back from `now`; calendar days are whole UTC days. */
export function resolveStartRange(view: RunsView, now: number): { startedAfter?: number; startedBefore?: number } {
  const out: { startedAfter?: number; startedBefore?: number } = {};
  if (view.since) out.startedAfter = now - TIME_PRESETS[view.since];
  if (view.from) {
    const t = Date.parse(`${view.from}T00:00:00Z`);
    out.startedAfter = out.startedAfter === undefined ? t : Math.max(out.startedAfter, t);
  }
  if (view.to) out.startedBefore = Date.parse(`${view.to}T00:00:00Z`) + 86_400_000 - 1;
  return out;
}

/** The sort term searchRuns takes for a column (missing values sort last there). */
export function sortTermOf(sort: Sort | null) {
  const s = sort ?? DEFAULT_SORT;
  const ref = parseColumn(s.column);
  if (!ref) return { type: 'attribute' as const, key: 'start_time', ascending: false };
  return ref.type === 'metric'
    ? { type: 'metric' as const, key: ref.key, ascending: s.ascending, agg: ref.agg }
    : { type: ref.type, key: ref.key, ascending: s.ascending };
}

export const DEFAULT_METRIC_COLUMNS = 4;
export const DEFAULT_PARAM_COLUMNS = 4;

/**
 * Default columns when neither the URL nor a saved view names any: the project's primary success metric (when
 * runs log it), then the most recently logged metrics and params — so a new run logging other keys adds
 * columns without pushing the metric the project is judged by out of the table.
 */
export function defaultColumns(
  recent: { metrics: string[]; params: string[] },
  primaryMetric: string | null = null,
): string[] {
  const metrics = primaryMetric
    ? [primaryMetric, ...recent.metrics.filter((k) => k !== primaryMetric)]
    : recent.metrics;
  return [
    ...metrics.slice(0, DEFAULT_METRIC_COLUMNS).map((k) => `metrics.${k}`),
    ...recent.params.slice(0, DEFAULT_PARAM_COLUMNS).map((k) => `params.${k}`),
  ];
}

/** The parts of a view a saved view keeps: what is shown and how, not which page or which runs are ticked. */
export function savedViewParams(view: RunsView): URLSearchParams {
  return runsViewToParams({ ...view, page: 1, selected: [] });
}

type RunValues = {
  params: { key: string; value: string }[];
  tags: { key: string; value: string }[];
  metrics: { key: string; value: number; minValue: number | null; maxValue: number | null }[];
};

/** A run's value in a param, tag or metric column; null when the run has none. */
export function columnValue(ref: ColumnRef, data: RunValues | undefined): string | number | null {
  if (!data || ref.type === 'attribute') return null;
  if (ref.type !== 'metric')
    return (ref.type === 'param' ? data.params : data.tags).find((p) => p.key === ref.key)?.value ?? null;
  const m = data.metrics.find((x) => x.key === ref.key);
  if (!m) return null;
  return ref.agg === 'min' ? m.minValue : ref.agg === 'max' ? m.maxValue : m.value;
}
