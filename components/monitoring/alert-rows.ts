import type { AlertRow } from '@/db/queries/alerts';
import type { AlertTableRow } from './alerts-table';

/** Database rows → the plain objects the alerts table renders. */
export function toAlertTableRows(rows: AlertRow[]): AlertTableRow[] {
  return rows.map(({ alert, modelName, riskTitle, taskNumber }) => ({
    id: alert.id,
    model: modelName,
    kind: alert.kind,
    subject: alert.subject,
    status: alert.status,
    severity: alert.severity,
    message: alert.message,
    occurrences: alert.occurrences,
    firstSeenAt: alert.firstSeenAt,
    lastSeenAt: alert.lastSeenAt,
    riskId: alert.riskId,
    riskTitle,
    taskId: alert.taskId,
    taskNumber,
  }));
}
