// The compare page's state in the URL (which runs, what is hidden, which keys each view plots) and the
// diff of params/metrics/tags across runs.
import { type ChartView, parseChartView, writeChartView } from './chart-view';
import { MAX_SELECTED } from './runs-view';

export type CompareView = ChartView & {
  hidden: string[];
  /** Metric keys drawn as charts; null = the first few. */
  metrics: string[] | null;
  /** Parallel-coordinate axes as column ids (`params.lr`, `metrics.acc@max`); null = chosen for you. */
  axes: string[] | null;
  scatterX: string | null;
  scatterY: string | null;
  onlyDiff: boolean;
};

const ids = (s: string | null) => [...new Set((s ?? '').split(',').filter((id) => /^[0-9a-f]{1,64}$/i.test(id)))];

/** The run ids of `?runs=a,b,c`, in order, without duplicates. */
export const parseCompareRuns = (p: URLSearchParams) => ids(p.get('runs')).slice(0, MAX_SELECTED);

export function parseCompareView(p: URLSearchParams): CompareView {
  return {
    ...parseChartView(p),
    hidden: ids(p.get('hide')),
    metrics: p.has('m') ? p.getAll('m').filter(Boolean) : null,
    axes: p.has('ax') ? p.getAll('ax').filter(Boolean) : null,
    scatterX: p.get('sx') || null,
    scatterY: p.get('sy') || null,
    onlyDiff: p.get('diff') === 'only',
  };
}

export function writeCompareView(params: URLSearchParams, view: CompareView): URLSearchParams {
  const p = writeChartView(params, view);
  for (const k of ['hide', 'm', 'ax', 'sx', 'sy', 'diff']) p.delete(k);
  if (view.hidden.length) p.set('hide', view.hidden.join(','));
  if (view.metrics) {
    if (view.metrics.length === 0) p.set('m', '');
    for (const m of view.metrics) p.append('m', m);
  }
  if (view.axes) {
    if (view.axes.length === 0) p.set('ax', '');
    for (const a of view.axes) p.append('ax', a);
  }
  if (view.scatterX) p.set('sx', view.scatterX);
  if (view.scatterY) p.set('sy', view.scatterY);
  if (view.onlyDiff) p.set('diff', 'only');
  return p;
}

export type CompareValue = string | number | null;

/** Values differ when any two runs disagree, a missing value included; one run never "differs". */
export function valuesDiffer(values: CompareValue[]): boolean {
  if (values.length < 2) return false;
  const first = values[0] ?? null;
  return values.some(
    (v) =>
      (v ?? null) !== first &&
      !(typeof v === 'number' && typeof first === 'number' && Number.isNaN(v) && Number.isNaN(first)),
  );
}

export type DiffRow = { section: 'params' | 'metrics' | 'tags'; key: string; values: CompareValue[]; differs: boolean };

type RunValues = {
  params: Record<string, string>;
  tags: Record<string, string>;
  metrics: Record<string, { latest: number }>;
};

/** One row per key of each section (sorted), with each run's value and whether they differ. */
export function buildDiffRows(runs: RunValues[]): DiffRow[] {
  const out: DiffRow[] = [];
  const section = (name: DiffRow['section'], get: (r: RunValues) => Record<string, CompareValue>) => {
    const keys = [...new Set(runs.flatMap((r) => Object.keys(get(r))))].sort();
    for (const key of keys) {
      const values = runs.map((r) => get(r)[key] ?? null);
      out.push({ section: name, key, values, differs: valuesDiffer(values) });
    }
  };
  section('params', (r) => r.params);
  section('metrics', (r) => Object.fromEntries(Object.entries(r.metrics).map(([k, m]) => [k, m.latest])));
  section('tags', (r) => r.tags);
  return out;
}

/**
 * Default parallel-coordinate axes: the params that vary (up to 5), then up to 2 metrics, the primary one
 * (the project's primary success metric's run metric) first when these runs logged it.
 */
export function defaultAxes(rows: DiffRow[], primaryMetric: string | null = null): string[] {
  const params = rows.filter((r) => r.section === 'params' && r.differs).slice(0, 5);
  const metrics = rows
    .filter((r) => r.section === 'metrics')
    .sort((a, b) => Number(b.key === primaryMetric) - Number(a.key === primaryMetric))
    .slice(0, 2);
  return [...params.map((r) => `params.${r.key}`), ...metrics.map((r) => `metrics.${r.key}`)];
}
