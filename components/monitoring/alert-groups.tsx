import Link from 'next/link';
import { Flag } from '@/components/success-metrics/status-badge';
import { formatUtcDay } from '@/lib/format';
import { ALERT_KIND_LABELS } from '@/lib/monitoring/vocabulary';
import type { AlertGroup } from '@/lib/overview/health';

/** Unresolved alerts, one row per model and kind with how many there are, linking to the model's alerts. */
export function AlertGroupList({ project, groups }: { project: string; groups: AlertGroup[] }) {
  return (
    <ul aria-label="Alerts by model and kind" className="flex flex-col gap-2">
      {groups.map((g) => (
        <li key={`${g.model}-${g.kind}`} className="text-sm">
          <span className="flex flex-wrap items-center gap-2">
            <Flag tone={g.severity === 'critical' ? 'red' : 'amber'}>{g.severity}</Flag>
            <Link
              className="font-medium text-indigo-700 underline dark:text-indigo-400"
              href={`/${project}/monitoring/${encodeURIComponent(g.model)}`}
            >
              {g.model}
            </Link>
            <span>
              {ALERT_KIND_LABELS[g.kind]} × {g.count}
            </span>
            <span className="text-zinc-600 dark:text-zinc-400">
              {g.open} open · {g.acknowledged} acknowledged · last seen {formatUtcDay(g.lastSeenAt)}
            </span>
          </span>
          <span className="block break-words text-zinc-700 dark:text-zinc-300">{g.subjects.join(', ')}</span>
        </li>
      ))}
    </ul>
  );
}
