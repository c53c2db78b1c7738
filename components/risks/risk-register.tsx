'use client';

import { Notice, type NoticeText } from '@/components/ui/notice';
import Link from 'next/link';
import { useOptimistic, useRef, useState, useTransition } from 'react';
import { quickUpdateRiskAction } from '@/app/(app)/[project]/risks/actions';
import { DateInput } from '@/components/ui/date-input';
import { DataTable } from '@/components/ui/data-table';
import {
  CATEGORY_LABELS,
  RESPONSE_LABELS,
  RISK_LEVELS,
  RISK_RESPONSES,
  RISK_STATUSES,
  RISK_STATUS_LABELS,
  type RiskCategory,
  type RiskLevel,
  type RiskResponse,
  type RiskStatus,
  isCritical,
  isReviewOverdue,
  residualScore,
  riskScore,
} from '@/lib/risks/scoring';
import { Flag } from '../success-metrics/status-badge';
import { formatDay } from '@/lib/format';

export type RiskRow = {
  id: string;
  version: number;
  title: string;
  category: RiskCategory;
  likelihood: RiskLevel;
  impact: RiskLevel;
  ownerId: string | null;
  ownerName: string | null;
  response: RiskResponse;
  mitigationPct: number;
  status: RiskStatus;
  nextReviewDate: string | null;
};

type Field = 'likelihood' | 'impact' | 'status' | 'response' | 'mitigationPct' | 'ownerId' | 'nextReviewDate';
type Member = { userId: string; name: string };

const selectClass =
  'rounded-md border border-zinc-300 bg-white px-1.5 py-1 text-sm text-zinc-900 focus:border-indigo-500 focus:outline-none focus:ring-2 focus:ring-indigo-500/30 disabled:opacity-60 dark:border-zinc-600 dark:bg-zinc-900 dark:text-zinc-100';
const PCTS = [0, 10, 20, 30, 40, 50, 60, 70, 80, 90, 100];

/**
 * The register with inline editors that save on change: the new value shows at once, and rolls back
 * if the save is refused (the message says why, e.g. someone else changed the risk first).
 */
export function RiskRegister({
  project,
  rows,
  members,
  canEdit,
  today,
}: {
  project: string;
  rows: RiskRow[];
  members: Member[];
  canEdit: boolean;
  today: string;
}) {
  const [shown, apply] = useOptimistic(rows, (state, p: { id: string; patch: Partial<RiskRow> }) =>
    state.map((r) => (r.id === p.id ? { ...r, ...p.patch } : r)),
  );
  const [notice, setNotice] = useState<NoticeText | null>(null);
  const [, startTransition] = useTransition();
  // Saves of one row go one after another, each with the version the previous one returned.
  const versions = useRef(new Map<string, number>());
  const queues = useRef(new Map<string, Promise<void>>());

  const save = (row: RiskRow, field: Field, raw: string) => {
    const value = field === 'mitigationPct' ? Number(raw) : raw === '' ? null : raw;
    const patch: Partial<RiskRow> = { [field]: value };
    if (field === 'ownerId') patch.ownerName = members.find((m) => m.userId === raw)?.name ?? null;
    startTransition(async () => {
      apply({ id: row.id, patch });
      const run = async () => {
        const version = Math.max(row.version, versions.current.get(row.id) ?? 0);
        const result = await quickUpdateRiskAction(null, { project, id: row.id, version, field, value: raw });
        if (result.ok) versions.current.set(row.id, result.data.version);
        setNotice({ ok: result.ok, text: result.ok ? (result.message ?? 'Saved.') : result.message });
      };
      const next = (queues.current.get(row.id) ?? Promise.resolve()).then(run);
      queues.current.set(row.id, next);
      await next;
    });
  };

  const select = (
    row: RiskRow,
    field: Field,
    label: string,
    value: string,
    options: ReadonlyArray<{ value: string; label: string }>,
  ) =>
    canEdit ? (
      <select
        aria-label={`${label} of ${row.title}`}
        className={selectClass}
        value={value}
        onChange={(e) => save(row, field, e.target.value)}
      >
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    ) : (
      (options.find((o) => o.value === value)?.label ?? value)
    );

  const levels = RISK_LEVELS.map((l) => ({ value: l, label: l }));
  return (
    <div className="flex flex-col gap-2">
      <Notice notice={notice} />
      <DataTable
        caption="Risk register"
        exportName={`${project}-risks`}
        rows={shown}
        rowKey={(r) => r.id}
        empty={{
          title: 'No risks here',
          hint: canEdit
            ? 'Add a risk with “New risk”, or choose another heat-map cell.'
            : 'Choose another heat-map cell, or ask an editor to assess the risks.',
          action: canEdit ? { href: '#new-risk', label: 'Add a risk' } : undefined,
        }}
        columns={[
          {
            key: 'title',
            header: 'Risk',
            value: (r) => r.title,
            render: (r) => (
              <span className="flex flex-wrap items-center gap-1.5">
                <Link
                  className="min-w-0 font-medium text-indigo-700 [overflow-wrap:anywhere] hover:underline dark:text-indigo-400"
                  href={`/${project}/risks/${r.id}`}
                >
                  {r.title}
                </Link>
                {isCritical(r) && r.status !== 'closed' && <Flag tone="red">Critical</Flag>}
                {isReviewOverdue(r, today) && <Flag tone="amber">Review overdue</Flag>}
              </span>
            ),
          },
          { key: 'category', header: 'Category', value: (r) => CATEGORY_LABELS[r.category] },
          {
            key: 'likelihood',
            header: 'Likelihood',
            value: (r) => r.likelihood,
            render: (r) => select(r, 'likelihood', 'Likelihood', r.likelihood, levels),
          },
          {
            key: 'impact',
            header: 'Impact',
            value: (r) => r.impact,
            render: (r) => select(r, 'impact', 'Impact', r.impact, levels),
          },
          { key: 'score', header: 'Score', value: (r) => riskScore(r.likelihood, r.impact) },
          {
            key: 'residual',
            header: 'Residual',
            value: (r) => residualScore(riskScore(r.likelihood, r.impact), r.mitigationPct),
          },
          {
            key: 'mitigation',
            header: 'Mitigated',
            value: (r) => `${r.mitigationPct}%`,
            render: (r) =>
              select(
                r,
                'mitigationPct',
                'Mitigation',
                String(r.mitigationPct),
                [...new Set([...PCTS, r.mitigationPct])]
                  .sort((a, b) => a - b)
                  .map((p) => ({ value: String(p), label: `${p}%` })),
              ),
          },
          {
            key: 'response',
            header: 'Response',
            value: (r) => RESPONSE_LABELS[r.response],
            render: (r) =>
              select(
                r,
                'response',
                'Response',
                r.response,
                RISK_RESPONSES.map((x) => ({ value: x, label: RESPONSE_LABELS[x] })),
              ),
          },
          {
            key: 'status',
            header: 'Status',
            value: (r) => RISK_STATUS_LABELS[r.status],
            render: (r) =>
              select(
                r,
                'status',
                'Status',
                r.status,
                RISK_STATUSES.map((x) => ({ value: x, label: RISK_STATUS_LABELS[x] })),
              ),
          },
          {
            key: 'owner',
            header: 'Owner',
            value: (r) => r.ownerName,
            render: (r) =>
              select(r, 'ownerId', 'Owner', r.ownerId ?? '', [
                { value: '', label: 'Nobody' },
                ...members.map((m) => ({ value: m.userId, label: m.name })),
              ]),
          },
          {
            key: 'review',
            header: 'Next review',
            value: (r) => r.nextReviewDate,
            render: (r) =>
              canEdit ? (
                <DateInput
                  label={`Next review of ${r.title}`}
                  aria-label={`Next review of ${r.title}`}
                  className={selectClass}
                  value={r.nextReviewDate ?? ''}
                  onValueChange={(day) => save(r, 'nextReviewDate', day)}
                />
              ) : (
                formatDay(r.nextReviewDate)
              ),
          },
        ]}
      />
    </div>
  );
}
