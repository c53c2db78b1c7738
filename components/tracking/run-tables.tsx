'use client';

import { DataTable } from '@/components/ui/data-table';
import { logFromCodeAction } from '@/components/ui/empty-state';
import { formatMetric } from '@/lib/format';
import { runMetricPath } from './fetchers';
import { KeyName } from './key-name';

type KV = { key: string; value: string };
type Metric = {
  key: string;
  value: number;
  step: number;
  timestamp: number;
  minValue: number | null;
  maxValue: number | null;
  count: number;
};
type Input = { name: string; digest: string; source: string; sourceType: string; context: string };

export function ParamsTable({ name, project, params }: { name: string; project: string; params: KV[] }) {
  return (
    <DataTable
      caption="Parameters"
      exportName={`${name}-params`}
      rows={params}
      rowKey={(p) => p.key}
      empty={{
        title: 'No parameters',
        hint: 'Log them with mlflow.log_param(s); they are write-once.',
        action: logFromCodeAction(project),
      }}
      columns={[
        { key: 'key', header: 'Parameter', value: (p) => p.key, render: (p) => <KeyName text={p.key} /> },
        { key: 'value', header: 'Value', value: (p) => p.value, render: (p) => <KeyName text={p.value} /> },
      ]}
    />
  );
}

export function MetricsTable({
  name,
  project,
  runId,
  metrics,
}: {
  name: string;
  project: string;
  runId: string;
  metrics: Metric[];
}) {
  return (
    <DataTable
      caption="Metrics: latest value, min and max"
      exportName={`${name}-metrics`}
      rows={metrics}
      rowKey={(m) => m.key}
      empty={{
        title: 'No metrics',
        hint: 'Log them with mlflow.log_metric(key, value, step=…); each gets a chart on the Charts tab.',
        action: logFromCodeAction(project),
      }}
      columns={[
        { key: 'key', header: 'Metric', value: (m) => m.key, render: (m) => <KeyName text={m.key} /> },
        {
          key: 'latest',
          header: 'Latest',
          value: (m) => m.value,
          render: (m) => <span className="font-mono tabular-nums">{formatMetric(m.value)}</span>,
        },
        { key: 'step', header: 'At step', value: (m) => m.step },
        {
          key: 'min',
          header: 'Min',
          value: (m) => m.minValue,
          render: (m) => <span className="font-mono tabular-nums">{formatMetric(m.minValue)}</span>,
        },
        {
          key: 'max',
          header: 'Max',
          value: (m) => m.maxValue,
          render: (m) => <span className="font-mono tabular-nums">{formatMetric(m.maxValue)}</span>,
        },
        { key: 'count', header: 'Points', value: (m) => m.count },
        {
          key: 'history',
          header: 'History',
          value: () => '',
          render: (m) => (
            <a
              href={`${runMetricPath(project, runId)}/history?key=${encodeURIComponent(m.key)}`}
              download
              className="text-indigo-700 underline dark:text-indigo-400"
            >
              CSV<span className="sr-only"> of {m.key}</span>
            </a>
          ),
        },
      ]}
    />
  );
}

export function TagsTable({ name, project, tags }: { name: string; project: string; tags: KV[] }) {
  return (
    <DataTable
      caption="Tags"
      exportName={`${name}-tags`}
      rows={tags}
      rowKey={(t) => t.key}
      empty={{
        title: 'No tags',
        hint: 'Set them with mlflow.set_tag(key, value).',
        action: logFromCodeAction(project),
      }}
      columns={[
        { key: 'key', header: 'Tag', value: (t) => t.key, render: (t) => <KeyName text={t.key} /> },
        { key: 'value', header: 'Value', value: (t) => t.value, render: (t) => <KeyName text={t.value} /> },
      ]}
    />
  );
}

export function InputsTable({ name, project, inputs }: { name: string; project: string; inputs: Input[] }) {
  return (
    <DataTable
      caption="Dataset inputs"
      exportName={`${name}-datasets`}
      rows={inputs}
      rowKey={(d) => `${d.name}@${d.digest}`}
      empty={{
        title: 'No dataset inputs',
        hint: 'Log them with mlflow.log_input(dataset, context="training") so the run records which data it used.',
        action: logFromCodeAction(project),
      }}
      columns={[
        { key: 'name', header: 'Dataset', value: (d) => d.name },
        {
          key: 'digest',
          header: 'Digest',
          value: (d) => d.digest,
          render: (d) => <span className="break-all font-mono">{d.digest}</span>,
        },
        { key: 'context', header: 'Context', value: (d) => d.context },
        { key: 'source', header: 'Source', value: (d) => (d.sourceType ? `${d.sourceType}: ${d.source}` : d.source) },
      ]}
    />
  );
}
