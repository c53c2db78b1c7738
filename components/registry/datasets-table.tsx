'use client';

import Link from 'next/link';
import { DataTable } from '@/components/ui/data-table';

type Row = {
  id: string;
  name: string;
  digest: string;
  source: string;
  sourceType: string;
  createdAt: Date;
  rows: number | null;
  columns: number | null;
};

export function DatasetsTable({ project, rows }: { project: string; rows: Row[] }) {
  return (
    <DataTable
      caption="Dataset versions"
      exportName={`${project}-datasets`}
      rows={rows}
      rowKey={(r) => r.id}
      empty={{
        title: 'No dataset versions yet',
        hint: 'Choose “New dataset version” at the top to upload a CSV, or log one from training code with mlflow.log_input.',
        action: { href: '#new-dataset', label: 'New dataset version' },
      }}
      columns={[
        {
          key: 'name',
          header: 'Name',
          value: (r) => r.name,
          render: (r) => (
            <Link
              className="font-medium text-indigo-700 hover:underline dark:text-indigo-400"
              href={`/${project}/datasets/${r.id}`}
            >
              {r.name}
            </Link>
          ),
        },
        {
          key: 'digest',
          header: 'Hash',
          value: (r) => r.digest,
          render: (r) => <code className="text-xs">{r.digest.slice(0, 16)}…</code>,
        },
        { key: 'rows', header: 'Rows', value: (r) => r.rows },
        { key: 'columns', header: 'Columns', value: (r) => r.columns },
        { key: 'source', header: 'Source', value: (r) => r.source || r.sourceType },
        { key: 'created', header: 'Registered', value: (r) => r.createdAt },
      ]}
    />
  );
}
