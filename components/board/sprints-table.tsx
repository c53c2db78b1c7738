'use client';

import Link from 'next/link';
import { closeSprintAction, startSprintAction } from '@/app/(app)/[project]/sprints/actions';
import { ActionForm, Field } from '@/components/ui/action-form';
import { type Column, DataTable } from '@/components/ui/data-table';
import { SPRINT_STATUS_LABELS } from '@/lib/board/vocabulary';
import type { BoardSprint } from '@/lib/board/board-data';
import type { FrozenSprintNumbers } from '@/lib/board/burndown';
import { formatDay } from '@/lib/format';

export type SprintRow = BoardSprint & {
  taskCount: number;
  points: number;
  donePoints: number;
  frozen: FrozenSprintNumbers | null;
};

function SprintActions({
  project,
  sprint,
  hasPlanned,
  running,
}: {
  project: string;
  sprint: SprintRow;
  hasPlanned: boolean;
  running: string | null;
}) {
  const hidden = { project, sprintId: sprint.id };
  if (sprint.status === 'planned' && running)
    return <span className="text-xs text-zinc-600 dark:text-zinc-400">Can start once {running} is closed</span>;
  if (sprint.status === 'planned') {
    return (
      <ActionForm
        label={`Start ${sprint.name}`}
        action={startSprintAction}
        hidden={hidden}
        submitLabel="Start"
        submitVariant="secondary"
      />
    );
  }
  if (sprint.status === 'active') {
    return (
      <ActionForm
        label={`Close ${sprint.name}`}
        action={closeSprintAction}
        hidden={hidden}
        submitLabel="Close sprint"
        submitVariant="secondary"
        confirm={`Close ${sprint.name}? Its numbers will be frozen.`}
      >
        <Field
          name="carryTo"
          label="Unfinished tasks go to"
          defaultValue={hasPlanned ? 'next' : 'backlog'}
          options={[
            { value: 'next', label: 'The next planned sprint' },
            { value: 'backlog', label: 'The backlog' },
          ]}
        />
      </ActionForm>
    );
  }
  return <span className="text-xs text-zinc-600 dark:text-zinc-400">Frozen</span>;
}

export function SprintsTable({
  project,
  sprints,
  canEdit,
}: {
  project: string;
  sprints: SprintRow[];
  canEdit: boolean;
}) {
  const hasPlanned = sprints.some((s) => s.status === 'planned');
  const running = sprints.find((s) => s.status === 'active')?.name ?? null;
  const columns: Column<SprintRow>[] = [
    {
      key: 'name',
      header: 'Sprint',
      value: (s) => s.name,
      render: (s) => (
        <Link href={`/${project}/board?sprint=${s.id}`} className="text-indigo-700 underline dark:text-indigo-300">
          {s.name}
        </Link>
      ),
    },
    { key: 'status', header: 'Status', value: (s) => SPRINT_STATUS_LABELS[s.status] },
    { key: 'start', header: 'Start', value: (s) => s.startDate, render: (s) => formatDay(s.startDate) },
    { key: 'end', header: 'End', value: (s) => s.endDate, render: (s) => formatDay(s.endDate) },
    { key: 'goal', header: 'Goal', value: (s) => s.goal },
    { key: 'tasks', header: 'Tasks', value: (s) => s.taskCount },
    {
      key: 'done',
      header: 'Done / scope (pts)',
      value: (s) =>
        s.frozen ? `${s.frozen.completedPoints} / ${s.frozen.scopePoints}` : `${s.donePoints} / ${s.points}`,
    },
    { key: 'committed', header: 'Committed (pts)', value: (s) => s.frozen?.committedPoints ?? '' },
    { key: 'carried', header: 'Carried over (pts)', value: (s) => s.frozen?.carriedOverPoints ?? '' },
  ];
  if (canEdit)
    columns.push({
      key: 'actions',
      header: 'Actions',
      value: () => '',
      render: (s) => <SprintActions project={project} sprint={s} hasPlanned={hasPlanned} running={running} />,
    });
  return (
    <DataTable
      caption="Sprints"
      columns={columns}
      rows={sprints}
      rowKey={(s) => s.id}
      exportName={`${project}-sprints`}
      empty={{
        title: 'No sprints yet',
        hint: canEdit
          ? 'Choose “New sprint” at the top: a name, a goal and a start date (two weeks by default).'
          : 'Editors plan sprints here.',
        action: canEdit ? { href: '#new-sprint', label: 'Plan a sprint' } : undefined,
      }}
    />
  );
}
