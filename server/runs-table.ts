import type { Db } from '@/db/client';
import { listExperiments } from '@/db/queries/experiments';
import {
  type RunSearch,
  getRunsData,
  groupRuns,
  listRecentRunKeys,
  listRunColumnKeys,
  searchRuns,
} from '@/db/queries/run-search';
import { type RunViewSummary, getDefaultRunView, getRunView, listRunViews } from '@/db/queries/run-views';
import { getPrimaryRunMetricKey } from '@/db/queries/success-metrics';
import { DomainError } from '@/lib/errors';
import { type UnknownKey, findUnknownKeys } from '@/lib/tracking/key-suggestions';
import type { RunGroup } from '@/lib/tracking/run-groups';
import {
  DEFAULT_METRIC_COLUMNS,
  DEFAULT_PARAM_COLUMNS,
  type RunsView,
  columnValue,
  defaultColumns,
  parseColumn,
  parseRunsView,
  resolveStartRange,
  savedViewParams,
  sortTermOf,
  parseGroup,
} from '@/lib/tracking/runs-view';
import { type Clause, FilterSyntaxError, parseSearchFilter } from '@/lib/tracking/search-filter';
import type { RunApproach, RunStatus } from '@/lib/tracking/vocabulary';

export type RunRow = {
  id: string;
  name: string;
  experimentId: number;
  experimentName: string;
  status: RunStatus;
  approach: RunApproach | null;
  startTime: number;
  endTime: number | null;
  userId: string;
  /** Value per chosen column id (e.g. `metrics.acc@max`); null where the run has none. */
  values: Record<string, string | number | null>;
};

export type FilterProblem = { message: string; position: number | null };

type Scope = { projectId: string; experimentId?: number };

/** The search a view stands for; a filter the grammar refuses comes back as a problem to show, not a throw. */
function searchOf(view: RunsView, scope: Scope): { search: Omit<RunSearch, 'limit'>; problem: FilterProblem | null } {
  let clauses: Clause[] = [];
  let problem: FilterProblem | null = null;
  try {
    clauses = parseSearchFilter(view.filter, { numericParams: true });
  } catch (err) {
    if (!(err instanceof FilterSyntaxError)) throw err;
    problem = { message: err.message, position: err.position ?? null };
  }
  const experimentIds = scope.experimentId
    ? [scope.experimentId]
    : view.experiments.length
      ? view.experiments
      : undefined;
  return {
    problem,
    search: {
      clauses,
      sort: [sortTermOf(view.sort)],
      experimentIds,
      status: view.status.length ? view.status : undefined,
      approach: view.approach.length ? view.approach : undefined,
      numericParams: true,
      ...resolveStartRange(view, Date.now()),
    },
  };
}

function toRows(
  found: Awaited<ReturnType<typeof searchRuns>>['runs'],
  data: Awaited<ReturnType<typeof getRunsData>>,
  columns: string[],
  experimentNames: Map<number, string>,
): RunRow[] {
  const refs = columns.map((c) => [c, parseColumn(c)] as const);
  return found.map((r) => ({
    id: r.id,
    name: r.name,
    experimentId: r.experimentId,
    experimentName: experimentNames.get(r.experimentId) ?? String(r.experimentId),
    status: r.status,
    approach: r.approach,
    startTime: r.startTime,
    endTime: r.endTime,
    userId: r.userId,
    values: Object.fromEntries(refs.map(([id, ref]) => [id, ref ? columnValue(ref, data.get(r.id)) : null])),
  }));
}

/** The chosen metric columns, as groupRuns summarises them. */
function metricColumns(columns: string[]) {
  return columns.flatMap((id) => {
    const ref = parseColumn(id);
    return ref?.type === 'metric' ? [{ id, key: ref.key, agg: ref.agg }] : [];
  });
}

/** The columns a runs page shows when neither its URL nor a saved view names any. */
export async function loadDefaultColumns(db: Db, scope: Scope, known?: { metrics: string[] }): Promise<string[]> {
  const limit = Math.max(DEFAULT_METRIC_COLUMNS, DEFAULT_PARAM_COLUMNS);
  const [recent, primary, keys] = await Promise.all([
    listRecentRunKeys(db, scope.projectId, limit, scope.experimentId),
    getPrimaryRunMetricKey(db, scope.projectId),
    known ?? listRunColumnKeys(db, scope.projectId, scope.experimentId),
  ]);
  return defaultColumns(recent, primary && keys.metrics.includes(primary) ? primary : null);
}

/** One page of the runs table, with the keys the column chooser offers and, on no match, misspelt keys. */
export async function loadRunsTable(db: Db, view: RunsView, scope: Scope) {
  const [keys, experiments] = await Promise.all([
    listRunColumnKeys(db, scope.projectId, scope.experimentId),
    listExperiments(db, scope.projectId),
  ]);
  const columns = view.columns ?? (await loadDefaultColumns(db, scope, keys));
  const experimentNames = new Map(experiments.map((e) => [e.id, e.name]));
  const { search, problem } = searchOf(view, scope);
  const base = {
    keys,
    columns,
    unknownKeys: [] as UnknownKey[],
    experiments: experiments.map((e) => ({ id: e.id, name: e.name })),
    groups: null as RunGroup[] | null,
  };
  if (problem) return { ...base, rows: [] as RunRow[], total: 0, problem };
  try {
    const { runs, total } = await searchRuns(db, scope.projectId, {
      ...search,
      limit: view.pageSize,
      offset: (view.page - 1) * view.pageSize,
    });
    const group = parseGroup(view.group);
    const [data, groups] = await Promise.all([
      getRunsData(
        db,
        runs.map((r) => r.id),
      ),
      group ? groupRuns(db, scope.projectId, search, group, metricColumns(columns)) : null,
    ]);
    const unknownKeys = total === 0 ? findUnknownKeys(search.clauses ?? [], keys) : [];
    return { ...base, unknownKeys, groups, rows: toRows(runs, data, columns, experimentNames), total, problem: null };
  } catch (err) {
    // Grammar-valid filters the store still refuses (e.g. an unknown attribute) are shown the same way.
    if (err instanceof DomainError && err.kind === 'invalid')
      return { ...base, rows: [] as RunRow[], total: 0, problem: { message: err.message, position: null } };
    throw err;
  }
}

type SearchParams = Record<string, string | string[] | undefined>;
// URL params that shape what a view shows; with none of them (and no `view`) a person's default view applies.
const VIEW_SHAPING = [
  'filter',
  'status',
  'approach',
  'exp',
  'since',
  'from',
  'to',
  'col',
  'sort',
  'order',
  'size',
  'group',
];

export type SavedViews = { list: RunViewSummary[]; activeId: string | null; missing: boolean; userId: string };

/**
 * The view a runs page shows: its URL, or a saved view the link names (`?view=<id>`, with the link's page and
 * selection), or with a bare URL the person's default view — and which saved view, if any, it is.
 */
export async function resolveRunsView(
  db: Db,
  params: SearchParams,
  scope: { projectId: string; experimentId: number | null },
  userId: string,
): Promise<{ view: RunsView; savedViews: SavedViews }> {
  const [list, requested] = await Promise.all([
    listRunViews(db, scope, userId),
    typeof params.view === 'string' && /^[0-9a-f-]{36}$/i.test(params.view) ? getRunView(db, scope, params.view) : null,
  ]);
  const shaped = VIEW_SHAPING.some((k) => params[k] !== undefined);
  const saved = requested ?? (shaped || params.view !== undefined ? null : await getDefaultRunView(db, scope, userId));
  let view = parseRunsView(params);
  if (saved) {
    const merged = new URLSearchParams(saved.query);
    for (const k of ['page', 'sel']) if (typeof params[k] === 'string') merged.set(k, params[k] as string);
    view = parseRunsView(merged);
  }
  const current = savedViewParams(view).toString();
  const active = list.find((v) => savedViewParams(parseRunsView(new URLSearchParams(v.query))).toString() === current);
  return {
    view,
    savedViews: { list, activeId: active?.id ?? null, missing: params.view !== undefined && !requested, userId },
  };
}

/** Every matching run, a page at a time, for the CSV export; throws DomainError on a bad filter. */
export async function* iterateRuns(db: Db, view: RunsView, scope: Scope, columns: string[], pageSize = 500) {
  const { search, problem } = searchOf(view, scope);
  if (problem) throw new DomainError('invalid', `Invalid filter: ${problem.message}`, 'filter');
  const experimentNames = new Map((await listExperiments(db, scope.projectId)).map((e) => [e.id, e.name]));
  for (let offset = 0; ; offset += pageSize) {
    const { runs } = await searchRuns(db, scope.projectId, { ...search, limit: pageSize, offset });
    if (runs.length === 0) return;
    const data = await getRunsData(
      db,
      runs.map((r) => r.id),
    );
    yield toRows(runs, data, columns, experimentNames);
    if (runs.length < pageSize) return;
  }
}
