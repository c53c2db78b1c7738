'use client';

import { type FormEvent, useId, useState } from 'react';
import { Button } from '@/components/ui/button';
import { FilterSyntaxError, parseSearchFilter } from '@/lib/tracking/search-filter';

type Problem = { message: string; position: number | null };

function check(filter: string): Problem | null {
  try {
    parseSearchFilter(filter);
    return null;
  } catch (err) {
    if (err instanceof FilterSyntaxError) return { message: err.message, position: err.position ?? null };
    throw err;
  }
}

/** The filter, with a caret under the character the parser stopped at. */
function ProblemSnippet({ filter, problem }: { filter: string; problem: Problem }) {
  if (problem.position === null || problem.position > filter.length) return null;
  const at = problem.position;
  return (
    <pre aria-hidden="true" className="mt-1 overflow-x-auto font-mono text-xs leading-5">
      {filter.slice(0, at)}
      <mark className="rounded-sm bg-red-200 text-red-900 dark:bg-red-900 dark:text-red-100">
        {filter.slice(at, at + 1) || ' '}
      </mark>
      {filter.slice(at + 1)}
      {'\n'}
      {' '.repeat(at)}^
    </pre>
  );
}

/**
 * The MLflow search box. A filter is checked with the same parser the server uses, so a mistake is
 * explained (with its position) before any request; a filter from the URL that fails shows the server's reason.
 */
export function FilterBox({
  initial,
  serverProblem,
  onApply,
}: {
  initial: string;
  serverProblem: Problem | null;
  onApply: (filter: string) => void;
}) {
  const id = useId();
  const [draft, setDraft] = useState(initial);
  const [submitted, setSubmitted] = useState(false);
  // Checked live only after a first Apply, so half-typed clauses are not flagged while typing.
  const localProblem = submitted ? check(draft) : null;
  const problem = localProblem ?? (draft === initial ? serverProblem : null);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setSubmitted(true);
    if (!check(draft)) onApply(draft.trim());
  };
  return (
    <form role="search" aria-label="Filter runs" onSubmit={submit} className="flex flex-col gap-1">
      <label htmlFor={id} className="text-sm font-medium text-zinc-800 dark:text-zinc-200">
        Filter runs
      </label>
      <div className="flex gap-2">
        <input
          id={id}
          type="search"
          value={draft}
          onChange={(e) => setDraft(e.target.value)}
          spellCheck={false}
          autoComplete="off"
          placeholder="metrics.acc > 0.9 and params.lr = '0.01'"
          aria-invalid={problem ? true : undefined}
          aria-describedby={`${id}-hint ${id}-error`}
          className="w-full rounded-md border border-zinc-300 bg-white px-2.5 py-1.5 font-mono text-sm text-zinc-900 placeholder:text-zinc-500 focus:border-indigo-500 focus:outline-none focus:ring-2 focus:ring-indigo-500/30 aria-[invalid=true]:border-red-600 dark:border-zinc-600 dark:bg-zinc-900 dark:text-zinc-100 dark:placeholder:text-zinc-400"
        />
        <Button type="submit">Apply</Button>
        {(draft || initial) && (
          <Button
            variant="ghost"
            onClick={() => {
              setDraft('');
              setSubmitted(false);
              if (initial) onApply('');
            }}
          >
            Clear
          </Button>
        )}
      </div>
      <p id={`${id}-hint`} className="text-xs text-zinc-600 dark:text-zinc-400">
        MLflow search syntax: <code>metrics.&lt;key&gt;</code>, <code>params.&lt;key&gt;</code>,{' '}
        <code>tags.&lt;key&gt;</code>, <code>attributes.status</code> / <code>run_name</code> / <code>start_time</code>;
        compare with = != &lt; &gt; LIKE ILIKE IN; join clauses with <code>and</code>. Strings in quotes:{' '}
        <code>params.lr = &apos;0.01&apos;</code>.
      </p>
      <div id={`${id}-error`} aria-live="polite">
        {problem && (
          <div
            role="alert"
            className="rounded-md border border-red-300 bg-red-50 px-3 py-2 text-sm text-red-800 dark:border-red-800 dark:bg-red-950 dark:text-red-200"
          >
            <p>
              <span className="font-semibold">Filter not applied: </span>
              {problem.message}
            </p>
            <ProblemSnippet filter={draft} problem={problem} />
          </div>
        )}
      </div>
    </form>
  );
}
