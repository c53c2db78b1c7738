'use client';

import Link from 'next/link';
import { DataTable } from '@/components/ui/data-table';
import type { ModelStage } from '@/lib/registry/vocabulary';
import { registerVersionAction } from './empty-actions';
import { StageBadge } from './stage-badge';
import { VersionActions } from './version-actions';
import { formatSignificant } from '@/lib/format';

type Row = {
  version: number;
  stage: ModelStage;
  runId: string | null;
  description: string;
  metrics: Record<string, number>;
  createdAt: Date;
  aliases: string[];
};

const metricsText = (m: Record<string, number>) =>
  Object.entries(m)
    .slice(0, 4)
    .map(([k, v]) => `${k}=${formatSignificant(v, 4)}`)
    .join(', ');

export function VersionsTable({
  project,
  model,
  rows,
  canEdit,
}: {
  project: string;
  model: string;
  rows: Row[];
  canEdit: boolean;
}) {
  const base = `/${project}/models/${encodeURIComponent(model)}`;
  return (
    <DataTable
      caption={`Versions of ${model}`}
      exportName={`${project}-${model}-versions`}
      rows={rows.slice().reverse()}
      rowKey={(r) => String(r.version)}
      empty={{
        title: 'No versions yet',
        hint: 'Open a finished run and choose “Register as model version”, or log the model from code with registered_model_name set.',
        action: registerVersionAction(project),
      }}
      columns={[
        {
          key: 'version',
          header: 'Version',
          value: (r) => r.version,
          render: (r) => (
            <Link
              className="font-medium text-indigo-700 hover:underline dark:text-indigo-400"
              href={`${base}/versions/${r.version}`}
            >
              Version {r.version}
            </Link>
          ),
        },
        { key: 'stage', header: 'Stage', value: (r) => r.stage, render: (r) => <StageBadge stage={r.stage} /> },
        { key: 'aliases', header: 'Aliases', value: (r) => r.aliases.map((a) => `@${a}`).join(' ') },
        {
          key: 'run',
          header: 'Run',
          value: (r) => r.runId ?? '',
          render: (r) =>
            r.runId ? (
              <Link
                className="font-mono text-xs text-indigo-700 hover:underline dark:text-indigo-400"
                href={`/${project}/runs/${r.runId}`}
              >
                {r.runId.slice(0, 8)}
              </Link>
            ) : (
              '—'
            ),
        },
        { key: 'metrics', header: 'Metrics at registration', value: (r) => metricsText(r.metrics) },
        { key: 'created', header: 'Registered', value: (r) => r.createdAt },
        ...(canEdit
          ? [
              {
                key: 'actions',
                header: 'Actions',
                value: () => '',
                render: (r: Row) => (
                  <VersionActions project={project} model={model} version={r.version} stage={r.stage} />
                ),
              },
            ]
          : []),
      ]}
    />
  );
}
