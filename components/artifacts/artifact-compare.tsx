'use client';

import { useCallback, useId } from 'react';
import { useUrlState } from '@/components/tracking/use-url-state';
import { ArtifactPreview, artifactFileUrl } from './artifact-preview';

type Run = { id: string; name: string; color: string };

/** One artifact path, chosen among those every run has, shown for each run side by side. */
export function ArtifactCompare({ project, runs, paths }: { project: string; runs: Run[]; paths: string[] }) {
  const selectId = useId();
  const [path, setPath] = useUrlState(
    useCallback((p: URLSearchParams) => p.get('artifact') ?? '', []),
    useCallback((p: URLSearchParams, v: string) => {
      if (v) p.set('artifact', v);
      else p.delete('artifact');
      return p;
    }, []),
  );
  if (paths.length === 0) {
    return (
      <p className="text-sm break-words text-zinc-600 dark:text-zinc-400">
        These runs have no artifact file in common. Log the same file name from each run (for example{' '}
        <code className="font-mono">mlflow.log_artifact(&quot;confusion_matrix.png&quot;)</code>) to compare it here.
      </p>
    );
  }
  const chosen = paths.includes(path) ? path : '';
  return (
    <div>
      <label htmlFor={selectId} className="mr-2 text-sm font-medium">
        Artifact
      </label>
      <select
        id={selectId}
        value={chosen}
        onChange={(e) => setPath(e.target.value)}
        className="rounded-md border border-zinc-300 bg-white px-2 py-1 text-sm dark:border-zinc-600 dark:bg-zinc-800"
      >
        <option value="">Choose a file all runs have ({paths.length})</option>
        {paths.map((p) => (
          <option key={p} value={p}>
            {p}
          </option>
        ))}
      </select>
      {chosen && (
        <div
          className="mt-4 grid gap-4"
          style={{ gridTemplateColumns: `repeat(${Math.min(runs.length, 3)}, minmax(0, 1fr))` }}
        >
          {runs.map((r) => {
            const base = `/api/projects/${project}/runs/${r.id}/artifacts`;
            return (
              <section
                key={r.id}
                aria-label={`${chosen} of ${r.name}`}
                className="min-w-0 rounded-md border border-zinc-200 p-3 dark:border-zinc-700"
              >
                <h3 className="mb-2 flex items-center justify-between gap-2 text-sm font-semibold">
                  <span className="flex min-w-0 items-center gap-2">
                    <span
                      aria-hidden
                      className="inline-block h-3 w-3 shrink-0 rounded-full"
                      style={{ background: r.color }}
                    />
                    <span className="truncate">{r.name}</span>
                  </span>
                  <a
                    href={artifactFileUrl(base, chosen, true)}
                    download
                    className="shrink-0 text-xs font-normal text-indigo-700 underline dark:text-indigo-400"
                  >
                    Download
                  </a>
                </h3>
                <ArtifactPreview key={chosen} base={base} path={chosen} />
              </section>
            );
          })}
        </div>
      )}
    </div>
  );
}
