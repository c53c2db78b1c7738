import Link from 'next/link';
import { EmptyState } from '@/components/ui/empty-state';
import { type MetricStatus, type MetricTarget, describeTarget } from '@/lib/success-metrics/status';
import { formatValue } from './chart-format';
import { MetricSparkline } from '@/components/charts/lazy-charts';
import { Flag, MetricStatusBadge } from './status-badge';
import { formatDay } from '@/lib/format';

type Card = MetricTarget & {
  id: string;
  name: string;
  unit: string;
  isPrimary: boolean;
  current: number | null;
  status: MetricStatus;
  deadline: string;
  history: Array<{ at: number; value: number }>;
};

/** One card per success metric: status, current against target, and its trend. */
export function Scorecard({ project, metrics }: { project: string; metrics: Card[] }) {
  if (metrics.length === 0)
    return (
      <EmptyState
        title="No success metrics yet"
        hint="Define what success means in Success metrics: a target, a direction and a deadline."
        action={{ href: `/${project}/metrics#new-metric`, label: 'Define a success metric' }}
      />
    );
  return (
    <ul aria-label="Success metric scorecard" className="grid gap-3 sm:grid-cols-2 xl:grid-cols-3">
      {metrics.map((m) => (
        <li key={m.id} className="flex flex-col gap-2 rounded-lg border border-zinc-200 p-3 dark:border-zinc-700">
          <div className="flex items-start justify-between gap-2">
            <Link
              href={`/${project}/metrics/${m.id}`}
              className="font-medium text-indigo-700 hover:underline dark:text-indigo-400"
            >
              {m.name}
            </Link>
            <span className="flex items-center gap-1">
              {m.isPrimary && <Flag tone="indigo">Primary</Flag>}
              <MetricStatusBadge status={m.status} />
            </span>
          </div>
          <div className="flex items-end justify-between gap-2">
            <p className="text-sm">
              <span className="text-xl font-semibold">{formatValue(m.current)}</span>
              {m.current !== null && m.unit ? ` ${m.unit}` : ''}
              <span className="block text-xs text-zinc-600 dark:text-zinc-400">
                target {describeTarget(m, m.unit)} by {formatDay(m.deadline)}
              </span>
            </p>
            <MetricSparkline
              label={`${m.name} trend`}
              points={m.history}
              target={m.direction === 'higher_better' || m.direction === 'lower_better' ? m.target : null}
            />
          </div>
        </li>
      ))}
    </ul>
  );
}
