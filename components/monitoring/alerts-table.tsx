'use client';

import Link from 'next/link';
import { ActionForm } from '@/components/ui/action-form';
import { DataTable } from '@/components/ui/data-table';
import type { EmptyAction } from '@/components/ui/empty-state';
import {
  ALERT_KIND_LABELS,
  ALERT_STATUS_LABELS,
  type AlertKind,
  type AlertSeverity,
  type AlertStatus,
  DATASET_SUBJECT,
} from '@/lib/monitoring/vocabulary';
import type { ActionResult } from '@/server/action';

type FormAction = (prev: unknown, payload: FormData) => Promise<ActionResult<unknown>>;

export type AlertTableRow = {
  id: string;
  model: string;
  kind: AlertKind;
  subject: string;
  status: AlertStatus;
  severity: AlertSeverity;
  message: string;
  occurrences: number;
  firstSeenAt: Date;
  lastSeenAt: Date;
  riskId: string | null;
  riskTitle: string | null;
  taskId: string | null;
  taskNumber: number | null;
};

const STATUS_CLASS: Record<AlertStatus, string> = {
  open: 'bg-red-100 text-red-900 dark:bg-red-950 dark:text-red-200',
  acknowledged: 'bg-amber-100 text-amber-900 dark:bg-amber-950 dark:text-amber-200',
  resolved: 'bg-zinc-100 text-zinc-700 dark:bg-zinc-800 dark:text-zinc-300',
};

const subjectOf = (r: AlertTableRow) => (r.subject === DATASET_SUBJECT ? 'all features' : r.subject);

/** Alerts with their lifecycle buttons; from an open alert, one click opens a risk and a retrain task. */
export function AlertsTable({
  project,
  rows,
  canEdit,
  actions,
  exportName,
  emptyAction,
}: {
  project: string;
  rows: AlertTableRow[];
  canEdit: boolean;
  actions: { acknowledge: FormAction; resolve: FormAction; openRiskAndTask: FormAction };
  exportName: string;
  emptyAction?: EmptyAction;
}) {
  const small = 'flex-row items-center gap-1 [&_button]:px-2 [&_button]:py-1 [&_button]:text-xs';
  return (
    <DataTable
      caption="Monitoring alerts"
      exportName={exportName}
      rows={rows}
      rowKey={(r) => r.id}
      empty={{
        title: 'No alerts',
        hint: 'Alerts open themselves when a check finds drift or a performance drop; run a check from a model’s monitoring page.',
        action: emptyAction,
      }}
      columns={[
        {
          key: 'status',
          header: 'Status',
          value: (r) => ALERT_STATUS_LABELS[r.status],
          render: (r) => (
            <span className={`rounded px-1.5 py-0.5 text-xs font-medium ${STATUS_CLASS[r.status]}`}>
              {ALERT_STATUS_LABELS[r.status]}
            </span>
          ),
        },
        { key: 'severity', header: 'Severity', value: (r) => r.severity },
        {
          key: 'model',
          header: 'Model',
          value: (r) => r.model,
          render: (r) => (
            <Link
              className="font-medium text-indigo-700 hover:underline dark:text-indigo-400"
              href={`/${project}/monitoring/${encodeURIComponent(r.model)}`}
            >
              {r.model}
            </Link>
          ),
        },
        { key: 'kind', header: 'Kind', value: (r) => ALERT_KIND_LABELS[r.kind] },
        { key: 'subject', header: 'Feature / metric', value: subjectOf },
        {
          key: 'message',
          header: 'Latest finding',
          value: (r) => r.message,
          render: (r) => <span className="block max-w-md">{r.message}</span>,
        },
        { key: 'seen', header: 'Seen', value: (r) => r.occurrences, render: (r) => `${r.occurrences}×` },
        { key: 'last', header: 'Last seen', value: (r) => r.lastSeenAt },
        {
          key: 'follow-up',
          header: 'Risk / task',
          value: (r) => [r.riskTitle, r.taskNumber ? `#${r.taskNumber}` : null].filter(Boolean).join(' · '),
          render: (r) =>
            r.riskId || r.taskId ? (
              <span className="flex flex-col gap-0.5">
                {r.riskId && (
                  <Link
                    className="text-indigo-700 hover:underline dark:text-indigo-400"
                    href={`/${project}/risks/${r.riskId}`}
                  >
                    Risk: {r.riskTitle}
                  </Link>
                )}
                {r.taskId && (
                  <Link
                    className="text-indigo-700 hover:underline dark:text-indigo-400"
                    href={`/${project}/board/tasks/${r.taskId}`}
                  >
                    Task #{r.taskNumber}
                  </Link>
                )}
              </span>
            ) : canEdit && r.status !== 'resolved' ? (
              <ActionForm
                label={`Open risk and task for ${r.model} ${subjectOf(r)}`}
                action={actions.openRiskAndTask}
                hidden={{ project, alertId: r.id, model: r.model }}
                submitLabel="Open risk & task"
                submitVariant="secondary"
                className={small}
              />
            ) : null,
        },
        {
          key: 'actions',
          header: 'Actions',
          value: () => '',
          render: (r) =>
            canEdit && r.status !== 'resolved' ? (
              <span className="flex flex-col gap-1">
                {r.status === 'open' && (
                  <ActionForm
                    label={`Acknowledge ${r.model} ${subjectOf(r)}`}
                    action={actions.acknowledge}
                    hidden={{ project, alertId: r.id }}
                    submitLabel="Acknowledge"
                    submitVariant="secondary"
                    className={small}
                  />
                )}
                <ActionForm
                  label={`Resolve ${r.model} ${subjectOf(r)}`}
                  action={actions.resolve}
                  hidden={{ project, alertId: r.id }}
                  submitLabel="Resolve"
                  submitVariant="ghost"
                  className={small}
                />
              </span>
            ) : null,
        },
      ]}
    />
  );
}
