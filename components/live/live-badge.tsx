import type { LiveState } from './use-live-events';

const STATE_TEXT: Record<LiveState, string> = {
  connecting: 'Connecting…',
  live: 'Live',
  offline: 'Offline: reload to see changes',
};

export function LiveBadge({ state }: { state: LiveState }) {
  return (
    <span
      className="inline-flex items-center gap-1.5 text-xs text-zinc-600 dark:text-zinc-400"
      title="Changes by others appear here without reloading"
    >
      <span
        aria-hidden="true"
        className={`size-2 rounded-full ${state === 'live' ? 'bg-emerald-500' : state === 'connecting' ? 'bg-amber-400' : 'bg-zinc-400'}`}
      />
      {STATE_TEXT[state]}
    </span>
  );
}
