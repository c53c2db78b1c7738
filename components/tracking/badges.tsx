import { cn } from '@/components/ui/cn';
import { approachLabel } from '@/lib/tracking/run-colors';
import type { RunApproach, RunStatus } from '@/lib/tracking/vocabulary';

// A glyph as well as a colour, so the approaches differ for colour-blind readers and in print;
// the glyphs match the scatter-plot marker shapes (circle / triangle / square / diamond).
const APPROACH_STYLE: Record<RunApproach | 'none', { glyph: string; className: string }> = {
  'data-centric': {
    glyph: '▲',
    className: 'border-teal-300 bg-teal-50 text-teal-800 dark:border-teal-700 dark:bg-teal-950 dark:text-teal-200',
  },
  'model-centric': {
    glyph: '●',
    className:
      'border-violet-300 bg-violet-50 text-violet-800 dark:border-violet-700 dark:bg-violet-950 dark:text-violet-200',
  },
  hybrid: {
    glyph: '■',
    className:
      'border-amber-300 bg-amber-50 text-amber-900 dark:border-amber-700 dark:bg-amber-950 dark:text-amber-200',
  },
  none: {
    glyph: '◆',
    className: 'border-zinc-300 bg-zinc-50 text-zinc-600 dark:border-zinc-600 dark:bg-zinc-800 dark:text-zinc-300',
  },
};

export function ApproachBadge({ approach, compact = false }: { approach: RunApproach | null; compact?: boolean }) {
  const style = APPROACH_STYLE[approach ?? 'none'];
  const label = approachLabel(approach);
  return (
    <span
      className={cn(
        'inline-flex items-center gap-1 whitespace-nowrap rounded-full border px-2 py-0.5 text-xs font-medium',
        style.className,
      )}
      title={compact ? label : undefined}
    >
      <span aria-hidden="true">{style.glyph}</span>
      {compact ? <span className="sr-only">{label}</span> : label}
    </span>
  );
}

const STATUS_STYLE: Record<RunStatus, string> = {
  RUNNING: 'bg-sky-100 text-sky-800 dark:bg-sky-950 dark:text-sky-200',
  SCHEDULED: 'bg-zinc-100 text-zinc-700 dark:bg-zinc-800 dark:text-zinc-300',
  FINISHED: 'bg-emerald-100 text-emerald-800 dark:bg-emerald-950 dark:text-emerald-200',
  FAILED: 'bg-red-100 text-red-800 dark:bg-red-950 dark:text-red-200',
  KILLED: 'bg-orange-100 text-orange-800 dark:bg-orange-950 dark:text-orange-200',
};

export function StatusBadge({ status }: { status: RunStatus }) {
  return (
    <span
      className={cn(
        'inline-flex items-center gap-1 rounded px-1.5 py-0.5 text-xs font-semibold tracking-wide',
        STATUS_STYLE[status],
      )}
    >
      {status === 'RUNNING' && <span aria-hidden="true" className="size-1.5 animate-pulse rounded-full bg-current" />}
      {status}
    </span>
  );
}
