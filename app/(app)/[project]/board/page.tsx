import Link from 'next/link';
import { BoardFilters } from '@/components/board/board-filters';
import { BoardTabs } from '@/components/board/board-tabs';
import { PrioritiseForm } from '@/components/board/prioritise-form';
import { BurndownChart } from '@/components/charts/lazy-charts';
import { SprintBoard } from '@/components/board/sprint-board';
import { SprintPicker } from '@/components/board/sprint-picker';
import { NewTaskFields } from '@/components/board/task-form-fields';
import { WipLimitsForm } from '@/components/board/wip-limits-form';
import { ActionForm } from '@/components/ui/action-form';
import { DialogButton } from '@/components/ui/dialog';
import { EmptyState } from '@/components/ui/empty-state';
import { PageHeader, Section } from '@/components/ui/page-header';
import { boardFilterOptions, parseBoardFilter } from '@/lib/board/filters';
import { loadBoardPage } from '@/server/pages/board';
import { createTaskAction } from './actions';

export const metadata = { title: 'Board' };

export default async function BoardPage({
  params,
  searchParams,
}: {
  params: Promise<{ project: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const query = await searchParams;
  const { project, canEdit, board } = await loadBoardPage((await params).project, query.sprint);
  const filter = parseBoardFilter(query);
  if (!board) {
    return (
      <>
        <PageHeader
          title="Board"
          description="A kanban of one sprint: cards move through backlog, to do, in progress, review and done."
        />
        <BoardTabs project={project} active="board" />
        <EmptyState
          title="No sprints yet"
          hint={
            canEdit
              ? 'Plan your first two-week sprint on the Sprints page, then add tasks to it here. Until then, collect work in the Backlog.'
              : 'An editor plans sprints on the Sprints page; the board shows the active one.'
          }
          action={{ href: `/${project}/sprints${canEdit ? '#new-sprint' : ''}`, label: 'Plan a sprint' }}
        />
        <p className="mt-4 flex gap-4 text-sm">
          <Link className="text-indigo-700 underline dark:text-indigo-300" href={`/${project}/board?sprint=backlog`}>
            See the backlog as a board
          </Link>
        </p>
      </>
    );
  }

  const { sprint, initial, open, series } = board;
  return (
    <>
      <PageHeader
        title={board.title}
        description={board.description}
        actions={
          <div className="flex flex-wrap items-end gap-3">
            <SprintPicker
              sprints={board.sprints}
              value={sprint?.id ?? 'backlog'}
              action={`/${project}/board`}
              allowBacklog
            />
            {canEdit && open && (
              <DialogButton
                label="New task"
                title="Add a task"
                anchor="new-task"
                description={
                  sprint
                    ? `The card goes to the bottom of its column in ${sprint.name}.`
                    : 'The card goes to the backlog.'
                }
                createMore
              >
                <ActionForm
                  label="Add a task"
                  action={createTaskAction}
                  hidden={{ project: project, sprintId: sprint?.id ?? '' }}
                  submitLabel="Add task"
                >
                  <NewTaskFields members={board.members} />
                </ActionForm>
              </DialogButton>
            )}
            {canEdit && (
              <DialogButton
                label="Column limits"
                variant="secondary"
                description="A work-in-progress limit per column; a column over its limit is flagged. Leave a field empty for no limit."
              >
                <WipLimitsForm project={project} limits={initial.wipLimits} />
              </DialogButton>
            )}
          </div>
        }
      />
      <BoardTabs project={project} active="board" />
      <div className="mb-4 flex flex-wrap items-end justify-between gap-3">
        <BoardFilters
          project={project}
          sprint={sprint?.id ?? 'backlog'}
          options={boardFilterOptions(initial.tasks)}
          filter={filter}
        />
        {canEdit && open && <PrioritiseForm project={project} sprintId={sprint?.id ?? ''} label="Prioritise columns" />}
      </div>
      <SprintBoard
        key={sprint?.id ?? 'backlog'}
        project={project}
        sprint={sprint?.id ?? 'backlog'}
        initial={initial}
        canEdit={canEdit}
        filter={filter}
      />
      <div className="mt-6" />
      {series && sprint && (
        <Section
          title="Burndown"
          description="Remaining points each day against the ideal line; the scope line shows work added or dropped. Burnup and velocity are on the Sprints page."
        >
          <BurndownChart series={series} title={`Burndown of ${sprint.name}`} />
        </Section>
      )}
    </>
  );
}
