import type { Db } from '@/db/client';
import { listExperiments } from '@/db/queries/experiments';
import { type RunSearch, getRunsData, listRunColumnKeys, searchRuns } from '@/db/queries/run-search';
import { DomainError } from '@/lib/errors';
import {
  type RunsView,
  columnValue,
  defaultColumns,
  parseColumn,
  resolveStartRange,
  sortTermOf,
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
    clauses = parseSearchFilter(view.filter);
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

/** One page of the runs table, with the keys the column chooser offers. */
export async function loadRunsTable(db: Db, view: RunsView, scope: Scope) {
  const [keys, experiments] = await Promise.all([
    listRunColumnKeys(db, scope.projectId, scope.experimentId),
    listExperiments(db, scope.projectId),
  ]);
  const columns = view.columns ?? defaultColumns(keys);
  const experimentNames = new Map(experiments.map((e) => [e.id, e.name]));
  const { search, problem } = searchOf(view, scope);
  const base = { keys, columns, experiments: experiments.map((e) => ({ id: e.id, name: e.name })) };
  if (problem) return { ...base, rows: [] as RunRow[], total: 0, problem };
  try {
    const { runs, total } = await searchRuns(db, scope.projectId, {
      ...search,
      limit: view.pageSize,
      offset: (view.page - 1) * view.pageSize,
    });
    const data = await getRunsData(
      db,
      runs.map((r) => r.id),
    );
    return { ...base, rows: toRows(runs, data, columns, experimentNames), total, problem: null };
  } catch (err) {
    // Grammar-valid filters the store still refuses (e.g. an unknown attribute) are shown the same way.
    if (err instanceof DomainError && err.kind === 'invalid')
      return { ...base, rows: [] as RunRow[], total: 0, problem: { message: err.message, position: null } };
    throw err;
  }
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
