'use client';

import { DataTable } from '@/components/ui/data-table';
import { logFromCodeAction } from '@/components/ui/empty-state';
import type { GainRow } from './iteration-gains-chart';
import { formatSignificant } from '@/lib/format';

const pct = (v: number) => `${Math.round(v)}%`;

/** The numbers behind the gains chart, exportable. */
export function GainsTable({
  project,
  rows,
}: {
  project: string;
  rows: Array<GainRow & { runs: number; total: number }>;
}) {
  return (
    <DataTable
      caption="Metric gains by approach per iteration"
      exportName={`${project}-iteration-gains`}
      rows={rows}
      rowKey={(r) => r.iteration}
      empty={{
        title: 'No iterations yet',
        hint: 'Log runs with an approach tag to see which approach moves the metric.',
        action: logFromCodeAction(project),
      }}
      columns={[
        { key: 'iteration', header: 'Iteration', value: (r) => r.iteration },
        { key: 'runs', header: 'Runs', value: (r) => r.runs },
        { key: 'total', header: 'Total gain', value: (r) => formatSignificant(r.total, 4) },
        { key: 'data', header: 'Data-centric', value: (r) => pct(r['data-centric']) },
        { key: 'model', header: 'Model-centric', value: (r) => pct(r['model-centric']) },
        { key: 'hybrid', header: 'Hybrid', value: (r) => pct(r.hybrid) },
        { key: 'unspecified', header: 'Unspecified', value: (r) => pct(r.unspecified) },
      ]}
    />
  );
}
