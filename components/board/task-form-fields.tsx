import { Field } from '@/components/ui/action-form';
import { TEXT_LIMITS } from '@/lib/text-limits';
import { PRIORITIES, TASK_STATUSES, TASK_STATUS_LABELS, priorityLabel } from '@/lib/board/vocabulary';

type Option = { value: string; label: string };

/** The fields of a new task (the edit form has its own, seeded from the stored values). */
export function NewTaskFields({ members, defaultStatus = 'todo' }: { members: Option[]; defaultStatus?: string }) {
  return (
    <>
      <Field
        name="title"
        label="Title"
        required
        placeholder="Collect more training data"
        maxLength={TEXT_LIMITS.task.title}
      />
      <div className="grid gap-3 sm:grid-cols-2 lg:grid-cols-4">
        <Field
          name="status"
          label="Column"
          defaultValue={defaultStatus}
          options={TASK_STATUSES.map((s) => ({ value: s, label: TASK_STATUS_LABELS[s] }))}
        />
        <Field
          name="priority"
          label="Priority"
          defaultValue="3"
          options={PRIORITIES.map((p) => ({ value: String(p), label: priorityLabel(p) }))}
        />
        <Field name="effort" label="Effort (points)" type="number" defaultValue={1} />
        <Field
          name="assigneeId"
          label="Assignee"
          defaultValue=""
          options={[{ value: '', label: 'Nobody' }, ...members]}
        />
      </div>
      <Field name="labels" label="Labels" hint="Separate with commas, e.g. data, labelling" />
      <Field name="description" label="Description (Markdown)" multiline maxLength={TEXT_LIMITS.task.description} />
    </>
  );
}
