import { EmptyState } from '@/components/ui/empty-state';
import { LocalTime } from '@/components/ui/local-time';
import type { ModelStage } from '@/lib/registry/vocabulary';
import { StageBadge } from './stage-badge';

type Entry = {
  id: number;
  kind: string;
  version: number;
  fromStage: ModelStage | null;
  toStage: ModelStage | null;
  alias: string | null;
  reason: string;
  createdAt: Date;
  userName: string | null;
};

const VERB: Record<string, string> = {
  promote: 'moved',
  rollback: 'rolled back',
  archive: 'archived',
  alias: 'set alias',
  'remove-alias': 'removed alias',
};

export function TransitionTimeline({ entries }: { entries: Entry[] }) {
  if (entries.length === 0)
    return (
      <EmptyState
        title="No transitions yet"
        hint="Promote a version to Staging or Production from its Actions menu to start the timeline."
        action={{ href: '#versions', label: 'Promote a version' }}
      />
    );
  return (
    <ol className="relative ml-2 border-l border-zinc-300 dark:border-zinc-600" aria-label="Model timeline">
      {entries.map((e) => (
        <li key={e.id} className="mb-4 ml-4">
          <span
            aria-hidden
            className={`absolute -left-1.5 mt-1.5 h-3 w-3 rounded-full ${e.kind === 'rollback' ? 'bg-red-600' : 'bg-indigo-600'}`}
          />
          <p className="text-sm">
            <span className="font-medium">{e.userName ?? 'system'}</span> {VERB[e.kind] ?? e.kind}{' '}
            <span className="font-medium">version {e.version}</span>
            {e.alias && <> @{e.alias}</>}
            {e.toStage && (
              <>
                {' '}
                {e.fromStage && <StageBadge stage={e.fromStage} />} → <StageBadge stage={e.toStage} />
              </>
            )}
          </p>
          {e.reason && <p className="text-sm text-zinc-700 dark:text-zinc-300">“{e.reason}”</p>}
          <span className="text-xs text-zinc-500 dark:text-zinc-400">
            <LocalTime value={e.createdAt} />
          </span>
        </li>
      ))}
    </ol>
  );
}
