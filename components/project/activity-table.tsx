'use client';

import { DataTable } from '@/components/ui/data-table';
import { formatDay, formatTimestamp } from '@/lib/format';

type Entry = {
  id: number;
  entityType: string;
  entityId: string;
  action: string;
  changes: Record<string, { from: unknown; to: unknown }>;
  createdAt: Date;
  userName: string | null;
  userEmail: string | null;
};

/** A changed field's value as text; days and instants (stored as ISO) in the one date format. */
function show(v: unknown): string {
  if (v == null || v === '') return '∅';
  if (typeof v !== 'string') return JSON.stringify(v);
  if (/^\d{4}-\d{2}-\d{2}$/.test(v)) return formatDay(v);
  if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?Z$/.test(v)) return formatTimestamp(Date.parse(v));
  return v;
}
const describeChanges = (c: Entry['changes']) =>
  Object.entries(c)
    .map(([field, { from, to }]) => `${field}: ${show(from)} → ${show(to)}`)
    .join('; ');

export function ActivityTable({ project, rows }: { project: string; rows: Entry[] }) {
  return (
    <DataTable
      caption="Activity log"
      exportName={`${project}-activity`}
      rows={rows}
      rowKey={(r) => String(r.id)}
      empty={{
        title: 'Nothing has happened here yet',
        hint: 'Changes to the project, its members and tokens will be listed here as they happen.',
        action: { href: `/${project}/settings#members`, label: 'Add a member' },
      }}
      columns={[
        { key: 'when', header: 'When', value: (r) => r.createdAt },
        { key: 'who', header: 'Who', value: (r) => r.userName ?? r.userEmail ?? 'system' },
        { key: 'entity', header: 'Entity', value: (r) => r.entityType },
        { key: 'action', header: 'Action', value: (r) => r.action },
        {
          key: 'changes',
          header: 'Changes',
          value: (r) => describeChanges(r.changes),
          render: (r) => (
            <ul className="space-y-0.5">
              {Object.entries(r.changes).map(([field, { from, to }]) => (
                <li key={field}>
                  <span className="font-medium">{field}</span>:{' '}
                  <span className="text-zinc-600 dark:text-zinc-400 line-through">{show(from)}</span> → {show(to)}
                </li>
              ))}
            </ul>
          ),
        },
      ]}
    />
  );
}
