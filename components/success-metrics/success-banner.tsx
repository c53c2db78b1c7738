import Link from 'next/link';
import { cn } from '@/components/ui/cn';

/** Project success = every primary metric achieved; the banner names those that are not. */
export function SuccessBanner({
  project,
  success,
}: {
  project: string;
  success: { success: boolean; primaryCount: number; missing: string[] };
}) {
  const tone = success.success
    ? 'border-emerald-300 bg-emerald-50 text-emerald-900 dark:border-emerald-800 dark:bg-emerald-950 dark:text-emerald-100'
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
      ) : (
        <p>
          <strong>Project success: not yet.</strong> {success.missing.length} of {success.primaryCount} primary{' '}
          {success.primaryCount === 1 ? 'metric is' : 'metrics are'} not achieved: {success.missing.join(', ')}.
        </p>
      )}
    </div>
  );
}
