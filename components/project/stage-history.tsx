'use client';

import { DataTable } from '@/components/ui/data-table';
import { type LifecycleStage, STAGE_LABELS } from '@/lib/domain';

type Row = {
  id: number;
  fromStage: LifecycleStage | null;
  toStage: LifecycleStage;
  reason: string;
  createdAt: Date;
  userName: string | null;
};

export function StageHistory({ rows }: { rows: Row[] }) {
  return (
    <DataTable
      caption="Stage history"
      exportName="stage-history"
      rows={rows}
      rowKey={(r) => String(r.id)}
      empty={{ title: 'No stage changes yet', hint: 'Move the project to its next stage in Settings.' }}
      columns={[
        { key: 'when', header: 'When', value: (r) => r.createdAt },
        { key: 'from', header: 'From', value: (r) => (r.fromStage ? STAGE_LABELS[r.fromStage] : '') },
        { key: 'to', header: 'To', value: (r) => STAGE_LABELS[r.toStage] },
        { key: 'who', header: 'By', value: (r) => r.userName },
        { key: 'reason', header: 'Reason', value: (r) => r.reason },
      ]}
    />
  );
}
