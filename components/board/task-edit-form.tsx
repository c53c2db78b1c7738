'use client';

import { updateTaskAction } from '@/app/(app)/[project]/board/actions';
import { Field } from '@/components/ui/action-form';
import { EditForm } from '@/components/ui/edit-form';
import { PRIORITIES, TASK_STATUSES, TASK_STATUS_LABELS, type TaskStatus, priorityLabel } from '@/lib/board/vocabulary';
import { TEXT_LIMITS } from '@/lib/text-limits';

type Values = {
  title: string;
  description: string;
  status: TaskStatus;
  priority: number;
  effort: number;
  assigneeId: string | null;
  labels: string[];
  sprintId: string | null;
};
type Option = { value: string; label: string };

/** Edits a task: a draft survives a reload, and a save made meanwhile is merged (see EditForm). */
export function TaskEditForm({
  user,
  project,
  taskId,
  version,
  values,
  members,
  sprints,
}: {
  user: string;
  project: string;
  taskId: string;
  version: number;
  values: Values;
  members: Option[];
  sprints: Option[];
}) {
  return (
    <EditForm
      draft={{ user, project, entity: 'task', id: taskId }}
      version={version}
      label="Edit task"
      action={updateTaskAction}
      hidden={{ project, taskId }}
      submitLabel="Save task"
    >
      <Field name="title" label="Title" defaultValue={values.title} required maxLength={TEXT_LIMITS.task.title} />
      <Field
        name="description"
        label="Description (Markdown)"
        defaultValue={values.description}
        multiline
        maxLength={TEXT_LIMITS.task.description}
      />
      <div className="grid gap-3 sm:grid-cols-2">
        <Field
          name="status"
          label="Column"
          defaultValue={values.status}
          options={TASK_STATUSES.map((s) => ({ value: s, label: TASK_STATUS_LABELS[s] }))}
        />
        <Field
          name="sprintId"
          label="Sprint"
          defaultValue={values.sprintId ?? ''}
          options={[{ value: '', label: 'Backlog (no sprint)' }, ...sprints]}
        />
        <Field
          name="priority"
          label="Priority"
          defaultValue={String(values.priority)}
          options={PRIORITIES.map((p) => ({ value: String(p), label: priorityLabel(p) }))}
        />
        <Field name="effort" label="Effort (points)" type="number" defaultValue={values.effort} />
        <Field
          name="assigneeId"
          label="Assignee"
          defaultValue={values.assigneeId ?? ''}
          options={[{ value: '', label: 'Nobody' }, ...members]}
        />
        <Field
          name="labels"
          label="Labels"
          hint="Separate with commas"
          defaultValue={values.labels.join(', ')}
          maxLength={TEXT_LIMITS.task.labels}
        />
      </div>
    </EditForm>
  );
}
