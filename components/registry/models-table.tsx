'use client';

import Link from 'next/link';
import { DataTable } from '@/components/ui/data-table';

type Row = {
  name: string;
  description: string;
  versions: number;
  latest: number | null;
  production: number[];
  staging: number[];
  aliases: string[];
  updatedAt: Date;
};

const versionsText = (vs: number[]) => vs.map((v) => `v${v}`).join(', ');

export function ModelsTable({ project, rows }: { project: string; rows: Row[] }) {
  return (
    <DataTable
      caption="Registered models"
      exportName={`${project}-models`}
      rows={rows}
      rowKey={(r) => r.name}
      empty={{
        title: 'No registered models yet',
        hint: 'Choose “New model” at the top, or register a version from a run page.',
        action: { href: '#new-model', label: 'New model' },
      }}
      columns={[
        {
          key: 'name',
          header: 'Model',
          value: (r) => r.name,
          render: (r) => (
            <Link
              className="font-medium text-indigo-700 hover:underline dark:text-indigo-400"
              href={`/${project}/models/${encodeURIComponent(r.name)}`}
            >
              {r.name}
            </Link>
          ),
        },
        { key: 'versions', header: 'Versions', value: (r) => r.versions },
        { key: 'latest', header: 'Latest', value: (r) => (r.latest ? `v${r.latest}` : '') },
        { key: 'production', header: 'Production', value: (r) => versionsText(r.production) },
        { key: 'staging', header: 'Staging', value: (r) => versionsText(r.staging) },
        { key: 'aliases', header: 'Aliases', value: (r) => r.aliases.join(', ') },
        { key: 'updated', header: 'Updated', value: (r) => r.updatedAt },
      ]}
    />
  );
}
