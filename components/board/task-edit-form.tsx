'use client';

import { useState } from 'react';
import { updateTaskAction } from '@/app/(app)/[project]/board/actions';
import { ActionForm, Field } from '@/components/ui/action-form';
import { Button } from '@/components/ui/button';
import {
  PRIORITIES,
  TASK_STATUSES,
  TASK_STATUS_LABELS,
  type TaskConflictView,
  priorityLabel,
  readTaskConflict,
} from '@/lib/board/vocabulary';
import { formatTimestamp } from '@/lib/format';

type Values = TaskConflictView['values'];
type Option = { value: string; label: string };

/**
 * Edits a task against the version it was opened at. A stale save comes back as a conflict: the other
 * person's values appear under each field and in a summary; saving again keeps yours (deliberately, now
 * against their version), "Take theirs" starts over from what is stored.
 */
export function TaskEditForm({
  project,
  taskId,
  version: openedAt,
  values: initial,
  members,
  sprints,
}: {
  project: string;
  taskId: string;
  version: number;
  values: Values;
  members: Option[];
  sprints: Option[];
}) {
  const [version, setVersion] = useState(openedAt);
  const [values, setValues] = useState(initial);
  const [formKey, setFormKey] = useState(0);
  const [conflict, setConflict] = useState<TaskConflictView | null>(null);
  return (
    <div className="flex flex-col gap-3">
      {conflict && (
        <div
          role="alert"
          className="rounded-md border border-amber-300 bg-amber-50 p-3 text-sm text-amber-950 dark:border-amber-700 dark:bg-amber-950 dark:text-amber-100"
        >
          <p className="font-semibold">
            {conflict.savedBy ?? 'Someone'} saved this task
            {conflict.savedAt ? ` at ${formatTimestamp(Date.parse(conflict.savedAt))}` : ''} while you were editing.
          </p>
          {conflict.theirs.length > 0 ? (
            <dl className="mt-2 grid grid-cols-[max-content_1fr] gap-x-3 gap-y-1">
              {conflict.theirs.map((d) => (
                <div key={d.field} className="contents">
                  <dt className="font-medium">{d.label}</dt>
                  <dd className="whitespace-pre-wrap break-words">{d.value}</dd>
                </div>
              ))}
            </dl>
          ) : (
            <p className="mt-1">Their values match yours.</p>
          )}
          <p className="mt-2">Save again to keep your values, or take theirs and start over.</p>
          <Button
            variant="secondary"
            className="mt-2"
            onClick={() => {
              setValues(conflict.values);
              setVersion(conflict.version);
              setFormKey((k) => k + 1);
              setConflict(null);
            }}
          >
            Take theirs
          </Button>
        </div>
      )}
      <ActionForm
        key={formKey}
        label="Edit task"
        action={updateTaskAction}
        hidden={{ project, taskId, version }}
        submitLabel="Save task"
        onSuccess={(data) => {
          setConflict(null);
          if (typeof data === 'object' && data !== null && 'version' in data && typeof data.version === 'number')
            setVersion(data.version);
        }}
        onFailure={(result) => {
          const found = readTaskConflict(result);
          if (!found) return;
          setConflict(found);
          setVersion(found.version);
        }}
      >
        <Field name="title" label="Title" defaultValue={values.title} required />
        <Field name="description" label="Description (Markdown)" defaultValue={values.description} multiline />
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
          <Field name="labels" label="Labels" hint="Separate with commas" defaultValue={values.labels.join(', ')} />
        </div>
      </ActionForm>
    </div>
  );
}
