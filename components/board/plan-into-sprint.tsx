'use client';

import { useId, useState, useTransition } from 'react';
import { moveTaskAction } from '@/app/(app)/[project]/board/actions';
import { Button } from '@/components/ui/button';

/** Moves a backlog task to the bottom of a sprint's To do column. */
export function PlanIntoSprint({
  project,
  taskId,
  taskLabel,
  sprints,
}: {
  project: string;
  taskId: string;
  taskLabel: string;
  sprints: Array<{ id: string; name: string }>;
}) {
  const id = useId();
  const [sprintId, setSprintId] = useState(sprints[0]?.id ?? '');
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const [pending, start] = useTransition();
  if (sprints.length === 0)
    return <span className="text-xs text-zinc-600 dark:text-zinc-400">Plan a sprint first</span>;
  return (
    <div className="flex flex-wrap items-center gap-1.5">
      <label htmlFor={id} className="sr-only">
        Sprint for {taskLabel}
      </label>
      <select
        id={id}
        value={sprintId}
        onChange={(e) => setSprintId(e.target.value)}
        className="rounded border border-zinc-300 bg-white px-1.5 py-1 text-xs dark:border-zinc-600 dark:bg-zinc-900"
      >
        {sprints.map((s) => (
          <option key={s.id} value={s.id}>
            {s.name}
          </option>
        ))}
      </select>
      <Button
        variant="secondary"
        className="px-2 py-1 text-xs"
        disabled={pending}
        aria-label={`Plan ${taskLabel} into the chosen sprint`}
        onClick={() =>
          start(async () => {
            const result = await moveTaskAction(null, { project, taskId, toStatus: 'todo', toSprintId: sprintId });
            setMessage(result.ok ? { ok: true, text: 'Planned.' } : { ok: false, text: result.message });
          })
        }
      >
        Plan
      </Button>
      <span
        aria-live="polite"
        className={
          message?.ok ? 'text-xs text-emerald-700 dark:text-emerald-400' : 'text-xs text-red-700 dark:text-red-400'
        }
      >
        {message?.text}
      </span>
    </div>
  );
}
