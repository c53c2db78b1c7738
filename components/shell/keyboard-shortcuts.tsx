'use client';

import { useEffect, useState } from 'react';
import { Button } from '@/components/ui/button';
import { ShellDialog, isTyping } from './shell-dialog';

/** Every shortcut the app has, in one place, so the `?` list cannot drift from what the keys do. */
export const SHORTCUTS: ReadonlyArray<{ area: string; keys: string[]; does: string }> = [
  {
    area: 'Anywhere',
    keys: ['Ctrl K', '⌘ K'],
    does: 'Open the command palette: jump to a run, model, risk, task or page, or create',
  },
  { area: 'Anywhere', keys: ['?'], does: 'Show these keyboard shortcuts' },
  {
    area: 'Anywhere',
    keys: ['C'],
    does: 'Create: open this page’s “New …” form (risk, model, sprint…), or add a task to the backlog',
  },
  { area: 'Anywhere', keys: ['Esc'], does: 'Close a dialog or menu' },
  { area: 'Command palette', keys: ['↑', '↓'], does: 'Move through the results' },
  { area: 'Command palette', keys: ['Enter'], does: 'Open the chosen result or run the command' },
  { area: 'Board', keys: ['Space', 'Enter'], does: 'On a card’s move button: pick the card up, or drop it' },
  { area: 'Board', keys: ['↑', '↓', '←', '→'], does: 'Move a picked-up card within its column or to the next column' },
  { area: 'Board and backlog', keys: ['Esc'], does: 'Put a picked-up card or row back where it was' },
  { area: 'Backlog', keys: ['Space', 'Enter'], does: 'On a row’s rank button: pick the row up, or drop it' },
  { area: 'Backlog', keys: ['↑', '↓'], does: 'Move a picked-up row up or down the ranking' },
];

/** `?` (outside text fields) opens the list of shortcuts; the header button does too. */
export function KeyboardShortcuts() {
  const [open, setOpen] = useState(false);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== '?' || e.ctrlKey || e.metaKey || e.altKey || isTyping(e.target)) return;
      e.preventDefault();
      setOpen(true);
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, []);
  return (
    <>
      <Button variant="ghost" aria-keyshortcuts="?" onClick={() => setOpen(true)}>
        Shortcuts
      </Button>
      <ShellDialog open={open} onClose={() => setOpen(false)} label="Keyboard shortcuts">
        <div className="flex items-center justify-between border-b border-zinc-200 px-4 py-3 dark:border-zinc-700">
          <h2 className="text-base font-semibold">Keyboard shortcuts</h2>
          <Button variant="ghost" onClick={() => setOpen(false)}>
            Close
          </Button>
        </div>
        <table className="w-full text-sm">
          <caption className="sr-only">Keyboard shortcuts</caption>
          <thead className="bg-zinc-50 text-left dark:bg-zinc-800/60">
            <tr>
              <th scope="col" className="px-4 py-2 font-semibold">
                Where
              </th>
              <th scope="col" className="px-4 py-2 font-semibold">
                Keys
              </th>
              <th scope="col" className="px-4 py-2 font-semibold">
                What it does
              </th>
            </tr>
          </thead>
          <tbody className="divide-y divide-zinc-100 dark:divide-zinc-800">
            {SHORTCUTS.map((s) => (
              <tr key={`${s.area}-${s.does}`}>
                <td className="px-4 py-2 align-top text-zinc-700 dark:text-zinc-300">{s.area}</td>
                <td className="px-4 py-2 align-top whitespace-nowrap">
                  {s.keys.map((k, i) => (
                    <span key={k}>
                      {i > 0 && <span className="text-zinc-600 dark:text-zinc-400"> or </span>}
                      <kbd className="rounded border border-zinc-300 bg-zinc-50 px-1.5 py-0.5 font-mono text-xs dark:border-zinc-600 dark:bg-zinc-800">
                        {k}
                      </kbd>
                    </span>
                  ))}
                </td>
                <td className="px-4 py-2 align-top">{s.does}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </ShellDialog>
    </>
  );
}
