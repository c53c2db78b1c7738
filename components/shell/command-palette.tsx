'use client';

import { useRouter } from 'next/navigation';
import {
  type ReactNode,
  createContext,
  useContext,
  useEffect,
  useEffectEvent,
  useId,
  useState,
  useTransition,
} from 'react';
import { createTaskAction } from '@/app/(app)/[project]/board/actions';
import { fetchJson } from '@/components/live/fetch-json';
import { cn } from '@/components/ui/cn';
import { PROJECT_SECTIONS } from './project-nav';
import { ShellDialog, isTyping } from './shell-dialog';

type Hit = { kind: string; id: string; label: string; detail: string; href: string };
type Item = { key: string; label: string; detail: string } & ({ href: string } | { createTask: string });

const EXTRA_PAGES = [
  { segment: 'backlog', label: 'Backlog' },
  { segment: 'sprints', label: 'Sprints' },
  { segment: 'compare', label: 'Compare runs' },
];

/** Where each "Create …" command takes an editor: the page whose form creates it, opened by the form's anchor. */
const CREATE_COMMANDS = [
  { segment: 'backlog', anchor: 'new-task', label: 'Create task' },
  { segment: 'risks', anchor: 'new-risk', label: 'Create risk' },
  { segment: 'sprints', anchor: 'new-sprint', label: 'Plan a sprint' },
  { segment: 'metrics', anchor: 'new-metric', label: 'Create success metric' },
  { segment: 'ab-tests', anchor: 'new-ab-test', label: 'Create A/B test' },
  { segment: 'models', anchor: 'new-model', label: 'Create model' },
  { segment: 'datasets', anchor: 'new-dataset', label: 'Create dataset version' },
];

const matches = (label: string, query: string) => label.toLowerCase().includes(query.trim().toLowerCase());

/**
 * Ctrl-K / ⌘-K: jump to any run, model, risk, task or page of the project, or create something. Typing
 * searches the project (the search API); Enter opens the highlighted result.
 */
const OpenPalette = createContext<() => void>(() => {});

/** The button that opens the palette; the project nav shows one in the sidebar and one in the phone menu bar. */
export function CommandPaletteButton({ className }: { className?: string }) {
  const open = useContext(OpenPalette);
  return (
    <button
      type="button"
      aria-keyshortcuts="Control+K Meta+K"
      onClick={open}
      className={cn(
        'no-print items-center gap-1.5 whitespace-nowrap rounded-md border border-zinc-300 bg-white px-2 py-1 text-sm text-zinc-700 hover:bg-zinc-50 focus-visible:outline-2 focus-visible:outline-indigo-500 dark:border-zinc-600 dark:bg-zinc-900 dark:text-zinc-300 dark:hover:bg-zinc-800',
        className,
      )}
    >
      Go to or create…
      <kbd className="rounded border border-zinc-300 px-1 font-mono text-[11px] dark:border-zinc-600">Ctrl K</kbd>
    </button>
  );
}

export function CommandPalette({ slug, canEdit, children }: { slug: string; canEdit: boolean; children: ReactNode }) {
  const router = useRouter();
  const listId = useId();
  const [open, setOpen] = useState(false);
  const [query, setQuery] = useState('');
  const [hits, setHits] = useState<{ query: string; results: Hit[] } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [active, setActive] = useState(0);
  const [creating, startCreate] = useTransition();
  const openPalette = () => setOpen(true);

  // C, as in Linear: the page's own "New …" form, or a new task in the backlog where the page has none.
  const createFromKey = useEffectEvent((e: KeyboardEvent) => {
    if (!canEdit || isTyping(e.target) || document.querySelector('dialog[open]')) return;
    e.preventDefault();
    const form = document.querySelector<HTMLElement>('main [id^="new-"]');
    openForm(form ? `${window.location.pathname}#${form.id}` : `/${slug}/backlog#new-task`);
  });
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.altKey || e.shiftKey) return;
      if (e.key.toLowerCase() === 'k' && (e.ctrlKey || e.metaKey)) {
        e.preventDefault();
        setOpen(true);
      } else if (e.key === 'c' && !e.ctrlKey && !e.metaKey) createFromKey(e);
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, []);

  /** Goes to a page's create form: its anchor opens the "New …" dialog, which focuses the form's first field. */
  function openForm(href: string) {
    const [path, anchor] = href.split('#');
    if (!anchor || path !== window.location.pathname) return router.push(href);
    // Already on the page: a new hash fires hashchange, which a "New …" dialog opens on.
    window.history.replaceState(window.history.state, '', path + window.location.search);
    window.location.hash = anchor;
  }

  const text = query.trim();
  useEffect(() => {
    if (!open || !text) return;
    let current = true;
    const timer = setTimeout(() => {
      fetchJson<{ results: Hit[] }>(`/api/projects/${encodeURIComponent(slug)}/search?q=${encodeURIComponent(text)}`)
        .then(({ results }) => {
          if (!current) return;
          setHits({ query: text, results });
          setError(null);
        })
        .catch((err: unknown) => current && setError(err instanceof Error ? err.message : 'Search failed.'));
    }, 120);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [open, slug, text]);

  const pages: Item[] = [...PROJECT_SECTIONS, ...EXTRA_PAGES]
    .filter((p) => matches(p.label, query))
    .map((p) => ({
      key: `page-${p.label}`,
      label: p.label,
      detail: 'Page',
      href: p.segment ? `/${slug}/${p.segment}` : `/${slug}`,
    }));
  const found: Item[] =
    text && hits?.query === text ? hits.results.map((h) => ({ key: `${h.kind}-${h.id}`, ...h })) : [];
  // A command the text names comes before "Create task “…”", so typing "create risk" and Enter opens the form.
  const creates: Item[] = canEdit
    ? [
        ...CREATE_COMMANDS.filter((c) => matches(c.label, query)).map((c) => ({
          key: `create-${c.segment}`,
          label: c.label,
          detail: 'Command',
          href: `/${slug}/${c.segment}#${c.anchor}`,
        })),
        ...(text
          ? [
              {
                key: 'create-task-now',
                label: `Create task “${text}”`,
                detail: 'Adds it to the backlog',
                createTask: text,
              },
            ]
          : []),
      ]
    : [];
  const items = [...found, ...pages, ...creates];
  const selected = Math.min(active, Math.max(0, items.length - 1));
  const searching = Boolean(text) && hits?.query !== text && !error;

  function close() {
    setOpen(false);
    setQuery('');
    setHits(null);
    setError(null);
    setActive(0);
  }

  function choose(item: Item | undefined) {
    if (!item) return;
    if ('href' in item) {
      close();
      openForm(item.href);
      return;
    }
    startCreate(async () => {
      const result = await createTaskAction(null, {
        project: slug,
        title: item.createTask,
        status: 'backlog',
        priority: 3,
        effort: 1,
      });
      if (!result.ok) {
        setError(result.fieldErrors?.title?.join(' ') ?? result.message);
        return;
      }
      close();
      router.push(`/${slug}/board/tasks/${(result.data as { id: string }).id}`);
    });
  }

  const optionId = (i: number) => `${listId}-option-${i}`;
  return (
    <OpenPalette.Provider value={openPalette}>
      {children}
      <ShellDialog open={open} onClose={close} label="Command palette">
        <div className="border-b border-zinc-200 p-3 dark:border-zinc-700">
          <input
            autoFocus
            role="combobox"
            aria-label="Search runs, models, risks, tasks and pages, or type a command"
            aria-expanded="true"
            aria-controls={listId}
            aria-autocomplete="list"
            aria-activedescendant={items.length ? optionId(selected) : undefined}
            value={query}
            onChange={(e) => {
              setQuery(e.target.value);
              setActive(0);
            }}
            onKeyDown={(e) => {
              if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
                e.preventDefault();
                const step = e.key === 'ArrowDown' ? 1 : -1;
                setActive((selected + step + items.length) % Math.max(1, items.length));
              } else if (e.key === 'Enter') {
                e.preventDefault();
                if (!searching) choose(items[selected]);
              }
            }}
            placeholder="Jump to… or create…"
            className="w-full rounded-md border border-zinc-300 bg-white px-3 py-2 text-sm placeholder:text-zinc-500 focus:border-indigo-500 focus:outline-none focus:ring-2 focus:ring-indigo-500/30 dark:border-zinc-600 dark:bg-zinc-950 dark:placeholder:text-zinc-400"
          />
        </div>
        <ul id={listId} role="listbox" aria-label="Results" className="max-h-[50vh] overflow-y-auto p-1">
          {items.map((item, i) => (
            <li
              key={item.key}
              id={optionId(i)}
              role="option"
              aria-selected={i === selected}
              onMouseMove={() => setActive(i)}
              onClick={() => choose(item)}
              className={cn(
                'flex cursor-pointer items-baseline justify-between gap-3 rounded px-3 py-2 text-sm',
                i === selected && 'bg-indigo-50 text-indigo-900 dark:bg-indigo-950 dark:text-indigo-100',
              )}
            >
              <span className="min-w-0 break-words">{item.label}</span>
              <span className="shrink-0 text-xs text-zinc-600 dark:text-zinc-400">{item.detail}</span>
            </li>
          ))}
        </ul>
        <p
          aria-live="polite"
          className="min-h-5 border-t border-zinc-200 px-4 py-2 text-xs text-zinc-600 dark:border-zinc-700 dark:text-zinc-400"
        >
          {error ??
            (creating
              ? 'Creating…'
              : searching
                ? 'Searching…'
                : items.length === 0
                  ? `Nothing matches “${text}”.`
                  : `${items.length} ${items.length === 1 ? 'result' : 'results'}. ↑ ↓ to choose, Enter to open, Esc to close.`)}
        </p>
      </ShellDialog>
    </OpenPalette.Provider>
  );
}
