import { postStatusUpdateAction } from '@/app/(app)/[project]/actions';
import { ReportMarkdown } from '@/components/report/report-markdown';
import { MetricStatusBadge } from '@/components/success-metrics/status-badge';
import { ActionForm, Field } from '@/components/ui/action-form';
import { DialogButton } from '@/components/ui/dialog';
import { EmptyState } from '@/components/ui/empty-state';
import { LocalTime } from '@/components/ui/local-time';
import type { listStatusUpdates } from '@/db/queries/status-updates';
import { formatTimestamp } from '@/lib/format';
import { HEALTH_LABELS, PROJECT_HEALTHS, type ProjectHealth, STATUS_UPDATE_MAX } from '@/lib/overview/health';

type StatusUpdate = Awaited<ReturnType<typeof listStatusUpdates>>[number];

/** Written updates, newest first, as in Linear: the author's chosen health, when, and what they wrote. */
export function StatusUpdates({
  project,
  updates,
  derived,
  canEdit,
}: {
  project: string;
  updates: StatusUpdate[];
  /** The health the data suggests; the form starts there and the author may disagree. */
  derived: ProjectHealth;
  canEdit: boolean;
}) {
  return (
    <div className="flex flex-col gap-5">
      {canEdit && (
        <DialogButton
          label="Write an update"
          anchor="status-update"
          title="Post a status update"
          description="The health you judge the project to be in, and why. The overview suggests one from its metrics, alerts and risks."
          className="justify-end"
        >
          <ActionForm
            action={postStatusUpdateAction}
            hidden={{ project }}
            label="Post a status update"
            submitLabel="Post update"
            resetOnSuccess
          >
            <Field
              name="health"
              label="Health"
              defaultValue={derived}
              options={PROJECT_HEALTHS.map((h) => ({ value: h, label: HEALTH_LABELS[h] }))}
            />
            <Field
              name="body"
              label="Update"
              multiline
              hint={`Markdown; what changed, what is next, what needs help. At most ${STATUS_UPDATE_MAX} characters.`}
            />
          </ActionForm>
        </DialogButton>
      )}
      {updates.length === 0 ? (
        <EmptyState
          title="No status updates yet"
          hint={
            canEdit
              ? 'Say how the project stands: pick its health and write why, as in a weekly update.'
              : 'Editors post updates here; ask one to write the first.'
          }
          action={canEdit ? { href: '#status-update', label: 'Write the first update' } : undefined}
        />
      ) : (
        <ol aria-label="Status update history" className="flex flex-col gap-4">
          {updates.map((u) => (
            <li key={u.id} className="border-l-2 border-zinc-200 pl-3 dark:border-zinc-700">
              <p className="flex flex-wrap items-center gap-2 text-sm text-zinc-700 dark:text-zinc-300">
                <MetricStatusBadge status={u.health} />
                <span className="font-medium">{u.authorName ?? 'A former member'}</span>
                <LocalTime value={u.createdAt} />
              </p>
              <ReportMarkdown
                markdown={u.body}
                label={`Update by ${u.authorName ?? 'a former member'}, ${formatTimestamp(u.createdAt.getTime())}`}
              />
            </li>
          ))}
        </ol>
      )}
    </div>
  );
}
