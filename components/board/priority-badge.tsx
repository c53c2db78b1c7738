import { cn } from '@/components/ui/cn';
import { priorityLabel } from '@/lib/board/vocabulary';

const STYLE: Record<number, string> = {
  1: 'border-red-300 bg-red-50 text-red-800 dark:border-red-800 dark:bg-red-950 dark:text-red-200',
  2: 'border-orange-300 bg-orange-50 text-orange-800 dark:border-orange-800 dark:bg-orange-950 dark:text-orange-200',
  3: 'border-sky-300 bg-sky-50 text-sky-800 dark:border-sky-800 dark:bg-sky-950 dark:text-sky-200',
  4: 'border-zinc-300 bg-zinc-50 text-zinc-700 dark:border-zinc-600 dark:bg-zinc-800 dark:text-zinc-300',
};

/** "P1" with the word beside it for screen readers and a tooltip, so colour is never the only cue. */
export function PriorityBadge({ priority }: { priority: number }) {
  const label = priorityLabel(priority);
  return (
    <span
      title={label}
      className={cn('inline-flex rounded border px-1.5 text-xs font-semibold', STYLE[priority] ?? STYLE[4])}
    >
      <span aria-hidden="true">P{priority}</span>
      <span className="sr-only">{label}</span>
    </span>
  );
}
