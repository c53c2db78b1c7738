'use client';

import { DataTable } from '@/components/ui/data-table';
import { cn } from '@/components/ui/cn';
import { formatAbsoluteLift, formatPValue, formatRelativeLift } from '@/lib/ab-tests/format';
import type { MetricResult, VariantResult } from '@/lib/ab-tests/results';
import { formatMetric } from '@/lib/format';

const TEST_NAMES = { welch_t: 'Welch t', two_proportion_z: 'Two-proportion z' } as const;

function Verdict({ row, guardrail }: { row: VariantResult; guardrail: boolean }) {
  if (row.test === null) return <span className="text-zinc-600 dark:text-zinc-400">control</span>;
  if (row.p_value === null) return <span className="text-zinc-600 dark:text-zinc-400">Not enough data</span>;
  if (guardrail) {
    return (
      <span
        className={cn(
          'font-semibold',
          row.guardrail_failed ? 'text-red-700 dark:text-red-400' : 'text-emerald-700 dark:text-emerald-400',
        )}
      >
        {row.guardrail_failed ? 'Guardrail failed' : 'Guardrail passed'}
      </span>
    );
  }
  const style =
    row.verdict === 'better'
      ? 'text-emerald-700 dark:text-emerald-400'
      : row.verdict === 'worse'
        ? 'text-red-700 dark:text-red-400'
        : '';
  return (
    <span className={cn('font-semibold', style)}>
      {row.verdict === 'better' ? 'Better' : row.verdict === 'worse' ? 'Worse' : 'Inconclusive'}
    </span>
  );
}

/** Every variant of one metric: n, mean, sd, lifts against the control with 95% CIs, the test and its p-value. */
export function ResultsTable({
  project,
  testName,
  metric,
}: {
  project: string;
  testName: string;
  metric: MetricResult;
}) {
  const isRate = metric.kind === 'conversion';
  return (
    <DataTable
      caption={`${metric.name} by variant`}
      exportName={`${project}-${testName}-${metric.name}`.replace(/[^\w.-]+/g, '-')}
      rows={metric.variants}
      rowKey={(r) => r.variant}
      empty={{ title: 'No variants', hint: 'A test needs two or more model versions.' }}
      columns={[
        {
          key: 'variant',
          header: 'Variant',
          value: (r) => `${r.variant} · version ${r.version}${r.test === null ? ' (control)' : ''}`,
        },
        { key: 'n', header: 'Units (n)', value: (r) => r.n, render: (r) => r.n.toLocaleString('en-US') },
        {
          key: 'mean',
          header: isRate ? 'Rate' : 'Mean',
          value: (r) => r.mean,
          render: (r) => (r.n ? (isRate ? `${(r.mean * 100).toFixed(2)}%` : formatMetric(r.mean)) : '—'),
        },
        { key: 'sd', header: 'SD', value: (r) => r.sd, render: (r) => (r.n ? formatMetric(r.sd) : '—') },
        {
          key: 'absolute',
          header: 'Absolute lift (95% CI)',
          value: (r) => (r.absolute ? `${r.absolute.estimate} [${r.absolute.ci_lower}, ${r.absolute.ci_upper}]` : ''),
          render: (r) => (r.test === null ? '—' : formatAbsoluteLift(r.absolute)),
        },
        {
          key: 'relative',
          header: 'Relative lift (95% CI)',
          value: (r) => (r.relative ? `${r.relative.estimate} [${r.relative.ci_lower}, ${r.relative.ci_upper}]` : ''),
          render: (r) => (r.test === null ? '—' : formatRelativeLift(r.relative)),
        },
        { key: 'test', header: 'Test', value: (r) => (r.test ? TEST_NAMES[r.test] : '') },
        {
          key: 'p',
          header: 'p-value',
          value: (r) => r.p_value ?? '',
          render: (r) => (r.test === null ? '—' : (r.note ?? formatPValue(r.p_value))),
        },
        {
          key: 'significant',
          header: 'Significant at 0.05',
          value: (r) => (r.p_value === null ? '' : r.significant ? 'yes' : 'no'),
        },
        {
          key: 'verdict',
          header: metric.guardrail ? 'Guardrail' : 'Verdict',
          value: (r) =>
            r.p_value === null ? '' : metric.guardrail ? (r.guardrail_failed ? 'failed' : 'passed') : (r.verdict ?? ''),
          render: (r) => <Verdict row={r} guardrail={metric.guardrail} />,
        },
      ]}
    />
  );
}
