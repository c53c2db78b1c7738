'use client';

import Link from 'next/link';
import { useSelectedLayoutSegment } from 'next/navigation';
import { useEffect, useRef, useState } from 'react';
import { cn } from '@/components/ui/cn';
import { CommandPaletteButton } from './command-palette';

// Sections appear here as they are built; each links to a real page.
// `also`: segments of pages that belong to the section (runs and compare are reached from experiments).
export const PROJECT_SECTIONS: ReadonlyArray<{ segment: string | null; label: string; also?: readonly string[] }> = [
  { segment: null, label: 'Overview' },
  { segment: 'metrics', label: 'Success metrics' },
  { segment: 'risks', label: 'Risks' },
  { segment: 'problem', label: 'Problem' },
  { segment: 'board', label: 'Board', also: ['backlog', 'sprints'] },
  { segment: 'experiments', label: 'Experiments', also: ['runs', 'compare'] },
  { segment: 'models', label: 'Models' },
  { segment: 'datasets', label: 'Datasets' },
  { segment: 'monitoring', label: 'Monitoring' },
  { segment: 'ab-tests', label: 'A/B tests' },
  { segment: 'report', label: 'Report' },
  { segment: 'activity', label: 'Activity' },
  { segment: 'settings', label: 'Settings' },
];

const NAV_ID = 'project-sections';

/**
 * The project's sections: a sidebar from the md breakpoint up; below it a "Menu" button opens the same list
 * as a drawer over the page (Escape, the backdrop, the close button or following a link close it, and focus
 * goes back to the button).
 */
export function ProjectNav({ slug, name }: { slug: string; name: string }) {
  const active = useSelectedLayoutSegment();
  const [open, setOpen] = useState(false);
  const menuButton = useRef<HTMLButtonElement>(null);
  const nav = useRef<HTMLElement>(null);

  useEffect(() => {
    if (!open) return;
    nav.current?.querySelector<HTMLElement>('a')?.focus();
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'Escape') return;
      setOpen(false);
      menuButton.current?.focus();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [open]);

  const close = () => {
    setOpen(false);
    menuButton.current?.focus();
  };

  return (
    <>
      <div className="no-print flex items-center gap-2 border-b border-zinc-200 bg-white px-4 py-2 md:hidden dark:border-zinc-800 dark:bg-zinc-900">
        <button
          ref={menuButton}
          type="button"
          aria-expanded={open}
          aria-controls={NAV_ID}
          onClick={() => setOpen((o) => !o)}
          className="rounded-md border border-zinc-300 px-3 py-1.5 text-sm font-medium text-zinc-800 hover:bg-zinc-50 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-500 dark:border-zinc-600 dark:text-zinc-100 dark:hover:bg-zinc-800"
        >
          Menu
        </button>
        <span className="truncate text-sm font-semibold text-zinc-700 dark:text-zinc-300">{name}</span>
        <CommandPaletteButton className="ml-auto flex" />
      </div>
      {open && <div aria-hidden="true" className="fixed inset-0 z-40 bg-black/40 md:hidden" onClick={close} />}
      <nav
        ref={nav}
        id={NAV_ID}
        aria-label={`${name} sections`}
        className={cn(
          'no-print w-52 shrink-0 border-r border-zinc-200 bg-white p-3 md:block dark:border-zinc-800 dark:bg-zinc-900',
          open
            ? 'fixed inset-y-0 left-0 z-50 w-64 overflow-y-auto shadow-xl md:static md:w-52 md:shadow-none'
            : 'hidden',
        )}
      >
        <div className="mb-2 flex items-center justify-between gap-2 px-2">
          <p className="truncate text-xs font-semibold uppercase tracking-wide text-zinc-500 dark:text-zinc-400">
            {name}
          </p>
          {open && (
            <button
              type="button"
              onClick={close}
              className="rounded px-2 py-1 text-sm text-zinc-700 hover:bg-zinc-100 focus-visible:outline-2 focus-visible:outline-indigo-500 md:hidden dark:text-zinc-200 dark:hover:bg-zinc-800"
            >
              Close menu
            </button>
          )}
        </div>
        <CommandPaletteButton className="mb-3 hidden w-full justify-between md:flex" />
        <ul className="flex flex-col gap-0.5">
          {PROJECT_SECTIONS.map((s) => (
            <li key={s.label}>
              <Link
                href={s.segment ? `/${slug}/${s.segment}` : `/${slug}`}
                onClick={() => setOpen(false)}
                aria-current={
                  active === s.segment || (active !== null && s.also?.includes(active)) ? 'page' : undefined
                }
                className="block rounded-md px-2 py-1.5 text-sm text-zinc-700 hover:bg-zinc-100 aria-[current=page]:bg-indigo-50 aria-[current=page]:font-semibold aria-[current=page]:text-indigo-800 dark:text-zinc-300 dark:hover:bg-zinc-800 dark:aria-[current=page]:bg-indigo-950 dark:aria-[current=page]:text-indigo-200"
              >
                {s.label}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
    </>
  );
}
