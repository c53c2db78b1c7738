import { cn } from '@/components/ui/cn';
import { LIFECYCLE_STAGES, type LifecycleStage, STAGE_LABELS } from '@/lib/domain';

export function LifecycleStepper({ stage }: { stage: LifecycleStage }) {
  const current = LIFECYCLE_STAGES.indexOf(stage);
  return (
    <ol aria-label="Lifecycle stage" className="flex flex-wrap gap-2">
      {LIFECYCLE_STAGES.map((s, i) => (
        <li
          key={s}
          aria-current={i === current ? 'step' : undefined}
          className={cn(
            'flex items-center gap-2 rounded-full border px-3 py-1 text-sm',
            i < current &&
              'border-emerald-300 bg-emerald-50 text-emerald-800 dark:border-emerald-800 dark:bg-emerald-950 dark:text-emerald-200',
            i === current && 'border-indigo-500 bg-indigo-600 font-semibold text-white',
            i > current && 'border-zinc-300 text-zinc-600 dark:border-zinc-600 dark:text-zinc-400',
          )}
        >
          <span aria-hidden>{i < current ? '✓' : i + 1}</span>
          {STAGE_LABELS[s]}
        </li>
      ))}
    </ol>
  );
}
