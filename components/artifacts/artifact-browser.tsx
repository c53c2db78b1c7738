'use client';

import { type ReactNode, useCallback, useEffect, useRef, useState } from 'react';
import { fetchJson } from '@/components/live/fetch-json';
import { useUrlState } from '@/components/tracking/use-url-state';
import { buttonClass } from '@/components/ui/button';
import { formatBytes } from '@/lib/format';
import { ArtifactPreview, artifactFileUrl } from './artifact-preview';

export type ArtifactFile = { path: string; name: string; isDir: boolean; size: number | null };
type Listing = { path: string; files: ArtifactFile[] };

export const artifactZipUrl = (base: string, path: string) =>
  `${base}/zip${path ? `?path=${encodeURIComponent(path)}` : ''}`;

const ancestorsOf = (path: string) => {
  const parts = path.split('/').slice(0, -1);
  return parts.map((_, i) => parts.slice(0, i + 1).join('/'));
};

/**
 * A tree of artifact files (folders load when opened) beside a preview of the selected file. The selected
 * file is kept in the URL (`?<param>=path`), so a link opens the same file.
 */
export function ArtifactBrowser({
  base,
  rootFiles,
  label,
  empty,
  param = 'artifact',
  zipLabel = 'Download all (zip)',
}: {
  /** The API base of this artifact root, e.g. /api/projects/p/runs/<id>/artifacts. */
  base: string;
  rootFiles: ArtifactFile[];
  label: string;
  empty: ReactNode;
  param?: string;
  zipLabel?: string;
}) {
  const [selected, setSelected] = useUrlState(
    useCallback((p: URLSearchParams) => p.get(param) ?? '', [param]),
    useCallback(
      (p: URLSearchParams, v: string) => {
        if (v) p.set(param, v);
        else p.delete(param);
        return p;
      },
      [param],
    ),
  );
  const requested = useRef(new Set<string>());
  const [folders, setFolders] = useState<Record<string, ArtifactFile[] | { error: string }>>({
    '': rootFiles,
  });
  const [open, setOpen] = useState<Set<string>>(() => new Set(ancestorsOf(selected)));

  const load = useCallback(
    (dir: string) => {
      if (requested.current.has(dir)) return;
      requested.current.add(dir);
      fetchJson<Listing>(`${base}?path=${encodeURIComponent(dir)}`).then(
        (l) => setFolders((f) => ({ ...f, [dir]: l.files })),
        (err: Error) => {
          requested.current.delete(dir);
          setFolders((f) => ({ ...f, [dir]: { error: err.message } }));
        },
      );
    },
    [base],
  );
  // A shared link to a file deep in the tree opens the folders above it; later selections come from clicks
  // inside folders already open, so only the first selection's folders are loaded here.
  const [linkedFolders] = useState(() => ancestorsOf(selected));
  useEffect(() => {
    for (const dir of linkedFolders) load(dir);
  }, [linkedFolders, load]);

  const toggle = (dir: string) => {
    const next = new Set(open);
    if (next.has(dir)) next.delete(dir);
    else {
      next.add(dir);
      load(dir);
    }
    setOpen(next);
  };

  if (rootFiles.length === 0) return <>{empty}</>;

  const renderFolder = (dir: string, depth: number): ReactNode => {
    const entries = folders[dir];
    if (entries === undefined) {
      return (
        <p className="py-1 text-xs text-zinc-600 dark:text-zinc-400" style={{ paddingLeft: depth * 16 }}>
          Loading…
        </p>
      );
    }
    if ('error' in entries) {
      return (
        <p role="alert" className="py-1 text-xs text-red-700 dark:text-red-400">
          {entries.error}
        </p>
      );
    }
    return (
      <ul role={depth === 0 ? undefined : 'group'} className="text-sm">
        {entries.map((e) => (
          <li key={e.path}>
            {e.isDir ? (
              <>
                <div className="flex items-center gap-1" style={{ paddingLeft: depth * 16 }}>
                  <button
                    type="button"
                    aria-expanded={open.has(e.path)}
                    onClick={() => toggle(e.path)}
                    className="flex min-w-0 flex-1 items-center gap-1 rounded px-1 py-0.5 text-left hover:bg-zinc-100 dark:hover:bg-zinc-800"
                  >
                    <span aria-hidden className="w-3 text-zinc-500">
                      {open.has(e.path) ? '▾' : '▸'}
                    </span>
                    <span className="truncate font-medium">{e.name}/</span>
                  </button>
                  <a
                    href={artifactZipUrl(base, e.path)}
                    download
                    className="shrink-0 rounded px-1 text-xs text-indigo-700 underline dark:text-indigo-400"
                    aria-label={`Download folder ${e.path} as zip`}
                  >
                    zip
                  </a>
                </div>
                {open.has(e.path) && renderFolder(e.path, depth + 1)}
              </>
            ) : (
              <button
                type="button"
                aria-current={selected === e.path ? 'true' : undefined}
                onClick={() => setSelected(e.path)}
                style={{ paddingLeft: depth * 16 + 20 }}
                className={`flex w-full items-center justify-between gap-2 rounded py-0.5 pr-1 text-left hover:bg-zinc-100 dark:hover:bg-zinc-800 ${
                  selected === e.path
                    ? 'bg-indigo-50 font-medium text-indigo-900 dark:bg-indigo-950 dark:text-indigo-100'
                    : ''
                }`}
              >
                <span className="truncate">{e.name}</span>
                <span className="shrink-0 text-xs tabular-nums text-zinc-600 dark:text-zinc-400">
                  {formatBytes(e.size)}
                </span>
              </button>
            )}
          </li>
        ))}
      </ul>
    );
  };

  return (
    <div className="grid gap-4 lg:grid-cols-[minmax(14rem,20rem)_1fr]">
      <nav aria-label={label} className="min-w-0">
        <div className="mb-2 flex flex-wrap gap-2">
          <a href={artifactZipUrl(base, '')} download className={buttonClass('secondary', 'text-xs')}>
            {zipLabel}
          </a>
        </div>
        {renderFolder('', 0)}
      </nav>
      <div className="min-w-0 rounded-md border border-zinc-200 p-3 dark:border-zinc-700">
        {selected ? (
          <>
            <div className="mb-3 flex flex-wrap items-center justify-between gap-2">
              <h3 className="break-all font-mono text-sm font-semibold">{selected}</h3>
              <a href={artifactFileUrl(base, selected, true)} download className={buttonClass('secondary', 'text-xs')}>
                Download
              </a>
            </div>
            <ArtifactPreview key={selected} base={base} path={selected} />
          </>
        ) : (
          <p className="text-sm text-zinc-600 dark:text-zinc-400">Choose a file to preview it here.</p>
        )}
      </div>
    </div>
  );
}
