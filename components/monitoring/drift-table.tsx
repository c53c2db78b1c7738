'use client';

import { DataTable } from '@/components/ui/data-table';
import type { EmptyAction } from '@/components/ui/empty-state';
import { TEST_LABELS } from '@/lib/monitoring/vocabulary';
import type { FeatureReport } from '@/lib/monitoring/drift-report';
import { fmt } from '@/components/charts/theme';

type Row = FeatureReport;

/** Every feature of one check: the test and its numbers, PSI with its band, and the verdict. */
export function DriftTable({
  project,
  model,
  rows,
  emptyAction,
}: {
  project: string;
  model: string;
  rows: Row[];
  emptyAction?: EmptyAction;
}) {
  return (
    <DataTable
      caption={`Drift per feature of ${model}`}
      exportName={`${project}-${model}-drift`}
      rows={rows}
      rowKey={(r) => r.feature}
      empty={{
        title: 'No features checked yet',
        hint: 'Log predictions with features, set a reference and run a check.',
        action: emptyAction,
      }}
      columns={[
        {
          key: 'feature',
          header: 'Feature',
          value: (r) => r.feature,
          render: (r) => <code className="text-xs">{r.feature}</code>,
        },
        { key: 'kind', header: 'Kind', value: (r) => r.kind },
        { key: 'test', header: 'Test', value: (r) => TEST_LABELS[r.test] },
        { key: 'statistic', header: 'Statistic', value: (r) => r.statistic, render: (r) => fmt(r.statistic, 4) },
        {
          key: 'p',
          header: 'p-value',
          value: (r) => r.p_value ?? '',
          render: (r) => (r.p_value === undefined ? '—' : fmt(r.p_value, 3)),
        },
        {
          key: 'threshold',
          header: 'Threshold',
          value: (r) => r.threshold,
          render: (r) =>
            r.threshold === null
              ? '—'
              : `${r.p_value === undefined ? '≥' : r.test === 'ks' ? 'p ≤' : 'p <'} ${r.threshold}`,
        },
        {
          key: 'psi',
          header: 'PSI',
          value: (r) => r.psi,
          render: (r) => `${fmt(r.psi)}${r.psi_band ? ` (${r.psi_band})` : ''}`,
        },
        {
          key: 'drifted',
          header: 'Drift',
          value: (r) => (r.test === 'not_enough_data' ? 'not enough data' : r.drifted ? 'yes' : 'no'),
          render: (r) =>
            r.test === 'not_enough_data' ? (
              <span className="text-zinc-600 dark:text-zinc-400">not enough data</span>
            ) : r.drifted ? (
              <strong className="text-red-700 dark:text-red-400">Drifted</strong>
            ) : (
              'No'
            ),
        },
        { key: 'n', header: 'Rows (ref / cur)', value: (r) => `${r.reference_size} / ${r.current_size}` },
      ]}
    />
  );
}
