import Link from 'next/link';
import { buttonClass } from './button';

/** What to do next from an empty list: a link to the page or form where it is done. */
export type EmptyAction = { href: string; label: string };

/**
 * Where anything an MLflow client or the prediction API writes (runs, metrics, artifacts, model versions,
 * predictions) gets its start: the API tokens section of Settings, with the client setup to paste.
 */
export function logFromCodeAction(project: string): EmptyAction {
  return { href: `/${project}/settings#tokens`, label: 'Log from code' };
}

/** The button-styled link of an empty state, also for empty sections that explain more than a line. */
export function EmptyActionLink({ action }: { action: EmptyAction }) {
  // A same-page hash link stays a plain anchor so the browser fires hashchange (which opens a "New …" dialog).
  return action.href.startsWith('#') ? (
    <a href={action.href} className={buttonClass('secondary', 'mt-3')}>
      {action.label}
    </a>
  ) : (
    <Link href={action.href} className={buttonClass('secondary', 'mt-3')}>
      {action.label}
    </Link>
  );
}

export function EmptyState({ title, hint, action }: { title: string; hint: string; action?: EmptyAction }) {
  return (
    <div className="rounded-lg border border-dashed border-zinc-300 p-6 text-center dark:border-zinc-600">
      <p className="font-medium text-zinc-900 dark:text-zinc-100">{title}</p>
      <p className="mt-1 text-sm text-zinc-600 dark:text-zinc-400">{hint}</p>
      {action && <EmptyActionLink action={action} />}
    </div>
  );
}
