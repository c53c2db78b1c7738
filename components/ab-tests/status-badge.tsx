import { cn } from '@/components/ui/cn';

const STYLES = {
  draft: 'bg-zinc-100 text-zinc-800 dark:bg-zinc-800 dark:text-zinc-200',
  running: 'bg-sky-100 text-sky-900 dark:bg-sky-950 dark:text-sky-200',
  stopped: 'bg-zinc-200 text-zinc-800 dark:bg-zinc-700 dark:text-zinc-100',
  shipped: 'bg-emerald-100 text-emerald-900 dark:bg-emerald-950 dark:text-emerald-200',
} as const;

export function StatusBadge({ status, shipped }: { status: 'draft' | 'running' | 'stopped'; shipped: string | null }) {
  const style = shipped ? 'shipped' : status;
  return (
    <span className={cn('inline-block rounded-full px-2 py-0.5 text-xs font-medium', STYLES[style])}>
      {shipped ? `Shipped ${shipped}` : status.charAt(0).toUpperCase() + status.slice(1)}
    </span>
  );
}
