'use client';

import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useOptimistic, useTransition } from 'react';
import { Button, buttonClass } from '@/components/ui/button';
import { cn } from '@/components/ui/cn';
import { EmptyState, logFromCodeAction } from '@/components/ui/empty-state';
import { formatCount } from '@/lib/format';
import {
  MAX_SELECTED,
  PAGE_SIZES,
  type RunsView,
  emptyRunsView,
  nextSort,
  parseRunsView,
  runsViewHref,
  runsViewToParams,
  savedViewParams,
  updateRunsView,
  parseGroup,
} from '@/lib/tracking/runs-view';
import type { UnknownKey } from '@/lib/tracking/key-suggestions';
import { type RunGroup, groupClause, narrowFilter } from '@/lib/tracking/run-groups';
import type { FilterProblem, RunRow, SavedViews as SavedViewsData } from '@/server/runs-table';
import { ColumnChooser } from './column-chooser';
import { FilterBox } from './filter-box';
import { RunGroupsSection } from './run-groups-section';
import { RunsCharts, useRunsCharts } from './runs-charts';
import { RunsFilters } from './runs-filters';
import { RunsGrid } from './runs-grid';
import { SavedViews } from './saved-views';
import { useUrlState } from './use-url-state';

const readSelection = (p: URLSearchParams) => parseRunsView(p).selected;
const writeSelection = (p: URLSearchParams, ids: string[]) => {
  if (ids.length) p.set('sel', ids.join(','));
  else p.delete('sel');
  return p;
};

export type RunsExplorerProps = {
  project: string;
  basePath: string;
  view: RunsView;
  rows: RunRow[];
  total: number;
  columns: string[];
  keys: { params: string[]; metrics: string[]; tags: string[] };
  problem: FilterProblem | null;
  /** Filter keys no run has, with the closest existing key (only when nothing matched). */
  unknownKeys: UnknownKey[];
  savedViews: SavedViewsData;
  /** Offered as a filter (and shown as a column) only across experiments. */
  experiments?: { id: number; name: string }[];
  /** The experiment a page is fixed to, for the export link. */
  experimentId?: number;
  /** The matching runs grouped by `view.group`, when the view groups them. */
  groups: RunGroup[] | null;
};

/** Search, filter, sort, page, pick columns, select and export runs — all of it kept in the URL. */
export function RunsExplorer({
  project,
  basePath,
  view,
  rows,
  total,
  columns,
  keys,
  problem,
  unknownKeys,
  savedViews,
  experiments,
  experimentId,
  groups,
}: RunsExplorerProps) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  // The ticked boxes come from the URL, not the server's view: Back and Forward restore a page rendered before
  // later ticks (which only replace the URL), and the boxes must match the URL the person sees.
  const [selected, setSelected] = useUrlState(readSelection, writeSelection);
  const current = { ...view, selected };
  const go = (patch: Partial<RunsView>) =>
    startTransition(() => router.push(runsViewHref(basePath, updateRunsView(current, patch)), { scroll: false }));
  // The column boxes answer the click at once; the table follows when the server has the new columns.
  const [chosenColumns, showChosenColumns] = useOptimistic(columns);
  const chooseColumns = (cols: string[]) =>
    startTransition(() => {
      showChosenColumns(cols);
      router.push(runsViewHref(basePath, updateRunsView(current, { columns: cols })), { scroll: false });
    });
  const charts = useRunsCharts(rows, columns, selected);
  const select = (ids: string[], on: boolean) =>
    setSelected((was) =>
      on ? [...new Set([...was, ...ids])].slice(0, MAX_SELECTED) : was.filter((id) => !ids.includes(id)),
    );
  const exportParams = runsViewToParams({ ...view, columns, selected: [], page: 1 });
  if (experimentId) exportParams.set('exp', String(experimentId));
  const pages = Math.max(1, Math.ceil(total / view.pageSize));
  const first = total === 0 ? 0 : (view.page - 1) * view.pageSize + 1;
  const last = Math.min(total, view.page * view.pageSize);
  const filtered = Boolean(
    view.filter ||
    view.status.length ||
    view.approach.length ||
    view.since ||
    view.from ||
    view.to ||
    view.experiments.length,
  );
  return (
    <div className="flex flex-col gap-4">
      <div className="flex flex-col gap-3 rounded-lg border border-zinc-200 bg-white p-4 dark:border-zinc-700 dark:bg-zinc-900">
        <FilterBox
          key={view.filter}
          initial={view.filter}
          serverProblem={problem}
          keys={keys}
          onApply={(filter) => go({ filter })}
        />
        <RunsFilters view={view} experiments={experiments} groupKeys={keys} onChange={go} />
      </div>
      <div className="flex flex-wrap items-center gap-3">
        <p className="text-sm text-zinc-700 dark:text-zinc-300" aria-live="polite">
          {total === 0
            ? 'No runs'
            : `${formatCount(first)}–${formatCount(last)} of ${formatCount(total)} ${total === 1 ? 'run' : 'runs'}`}
          {pending && <span className="ml-2 text-zinc-600 dark:text-zinc-400">Loading…</span>}
        </p>
        <div className="ml-auto flex flex-wrap items-center gap-2">
          {selected.length > 0 && (
            <Button variant="ghost" onClick={() => select(selected, false)}>
              Clear selection
            </Button>
          )}
          {selected.length >= 2 ? (
            <Link href={`/${project}/compare?runs=${selected.join(',')}`} className={buttonClass('primary')}>
              Compare ({selected.length})
            </Link>
          ) : (
            <span
              className={cn(buttonClass('secondary'), 'cursor-not-allowed opacity-60')}
              aria-disabled="true"
              title="Select at least two runs to compare"
            >
              Compare ({selected.length})
            </span>
          )}
          {!problem && (
            <a
              href={`/api/projects/${project}/runs/export?${exportParams}`}
              download
              className={buttonClass('secondary')}
              title="All matching runs with the chosen columns, not just this page"
            >
              Export CSV
            </a>
          )}
          <ColumnChooser keys={keys} columns={chosenColumns} onChange={chooseColumns} />
          <SavedViews
            project={project}
            basePath={basePath}
            experimentId={experimentId}
            query={savedViewParams({ ...view, columns }).toString()}
            views={savedViews}
          />
        </div>
      </div>
      {savedViews.missing && (
        <p role="status" className="text-sm text-zinc-700 dark:text-zinc-300">
          The saved view in this link no longer exists (its author may have deleted it); showing the standard view.
        </p>
      )}
      {unknownKeys.length > 0 && (
        <div
          role="status"
          className="rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900 dark:border-amber-700 dark:bg-amber-950 dark:text-amber-100"
        >
          {unknownKeys.map((u) => (
            <p key={u.written}>
              No run here has logged <code>{u.written}</code>.{' '}
              {u.suggestion ? (
                <>
                  Did you mean <code>{u.suggestion}</code>?{' '}
                  {view.filter.includes(u.written) && (
                    <Link
                      href={runsViewHref(
                        basePath,
                        updateRunsView(current, { filter: view.filter.split(u.written).join(u.suggestion) }),
                      )}
                      className="font-medium underline"
                    >
                      Filter by {u.suggestion} instead
                    </Link>
                  )}
                </>
              ) : (
                'Pick a key from the suggestions while typing in the filter box.'
              )}
            </p>
          ))}
        </div>
      )}
      {rows.length > 0 && <RunsCharts project={project} charts={charts} />}
      {view.group && groups && rows.length > 0 && (
        <RunGroupsSection
          group={view.group}
          groups={groups}
          columns={columns}
          total={total}
          groupHref={(value) => {
            const clause = groupClause(parseGroup(view.group)!, value);
            return clause
              ? runsViewHref(
                  basePath,
                  updateRunsView(current, { filter: narrowFilter(view.filter, clause), group: null }),
                )
              : null;
          }}
        />
      )}
      {rows.length === 0 ? (
        problem ? null : filtered ? (
          <div className="flex flex-col items-center gap-2">
            <EmptyState
              title="No runs match these filters"
              hint="Loosen the filter, status, approach or time range, or start again from all runs."
              action={{ href: `/${project}/runs`, label: 'Show all runs' }}
            />
            <Link
              href={runsViewHref(basePath, {
                ...emptyRunsView(),
                columns: view.columns,
                sort: view.sort,
                pageSize: view.pageSize,
                selected,
              })}
              className="text-sm text-indigo-700 underline dark:text-indigo-400"
            >
              Clear all filters
            </Link>
          </div>
        ) : (
          <EmptyState
            title="No runs here yet"
            hint="Log a run with an MLflow client (MLFLOW_TRACKING_URI = this server, MLFLOW_TRACKING_TOKEN = a token from Settings); it appears here at once."
            action={logFromCodeAction(project)}
          />
        )
      ) : (
        <div aria-busy={pending} className={cn('transition-opacity', pending && 'opacity-60')}>
          <RunsGrid
            project={project}
            rows={rows}
            columns={columns}
            sort={view.sort}
            showExperiment={!!experiments}
            selected={selected}
            chartColors={charts.colors}
            sortHref={(column) =>
              runsViewHref(basePath, updateRunsView(current, { sort: nextSort(view.sort, column) }))
            }
            onSelect={select}
          />
        </div>
      )}
      {total > 0 && (
        <nav aria-label="Pages" className="flex flex-wrap items-center gap-2 text-sm">
          <PageLink
            href={runsViewHref(basePath, updateRunsView(current, { page: 1 }))}
            disabled={view.page <= 1}
            label="First"
          />
          <PageLink
            href={runsViewHref(basePath, updateRunsView(current, { page: view.page - 1 }))}
            disabled={view.page <= 1}
            label="Previous"
          />
          <span className="px-2 text-zinc-700 dark:text-zinc-300">
            Page {formatCount(view.page)} of {formatCount(pages)}
          </span>
          <PageLink
            href={runsViewHref(basePath, updateRunsView(current, { page: view.page + 1 }))}
            disabled={view.page >= pages}
            label="Next"
          />
          <PageLink
            href={runsViewHref(basePath, updateRunsView(current, { page: pages }))}
            disabled={view.page >= pages}
            label="Last"
          />
          <label className="ml-4 flex items-center gap-2">
            Runs per page
            <select
              value={view.pageSize}
              onChange={(e) => go({ pageSize: Number(e.target.value) })}
              className="rounded-md border border-zinc-300 bg-white px-2 py-1 dark:border-zinc-600 dark:bg-zinc-900"
            >
              {PAGE_SIZES.map((n) => (
                <option key={n} value={n}>
                  {n}
                </option>
              ))}
            </select>
          </label>
        </nav>
      )}
    </div>
  );
}

function PageLink({ href, disabled, label }: { href: string; disabled: boolean; label: string }) {
  if (disabled)
    return (
      <span className={cn(buttonClass('secondary'), 'cursor-not-allowed opacity-50')} aria-disabled="true">
        {label}
      </span>
    );
  return (
    <Link href={href} scroll={false} prefetch={false} className={buttonClass('secondary')}>
      {label}
    </Link>
  );
}
