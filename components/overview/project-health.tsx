import Link from 'next/link';
import { cn } from '@/components/ui/cn';
import type { Overview } from '@/db/queries/overview';
import { HEALTH_LABELS, type ProjectHealth } from '@/lib/overview/health';

const TONES: Record<ProjectHealth, string> = {
  on_track:
    'border-emerald-300 bg-emerald-50 text-emerald-900 dark:border-emerald-800 dark:bg-emerald-950 dark:text-emerald-100',
  at_risk: 'border-amber-300 bg-amber-50 text-amber-950 dark:border-amber-700 dark:bg-amber-950 dark:text-amber-100',
  off_track: 'border-red-300 bg-red-50 text-red-900 dark:border-red-800 dark:bg-red-950 dark:text-red-100',
};

/**
 * The one verdict on the project, in the colour of its health, with the reasons it was reached. Whether
 * the primary metrics are achieved is said inside it, so the two can never disagree in colour or words.
 */
export function ProjectHealthBanner({
  project,
  health,
  success,
  stageMismatch,
}: {
  project: string;
  health: Overview['health'];
  success: Overview['success'];
  stageMismatch: string | null;
}) {
  return (
    <div
      role="status"
      aria-label="Project health"
      className={cn('mb-6 rounded-lg border px-4 py-3 text-sm', TONES[health.health])}
    >
      <p>
        <strong>Project health: {HEALTH_LABELS[health.health]}.</strong>{' '}
        {success.success ? (
          'Project success: achieved. Every primary success metric meets its target.'
        ) : success.primaryCount === 0 ? (
          <>
            Project success cannot be judged yet: no primary success metric is defined.{' '}
            <Link className="underline" href={`/${project}/metrics#new-metric`}>
              Define one
            </Link>
            .
          </>
        ) : (
          `Project success: not yet — ${success.missing.length} of ${success.primaryCount} primary ${success.primaryCount === 1 ? 'metric' : 'metrics'} still to reach the target (${success.missing.join(', ')}).`
        )}
      </p>
      <ul aria-label="Why" className="mt-1 list-disc pl-5">
        {health.reasons.map((r) => (
          <li key={r.text}>{r.text}</li>
        ))}
      </ul>
      {stageMismatch && (
        <p className="mt-2">
          <strong>Stage behind:</strong> {stageMismatch}{' '}
          <Link className="underline" href={`/${project}#lifecycle`}>
            Go to Lifecycle
          </Link>
        </p>
      )}
    </div>
  );
}
