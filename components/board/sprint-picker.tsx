import { UrlPicker } from '@/components/ui/url-picker';
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
  const options = sprints.map((s) => ({ value: s.id, label: `${s.name} (${SPRINT_STATUS_LABELS[s.status]})` }));
  if (allowBacklog) options.push({ value: 'backlog', label: 'Backlog (no sprint)' });
  return (
    <UrlPicker
      name="sprint"
      label="Sprint"
      formLabel="Choose a sprint"
      options={options}
      value={value}
      action={action}
      className="flex items-end gap-2"
      selectClassName="rounded-md border border-zinc-300 bg-white px-2 py-1.5 text-sm dark:border-zinc-600 dark:bg-zinc-900"
    />
  );
}
