import { cn } from '@/components/ui/cn';
import { type MetricStatus, STATUS_LABELS } from '@/lib/success-metrics/status';

const TONES: Record<MetricStatus, string> = {
  achieved:
    'border-emerald-300 bg-emerald-50 text-emerald-800 dark:border-emerald-800 dark:bg-emerald-950 dark:text-emerald-200',
  on_track: 'border-sky-300 bg-sky-50 text-sky-800 dark:border-sky-800 dark:bg-sky-950 dark:text-sky-200',
  at_risk: 'border-amber-300 bg-amber-50 text-amber-900 dark:border-amber-700 dark:bg-amber-950 dark:text-amber-200',
  off_track: 'border-red-300 bg-red-50 text-red-800 dark:border-red-800 dark:bg-red-950 dark:text-red-200',
  no_data: 'border-zinc-300 bg-zinc-50 text-zinc-700 dark:border-zinc-600 dark:bg-zinc-800 dark:text-zinc-300',
};

export function MetricStatusBadge({ status }: { status: MetricStatus }) {
  return (
    <span
      className={cn(
        'inline-block whitespace-nowrap rounded-full border px-2 py-0.5 text-xs font-medium',
        TONES[status],
      )}
    >
      {STATUS_LABELS[status]}
    </span>
  );
}

/** A small pill for flags such as "Primary", "Critical" or "Review overdue". */
export function Flag({ tone, children }: { tone: 'red' | 'amber' | 'indigo' | 'zinc'; children: string }) {
  const tones = {
    red: 'bg-red-700 text-white',
    amber: 'bg-amber-200 text-amber-950 dark:bg-amber-800 dark:text-amber-50',
    indigo: 'bg-indigo-100 text-indigo-900 dark:bg-indigo-900 dark:text-indigo-100',
    zinc: 'bg-zinc-200 text-zinc-800 dark:bg-zinc-700 dark:text-zinc-100',
  };
  return (
    <span
      className={cn(
        'inline-block whitespace-nowrap rounded px-1.5 py-0.5 text-[11px] font-semibold uppercase tracking-wide',
        tones[tone],
      )}
    >
      {children}
    </span>
  );
}
