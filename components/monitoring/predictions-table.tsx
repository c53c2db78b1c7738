'use client';

import { DataTable } from '@/components/ui/data-table';
import type { EmptyAction } from '@/components/ui/empty-state';

export type PredictionRowView = {
  id: string;
  ts: Date;
  version: number | null;
  features: string;
  prediction: string;
  actual: string | null;
};

export function PredictionsTable({
  project,
  model,
  rows,
  emptyAction,
}: {
  project: string;
  model: string;
  rows: PredictionRowView[];
  emptyAction?: EmptyAction;
}) {
  return (
    <DataTable
      caption={`Latest predictions of ${model}`}
      exportName={`${project}-${model}-predictions`}
      rows={rows}
      rowKey={(r) => r.id}
      empty={{
        title: 'No predictions logged yet',
        hint: `POST them to /api/v1/models/${model}/predictions with a project token.`,
        action: emptyAction,
      }}
      columns={[
        { key: 'id', header: 'Id', value: (r) => r.id, render: (r) => <code className="text-xs">{r.id}</code> },
        { key: 'ts', header: 'Time', value: (r) => r.ts },
        { key: 'version', header: 'Version', value: (r) => (r.version === null ? '' : `v${r.version}`) },
        {
          key: 'features',
          header: 'Features',
          value: (r) => r.features,
          render: (r) => (
            <code className="block max-w-lg truncate text-xs" title={r.features}>
              {r.features}
            </code>
          ),
        },
        { key: 'prediction', header: 'Prediction', value: (r) => r.prediction },
        { key: 'actual', header: 'Actual', value: (r) => r.actual },
      ]}
    />
  );
}
