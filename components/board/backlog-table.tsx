'use client';

import Link from 'next/link';
import { StatusBadge } from '@/components/tracking/badges';
import { type Column, DataTable } from '@/components/ui/data-table';
import type { BoardTask } from '@/lib/board/board-data';
import { TASK_STATUS_LABELS, taskRef } from '@/lib/board/vocabulary';
import { BacklogRanking, RankHandle, SortableRow } from './backlog-ranking';
import { PlanIntoSprint } from './plan-into-sprint';
import { PriorityBadge } from './priority-badge';

export function BacklogTable({
  project,
  tasks,
  sprints,
  canEdit,
}: {
  project: string;
  tasks: BoardTask[];
  sprints: Array<{ id: string; name: string }>;
  canEdit: boolean;
}) {
  return (
    <BacklogRanking project={project} tasks={tasks} enabled={canEdit}>
      {(ordered) => <RankedTable project={project} tasks={ordered} sprints={sprints} canEdit={canEdit} />}
    </BacklogRanking>
  );
}

function RankedTable({
  project,
  tasks,
  sprints,
  canEdit,
}: {
  project: string;
  tasks: BoardTask[];
  sprints: Array<{ id: string; name: string }>;
  canEdit: boolean;
}) {
  const columns: Column<BoardTask>[] = [
    {
      key: 'rank',
      header: 'Rank',
      value: (t) => tasks.indexOf(t) + 1,
      render: (t) => <RankHandle task={t} rank={tasks.indexOf(t) + 1} />,
    },
    {
      key: 'task',
      header: 'Task',
      value: (t) => `${taskRef(t.number)} ${t.title}`,
      render: (t) => (
        <Link href={`/${project}/board/tasks/${t.id}`} className="text-indigo-700 underline dark:text-indigo-300">
          {taskRef(t.number)} {t.title}
        </Link>
      ),
    },
    { key: 'status', header: 'Column', value: (t) => TASK_STATUS_LABELS[t.status] },
    {
      key: 'priority',
      header: 'Priority',
      value: (t) => t.priority,
      render: (t) => <PriorityBadge priority={t.priority} />,
    },
    { key: 'effort', header: 'Effort', value: (t) => t.effort },
    { key: 'assignee', header: 'Assignee', value: (t) => t.assigneeName ?? '' },
    { key: 'labels', header: 'Labels', value: (t) => t.labels.join(', ') },
    {
      key: 'runs',
      header: 'Runs',
      value: (t) => t.runs.map((r) => `${r.name} (${r.status})`).join('; '),
      render: (t) => (
        <span className="flex flex-wrap gap-1">
          {t.runs.map((r) => (
            <StatusBadge key={r.id} status={r.status} />
          ))}
        </span>
      ),
    },
  ];
  if (canEdit) {
    columns.push({
      key: 'plan',
      header: 'Plan into sprint',
      value: () => '',
      render: (t) => <PlanIntoSprint project={project} taskId={t.id} taskLabel={taskRef(t.number)} sprints={sprints} />,
    });
  }
  return (
    <DataTable
      caption="Backlog"
      columns={columns}
      rows={tasks}
      rowKey={(t) => t.id}
      Row={canEdit ? SortableRow : undefined}
      exportName={`${project}-backlog`}
      empty={{
        title: 'The backlog is empty',
        hint: canEdit
          ? 'Add one with “New task”; plan it into a sprint when the team takes it on.'
          : 'Editors collect upcoming work here.',
        action: canEdit ? { href: '#new-task', label: 'Add a task' } : undefined,
      }}
    />
  );
}
