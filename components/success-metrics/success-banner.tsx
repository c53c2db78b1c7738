import Link from 'next/link';
import { cn } from '@/components/ui/cn';
import type { projectSuccess } from '@/lib/success-metrics/status';

/** Project success = every primary metric achieved; the banner names those that are not. */
export function SuccessBanner({ project, success }: { project: string; success: ReturnType<typeof projectSuccess> }) {
  // Not reached yet but on track is the plan working, not a warning: the banner agrees with the scorecard below.
  const tone = success.success
    ? 'border-emerald-300 bg-emerald-50 text-emerald-900 dark:border-emerald-800 dark:bg-emerald-950 dark:text-emerald-100'
    : success.primaryCount > 0 && success.behind.length === 0
      ? 'border-zinc-200 bg-white text-zinc-800 dark:border-zinc-700 dark:bg-zinc-900 dark:text-zinc-200'
      : 'border-amber-300 bg-amber-50 text-amber-950 dark:border-amber-700 dark:bg-amber-950 dark:text-amber-100';
  return (
    <div role="status" aria-label="Project success" className={cn('mb-6 rounded-lg border px-4 py-3 text-sm', tone)}>
      {success.success ? (
        <p>
          <strong>Project success: achieved.</strong> Every primary success metric meets its target.
        </p>
      ) : success.primaryCount === 0 ? (
        <p>
          <strong>Project success cannot be judged yet:</strong> no primary success metric is defined.{' '}
          <Link className="underline" href={`/${project}/metrics#new-metric`}>
            Define one
          </Link>
          .
        </p>
      ) : success.behind.length === 0 ? (
        <p>
          <strong>Project success: not reached yet, on track.</strong> {success.missing.length} of{' '}
          {success.primaryCount} primary{' '}
          {success.missing.length === 1
            ? 'metric is short of its target and on track to reach it by its deadline'
            : 'metrics are short of their targets and on track to reach them by their deadlines'}
          : {success.missing.join(', ')}.
        </p>
      ) : (
        <p>
          <strong>Project success: behind.</strong> {success.missing.length} of {success.primaryCount} primary{' '}
          {success.primaryCount === 1 ? 'metric is' : 'metrics are'} not achieved, and {success.behind.length}{' '}
          {success.behind.length === 1 ? 'is' : 'are'} not on track to: {success.behind.join(', ')}.
        </p>
      )}
    </div>
  );
}
