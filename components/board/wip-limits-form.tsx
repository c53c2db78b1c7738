import { setWipLimitsAction } from '@/app/(app)/[project]/board/actions';
import { ActionForm, Field } from '@/components/ui/action-form';
import { TASK_STATUSES, TASK_STATUS_LABELS, type WipLimits } from '@/lib/board/vocabulary';

export function WipLimitsForm({ project, limits }: { project: string; limits: WipLimits }) {
  return (
    <ActionForm label="Column limits" action={setWipLimitsAction} hidden={{ project }} submitLabel="Save limits">
      <div className="grid gap-3 sm:grid-cols-3">
        {TASK_STATUSES.map((s) => (
          <Field
            key={s}
            name={s}
            label={`${TASK_STATUS_LABELS[s]} limit`}
            type="number"
            defaultValue={limits[s] ?? ''}
            placeholder="none"
          />
        ))}
      </div>
    </ActionForm>
  );
}
