'use client';

import Link from 'next/link';
import { DataTable } from '@/components/ui/data-table';
import { logFromCodeAction } from '@/components/ui/empty-state';

type Experiment = { id: number; name: string; runCount: number; lastRunAt: number | null; createdAt: Date };

export function ExperimentsTable({ project, experiments }: { project: string; experiments: Experiment[] }) {
  return (
    <DataTable
      caption="Experiments"
      exportName={`${project}-experiments`}
      rows={experiments}
      rowKey={(e) => String(e.id)}
      empty={{
        title: 'No experiments',
        hint: 'Log a run with an MLflow client: its experiment appears here.',
        action: logFromCodeAction(project),
      }}
      columns={[
        {
          key: 'name',
          header: 'Experiment',
          value: (e) => e.name,
          render: (e) => (
            <Link
              href={`/${project}/experiments/${e.id}`}
              className="font-medium text-indigo-700 underline-offset-2 hover:underline dark:text-indigo-400"
            >
              {e.name}
            </Link>
          ),
        },
        { key: 'id', header: 'ID', value: (e) => e.id },
        { key: 'runs', header: 'Runs', value: (e) => e.runCount },
        { key: 'last', header: 'Last run', value: (e) => (e.lastRunAt ? new Date(e.lastRunAt) : null) },
        { key: 'created', header: 'Created', value: (e) => e.createdAt },
      ]}
    />
  );
}
