'use client';

import { DataTable } from '@/components/ui/data-table';

type Row = { id: number; value: number; note: string; recordedAt: Date; userName: string | null };

export function CheckInsTable({
  project,
  metric,
  rows,
  canEdit,
}: {
  project: string;
  metric: string;
  rows: Row[];
  canEdit: boolean;
}) {
  return (
    <DataTable
      caption={`Check-ins of ${metric}`}
      exportName={`${project}-${metric}-check-ins`}
      rows={rows}
      rowKey={(r) => String(r.id)}
      empty={{
        title: 'No check-ins yet',
        hint: canEdit ? 'Check in the first measured value above.' : 'An editor checks in measured values here.',
      }}
      columns={[
        { key: 'at', header: 'Measured', value: (r) => r.recordedAt },
        { key: 'value', header: 'Value', value: (r) => r.value },
        { key: 'note', header: 'Note', value: (r) => r.note },
        { key: 'by', header: 'By', value: (r) => r.userName },
      ]}
    />
  );
}
