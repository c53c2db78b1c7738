'use client';

import { type FormEvent, type KeyboardEvent, useId, useRef, useState } from 'react';
import { Button } from '@/components/ui/button';
import { cn } from '@/components/ui/cn';
import { type RunKeys, completeIdentifier, wordAt } from '@/lib/tracking/key-suggestions';
import { FilterSyntaxError, parseSearchFilter } from '@/lib/tracking/search-filter';

type Problem = { message: string; position: number | null };

function check(filter: string): Problem | null {
  try {
    parseSearchFilter(filter, { numericParams: true });
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
 * While typing an identifier it offers the param, metric and tag keys the runs have (arrow keys, Enter or Tab).
 */
export function FilterBox({
  initial,
  serverProblem,
  keys,
  onApply,
}: {
  initial: string;
  serverProblem: Problem | null;
  keys: RunKeys;
  onApply: (filter: string) => void;
}) {
  const id = useId();
  const input = useRef<HTMLInputElement>(null);
  const [draft, setDraft] = useState(initial);
  const [submitted, setSubmitted] = useState(false);
  const [caret, setCaret] = useState<number | null>(null);
  const [active, setActive] = useState(0);
  // Checked live only after a first Apply, so half-typed clauses are not flagged while typing.
  const localProblem = submitted ? check(draft) : null;
  const problem = localProblem ?? (draft === initial ? serverProblem : null);
  const typed = caret === null ? null : wordAt(draft, caret);
  const options = typed ? completeIdentifier(typed.word, keys) : [];
  const open = options.length > 0;
  const activeIndex = Math.min(active, options.length - 1);
  const follow = () => setCaret(input.current?.selectionStart ?? null);
  const complete = (option: string) => {
    if (!typed) return;
    const rest = draft.slice(typed.start + typed.word.length);
    const next = `${draft.slice(0, typed.start)}${option} ${rest.trimStart()}`;
    const at = typed.start + option.length + 1;
    setDraft(next);
    setCaret(null);
    requestAnimationFrame(() => {
      input.current?.focus();
      input.current?.setSelectionRange(at, at);
    });
  };
  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (!open) return;
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      const step = e.key === 'ArrowDown' ? 1 : -1;
      setActive((activeIndex + step + options.length) % options.length);
    } else if (e.key === 'Enter' || e.key === 'Tab') {
      e.preventDefault();
      complete(options[activeIndex]!);
    } else if (e.key === 'Escape') {
      e.preventDefault();
      setCaret(null);
    }
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setSubmitted(true);
    setCaret(null);
    if (!check(draft)) onApply(draft.trim());
  };
  return (
    <form role="search" aria-label="Filter runs" onSubmit={submit} className="flex flex-col gap-1">
      <label htmlFor={id} className="text-sm font-medium text-zinc-800 dark:text-zinc-200">
        Filter runs
      </label>
      <div className="flex gap-2">
        <div className="relative w-full">
          <input
            ref={input}
            id={id}
            type="search"
            value={draft}
            onChange={(e) => {
              setDraft(e.target.value);
              setActive(0);
              setCaret(e.target.selectionStart);
            }}
            onKeyDown={onKeyDown}
            onKeyUp={(e) => {
              if (e.key === 'ArrowLeft' || e.key === 'ArrowRight' || e.key === 'Home' || e.key === 'End') follow();
            }}
            onClick={follow}
            onBlur={() => setCaret(null)}
            spellCheck={false}
            autoComplete="off"
            aria-autocomplete="list"
            aria-controls={`${id}-keys`}
            aria-activedescendant={open ? `${id}-key-${activeIndex}` : undefined}
            placeholder="metrics.acc > 0.9 and params.lr = '0.01'"
            aria-invalid={problem ? true : undefined}
            aria-describedby={`${id}-hint ${id}-error`}
            className="w-full rounded-md border border-zinc-300 bg-white px-2.5 py-1.5 font-mono text-sm text-zinc-900 placeholder:text-zinc-500 focus:border-indigo-500 focus:outline-none focus:ring-2 focus:ring-indigo-500/30 aria-[invalid=true]:border-red-600 dark:border-zinc-600 dark:bg-zinc-900 dark:text-zinc-100 dark:placeholder:text-zinc-400"
          />
          <ul
            id={`${id}-keys`}
            role="listbox"
            aria-label="Matching keys"
            hidden={!open}
            className="absolute left-0 z-30 mt-1 max-h-64 w-full max-w-md overflow-y-auto rounded-md border border-zinc-300 bg-white py-1 font-mono text-sm shadow-lg dark:border-zinc-600 dark:bg-zinc-900"
          >
            {options.map((option, i) => (
              <li
                key={option}
                id={`${id}-key-${i}`}
                role="option"
                aria-selected={i === activeIndex}
                // mousedown, not click: the input keeps its focus and caret.
                onMouseDown={(e) => {
                  e.preventDefault();
                  complete(option);
                }}
                className={cn(
                  'cursor-pointer px-2.5 py-1 text-zinc-900 dark:text-zinc-100',
                  i === activeIndex && 'bg-indigo-100 dark:bg-indigo-900',
                )}
              >
                {option}
              </li>
            ))}
          </ul>
        </div>
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
        <code>params.lr = &apos;0.01&apos;</code>. Unlike MLflow, params compare as numbers against a number:{' '}
        <code>params.depth &gt; 5</code>.
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
