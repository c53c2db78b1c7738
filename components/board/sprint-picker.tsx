import { buttonClass } from '@/components/ui/button';
import { SPRINT_STATUS_LABELS, type SprintStatus } from '@/lib/board/vocabulary';

/** Plain GET form: the chosen sprint lives in the URL, so the view can be shared. */
export function SprintPicker({
  sprints,
  value,
  action,
  allowBacklog = false,
}: {
  sprints: Array<{ id: string; name: string; status: SprintStatus }>;
  value: string;
  action: string;
  allowBacklog?: boolean;
}) {
  return (
    <form method="get" action={action} className="flex items-end gap-2" aria-label="Choose a sprint">
      <label className="flex flex-col gap-1 text-sm">
        <span className="font-medium text-zinc-800 dark:text-zinc-200">Sprint</span>
        <select
          name="sprint"
          defaultValue={value}
          className="rounded-md border border-zinc-300 bg-white px-2 py-1.5 text-sm dark:border-zinc-600 dark:bg-zinc-900"
        >
          {sprints.map((s) => (
            <option key={s.id} value={s.id}>
              {s.name} ({SPRINT_STATUS_LABELS[s.status]})
            </option>
          ))}
          {allowBacklog && <option value="backlog">Backlog (no sprint)</option>}
        </select>
      </label>
      <button type="submit" className={buttonClass('secondary')}>
        Show
      </button>
    </form>
  );
}
