'use client';

import { usePathname } from 'next/navigation';
import { type ReactNode, createContext, useContext, useEffect, useId, useRef, useState } from 'react';
import { Button } from './button';
import { cn } from './cn';

type DialogControls = {
  finish: (message?: string) => void;
  /** "Create more" is ticked: a creation form inside clears itself for the next one instead of closing. */
  staysOpen: boolean;
  /** Where a creation form inside keeps what was typed until it is sent, across closing and reloads. */
  draftKey?: string;
};
const DialogContext = createContext<DialogControls | undefined>(undefined);

/**
 * How a form inside a dialog says it is done: ActionForm calls `finish` after a successful action, so the
 * dialog closes and its outcome is announced beside the button that opened it.
 */
export function useDialog(): DialogControls | undefined {
  return useContext(DialogContext);
}

/**
 * A modal on the native <dialog> (showModal): the browser traps focus, makes the page behind inert and closes it
 * on Escape. Its content mounts only while open, so every opening starts with a fresh form and nothing of it sits
 * in the page's reading order while closed. Focus returns to what was focused before it opened.
 */
export function Dialog({
  title,
  description,
  open,
  onClose,
  onFinish,
  draftKey,
  createMore = false,
  children,
}: {
  title: string;
  description?: ReactNode;
  open: boolean;
  onClose: () => void;
  /** Called with the success message when a form inside finishes; the dialog closes. */
  onFinish?: (message?: string) => void;
  draftKey?: string;
  /** Offers "Create more" (as Linear does): while ticked, a success leaves the dialog open for the next one. */
  createMore?: boolean;
  children: ReactNode;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const [more, setMore] = useState(false);
  const returnTo = useRef<HTMLElement | null>(null);
  const id = useId();
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) {
      returnTo.current = document.activeElement instanceof HTMLElement ? document.activeElement : null;
      dialog.showModal();
    } else if (!open && dialog.open) dialog.close();
  }, [open]);
  const staysOpen = createMore && more;
  const controls: DialogControls = {
    finish: (message) => {
      onFinish?.(message);
      if (!staysOpen) onClose();
    },
    staysOpen,
    draftKey,
  };
  return (
    <dialog
      ref={ref}
      aria-labelledby={`${id}-title`}
      aria-describedby={description ? `${id}-description` : undefined}
      onClose={() => {
        onClose();
        if (returnTo.current?.isConnected) returnTo.current.focus();
      }}
      // A click on the backdrop lands on the <dialog> itself (its content fills the box).
      onClick={(e) => {
        if (e.target === e.currentTarget) onClose();
      }}
      className="m-auto max-h-[calc(100dvh-2rem)] w-[min(44rem,calc(100vw-2rem))] overflow-y-auto rounded-lg border border-zinc-200 bg-white p-0 text-zinc-900 shadow-xl backdrop:bg-black/50 dark:border-zinc-700 dark:bg-zinc-900 dark:text-zinc-100"
    >
      {open && (
        <div className="flex flex-col gap-4 p-5">
          <div>
            <h2 id={`${id}-title`} className="text-lg font-semibold text-zinc-900 dark:text-zinc-50">
              {title}
            </h2>
            {description && (
              <p id={`${id}-description`} className="mt-1 text-sm text-zinc-600 dark:text-zinc-400">
                {description}
              </p>
            )}
          </div>
          <DialogContext.Provider value={controls}>{children}</DialogContext.Provider>
          <div className="flex items-center justify-end gap-4 border-t border-zinc-200 pt-3 dark:border-zinc-700">
            {createMore && (
              <label className="mr-auto flex items-center gap-2 text-sm text-zinc-700 dark:text-zinc-300">
                <input
                  type="checkbox"
                  checked={more}
                  onChange={(e) => setMore(e.target.checked)}
                  className="size-4 accent-indigo-600"
                />
                Create more
              </label>
            )}
            <Button variant="ghost" onClick={onClose}>
              Cancel
            </Button>
          </div>
        </div>
      )}
    </dialog>
  );
}

/** Drafts of "New …" forms; sign-out clears them, as they are not tied to the person who typed them. */
export const NEW_DRAFT_PREFIX = 'runboard:new:';

/**
 * A "New …" button that opens its creation form in a Dialog. After the form succeeds the dialog closes and
 * the outcome stays announced beside the button, while the page refreshes to show the new row. With an anchor,
 * what is typed is kept as a draft (per page and form) when the dialog closes or the page reloads, until it is sent.
 */
export function DialogButton({
  label,
  title,
  description,
  variant = 'primary',
  className,
  anchor,
  createMore,
  children,
}: {
  label: string;
  /** An id for links to this form (an empty state's "New …" link): the dialog opens when the URL's hash names it. */
  anchor?: string;
  /** The dialog's heading and accessible name; defaults to the button's label. */
  title?: string;
  description?: ReactNode;
  variant?: 'primary' | 'secondary';
  className?: string;
  /** Offers "Create more" in the dialog, for things made several at a time (tasks). */
  createMore?: boolean;
  children: ReactNode;
}) {
  const [open, setOpen] = useState(false);
  const [outcome, setOutcome] = useState<string>();
  const pathname = usePathname();
  useEffect(() => {
    if (!anchor) return;
    const openIfNamed = () => {
      if (window.location.hash === `#${anchor}`) setOpen(true);
    };
    openIfNamed();
    window.addEventListener('hashchange', openIfNamed);
    return () => window.removeEventListener('hashchange', openIfNamed);
  }, [anchor]);
  return (
    <div id={anchor} className={cn('flex flex-wrap items-center gap-3', className)}>
      {/* Empty, the live region gives back the row's gap, so the button does not sit indented. */}
      <p role="status" aria-live="polite" className="text-sm text-emerald-700 empty:-mr-3 dark:text-emerald-400">
        {outcome}
      </p>
      <Button
        variant={variant}
        aria-haspopup="dialog"
        onClick={() => {
          setOutcome(undefined);
          setOpen(true);
        }}
      >
        {label}
      </Button>
      <Dialog
        title={title ?? label}
        description={description}
        open={open}
        onClose={() => {
          setOpen(false);
          // Clear the hash that opened it, so the same link opens it again.
          if (anchor && window.location.hash === `#${anchor}`)
            window.history.replaceState(window.history.state, '', window.location.pathname + window.location.search);
        }}
        onFinish={setOutcome}
        createMore={createMore}
        draftKey={anchor && `${NEW_DRAFT_PREFIX}${pathname}#${anchor}`}
      >
        {children}
      </Dialog>
    </div>
  );
}
