import { cn } from '@/components/ui/cn';
import type { ModelStage } from '@/lib/registry/vocabulary';

const STYLES: Record<ModelStage, string> = {
  None: 'bg-zinc-100 text-zinc-700 dark:bg-zinc-800 dark:text-zinc-300',
  Staging: 'bg-amber-100 text-amber-900 dark:bg-amber-900/50 dark:text-amber-200',
  Production: 'bg-emerald-100 text-emerald-900 dark:bg-emerald-900/50 dark:text-emerald-200',
  Archived: 'bg-zinc-200 text-zinc-600 line-through dark:bg-zinc-700 dark:text-zinc-300',
};

export function StageBadge({ stage }: { stage: ModelStage }) {
  return (
    <span className={cn('inline-block rounded-full px-2 py-0.5 text-xs font-medium', STYLES[stage])}>{stage}</span>
  );
}
