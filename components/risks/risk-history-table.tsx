'use client';

import { DataTable } from '@/components/ui/data-table';
import type { EmptyAction } from '@/components/ui/empty-state';
import type { RiskLevel } from '@/lib/risks/scoring';

type Row = {
  id: number;
  likelihood: RiskLevel;
  impact: RiskLevel;
  mitigationPct: number;
  score: number;
  residual: number;
  createdAt: Date;
  userName: string | null;
};

export function RiskHistoryTable({
  project,
  title,
  rows,
  emptyAction,
}: {
  project: string;
  title: string;
  rows: Row[];
  emptyAction?: EmptyAction;
}) {
  return (
    <DataTable
      caption={`Score changes of ${title}`}
      exportName={`${project}-risk-score-history`}
      rows={rows}
      rowKey={(r) => String(r.id)}
      empty={{
        title: 'No score changes yet',
        hint: 'Changing likelihood, impact or mitigation adds a row here.',
        action: emptyAction,
      }}
      columns={[
        { key: 'when', header: 'When', value: (r) => r.createdAt },
        { key: 'likelihood', header: 'Likelihood', value: (r) => r.likelihood },
        { key: 'impact', header: 'Impact', value: (r) => r.impact },
        { key: 'mitigation', header: 'Mitigated', value: (r) => `${r.mitigationPct}%` },
        { key: 'score', header: 'Score', value: (r) => r.score },
        { key: 'residual', header: 'Residual', value: (r) => r.residual },
        { key: 'by', header: 'By', value: (r) => r.userName },
      ]}
    />
  );
}
