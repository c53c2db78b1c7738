'use client';

import { DataTable } from '@/components/ui/data-table';
import type { EmptyAction } from '@/components/ui/empty-state';
import { type BurnPoint, type VelocityPoint, completionRate } from '@/lib/board/burndown';
import { formatDay } from '@/lib/format';

export function DailyNumbersTable({
  project,
  sprint,
  series,
}: {
  project: string;
  sprint: string;
  series: BurnPoint[];
}) {
  return (
    <DataTable
      caption={`Daily numbers of ${sprint}`}
      columns={[
        { key: 'day', header: 'Day', value: (p) => p.day, render: (p) => formatDay(p.day) },
        { key: 'scope', header: 'Scope (pts)', value: (p) => p.scope },
        { key: 'completed', header: 'Completed (pts)', value: (p) => p.completed },
        { key: 'remaining', header: 'Remaining (pts)', value: (p) => p.remaining },
        { key: 'ideal', header: 'Ideal remaining (pts)', value: (p) => p.ideal },
      ]}
      rows={series}
      rowKey={(p) => p.day}
      exportName={`${project}-${sprint.toLowerCase().replace(/[^a-z0-9]+/g, '-')}-burndown`}
      empty={{ title: 'No days to show', hint: 'Give the sprint a start and an end date.' }}
    />
  );
}

export function VelocityTable({
  project,
  points,
  emptyAction,
}: {
  project: string;
  points: VelocityPoint[];
  emptyAction?: EmptyAction;
}) {
  return (
    <DataTable
      caption="Velocity per sprint"
      columns={[
        { key: 'sprint', header: 'Sprint', value: (p) => p.sprint },
        { key: 'committed', header: 'Committed (pts)', value: (p) => p.committed },
        { key: 'completed', header: 'Completed (pts)', value: (p) => p.completed },
        {
          key: 'rate',
          header: 'Completed of committed',
          value: (p) => (completionRate(p) === null ? '' : `${completionRate(p)}%`),
        },
      ]}
      rows={points}
      rowKey={(p) => p.sprint}
      exportName={`${project}-velocity`}
      empty={{
        title: 'No closed sprints yet',
        hint: 'Velocity appears once a sprint is closed: close the active sprint at its end on this page.',
        action: emptyAction,
      }}
    />
  );
}
