import {
  acknowledgeAlertAction,
  openRiskAndTaskAction,
  resolveAlertAction,
} from '@/app/(app)/[project]/monitoring/actions';
import type { EmptyAction } from '@/components/ui/empty-state';
import type { AlertFilter } from '@/lib/monitoring/vocabulary';
import { AlertFilterLinks } from './alert-filter';
import { type AlertTableRow, AlertsTable } from './alerts-table';

/** The status filter links and the alerts table with its lifecycle actions, as both monitoring pages show them. */
export function AlertsSectionBody({
  project,
  basePath,
  filter,
  rows,
  canEdit,
  exportName,
  emptyAction,
}: {
  project: string;
  basePath: string;
  filter: AlertFilter;
  rows: AlertTableRow[];
  canEdit: boolean;
  exportName: string;
  emptyAction?: EmptyAction;
}) {
  return (
    <>
      <AlertFilterLinks basePath={basePath} current={filter} />
      <AlertsTable
        project={project}
        rows={rows}
        canEdit={canEdit}
        actions={{
          acknowledge: acknowledgeAlertAction,
          resolve: resolveAlertAction,
          openRiskAndTask: openRiskAndTaskAction,
        }}
        exportName={exportName}
        emptyAction={emptyAction}
      />
    </>
  );
}
