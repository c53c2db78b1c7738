'use client';

import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useState, useTransition } from 'react';
import { deleteRunViewAction, saveRunViewAction, setDefaultRunViewAction } from '@/app/(app)/[project]/runs/actions';
import { ActionForm, Field } from '@/components/ui/action-form';
import { Button } from '@/components/ui/button';
import { Popover } from '@/components/ui/popover';
import type { SavedViews as SavedViewsData } from '@/server/runs-table';

/**
 * Named views of a runs page (columns, sort, filter): open one, copy its link for a colleague, make it the view
 * this page opens with, or save what is shown now.
 */
export function SavedViews({
  project,
  basePath,
  experimentId,
  query,
  views,
}: {
  project: string;
  basePath: string;
  /** Undefined on the project's All runs page. */
  experimentId?: number;
  /** The view shown now, as URL search params without page or selection. */
  query: string;
  views: SavedViewsData;
}) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [status, setStatus] = useState('');
  const [copied, setCopied] = useState<string | null>(null);
  const scope = { project, experimentId: experimentId ? String(experimentId) : '' };
  const active = views.list.find((v) => v.id === views.activeId);
  const run = (work: () => Promise<{ ok: boolean; message?: string }>) =>
    startTransition(async () => {
      const result = await work();
      setStatus(result.message ?? '');
      if (result.ok) router.refresh();
    });
  const linkOf = (id: string) => `${basePath}?view=${id}`;
  return (
    <Popover
      className="relative text-zinc-800 dark:text-zinc-200"
      summaryClassName="cursor-pointer select-none rounded-md border border-zinc-300 bg-white px-3 py-1.5 text-sm font-medium dark:border-zinc-600 dark:bg-zinc-800"
      summary={active ? `View: ${active.name}` : `Saved views (${views.list.length})`}
    >
      <div className="absolute right-0 z-20 mt-1 flex max-h-[28rem] w-[28rem] max-w-[90vw] flex-col gap-3 overflow-y-auto rounded-md border border-zinc-300 bg-white p-3 shadow-lg dark:border-zinc-600 dark:bg-zinc-900">
        {views.list.length === 0 ? (
          <p className="text-sm text-zinc-600 dark:text-zinc-400">
            No saved views yet. Pick columns, sort and filter, then save them below to come back to them or share them.
          </p>
        ) : (
          <ul aria-label="Saved views" className="flex flex-col divide-y divide-zinc-100 dark:divide-zinc-800">
            {views.list.map((v) => (
              <li key={v.id} className="flex flex-wrap items-center gap-2 py-1.5 text-sm">
                <Link
                  href={linkOf(v.id)}
                  aria-current={v.id === views.activeId ? 'true' : undefined}
                  className="font-medium text-indigo-700 underline-offset-2 hover:underline aria-[current=true]:underline dark:text-indigo-400"
                >
                  {v.name}
                </Link>
                {v.isDefault && (
                  <span className="rounded bg-zinc-100 px-1.5 text-xs dark:bg-zinc-800">your default</span>
                )}
                <span className="text-xs text-zinc-600 dark:text-zinc-400">
                  {v.createdBy === views.userId ? 'by you' : `by ${v.authorName ?? 'a former member'}`}
                </span>
                <span className="ml-auto flex gap-1">
                  <Button
                    variant="ghost"
                    className="px-2 py-0.5 text-xs"
                    aria-label={`Copy link to view ${v.name}`}
                    onClick={() => {
                      void navigator.clipboard?.writeText(`${window.location.origin}${linkOf(v.id)}`).then(() => {
                        setCopied(v.id);
                        setStatus(`Link to “${v.name}” copied.`);
                      });
                    }}
                  >
                    {copied === v.id ? 'Copied' : 'Copy link'}
                  </Button>
                  <Button
                    variant="ghost"
                    className="px-2 py-0.5 text-xs"
                    disabled={pending}
                    aria-label={v.isDefault ? `Stop opening with ${v.name}` : `Open with ${v.name} by default`}
                    onClick={() =>
                      run(() => setDefaultRunViewAction(null, { ...scope, viewId: v.isDefault ? '' : v.id }))
                    }
                  >
                    {v.isDefault ? 'Unset default' : 'Set as default'}
                  </Button>
                  {v.createdBy === views.userId && (
                    <Button
                      variant="ghost"
                      className="px-2 py-0.5 text-xs"
                      disabled={pending}
                      aria-label={`Delete view ${v.name}`}
                      onClick={() => {
                        if (window.confirm(`Delete the view “${v.name}” for everyone?`))
                          run(() => deleteRunViewAction(null, { ...scope, viewId: v.id }));
                      }}
                    >
                      Delete
                    </Button>
                  )}
                </span>
              </li>
            ))}
          </ul>
        )}
        <p aria-live="polite" className="text-xs text-zinc-700 dark:text-zinc-300">
          {status}
        </p>
        <ActionForm
          action={saveRunViewAction}
          label="Save this view"
          hidden={{ ...scope, query }}
          submitLabel="Save view"
          resetOnSuccess
          onSuccess={() => router.refresh()}
          className="border-t border-zinc-200 pt-3 dark:border-zinc-700"
        >
          <Field name="name" label="View name" required placeholder="e.g. Accuracy vs depth" />
          <label className="inline-flex items-center gap-2 text-sm">
            <input type="checkbox" name="makeDefault" className="size-4 accent-indigo-600" />
            Open this page with this view by default
          </label>
        </ActionForm>
      </div>
    </Popover>
  );
}
