import Link from 'next/link';
import { BoardTabs } from '@/components/board/board-tabs';
import { BurndownChart } from '@/components/board/burndown-chart';
import { SprintBoard } from '@/components/board/sprint-board';
import { SprintPicker } from '@/components/board/sprint-picker';
import { NewTaskFields } from '@/components/board/task-form-fields';
import { WipLimitsForm } from '@/components/board/wip-limits-form';
import { ActionForm } from '@/components/ui/action-form';
import { EmptyState } from '@/components/ui/empty-state';
import { PageHeader, Section } from '@/components/ui/page-header';
import { getDb } from '@/db/client';
import { getBoardData } from '@/db/queries/board';
import { listSprintSnapshots } from '@/db/queries/board-snapshots';
import { listMembers } from '@/db/queries/projects';
import { getDefaultSprint, listSprints } from '@/db/queries/sprints';
import { SPRINT_STATUS_LABELS } from '@/lib/board/vocabulary';
import { buildBurnSeries, dayOf } from '@/lib/board/burndown';
import { roleAtLeast } from '@/lib/domain';
import { requireProjectAccess } from '@/server/project-page';
import { createTaskAction, prioritiseAction } from './actions';

export const metadata = { title: 'Board' };

export default async function BoardPage({
  params,
  searchParams,
}: {
  params: Promise<{ project: string }>;
  searchParams: Promise<{ sprint?: string | string[] }>;
}) {
  const { project, role } = await requireProjectAccess((await params).project);
  const wanted = (await searchParams).sprint;
  const db = await getDb();
  const canEdit = roleAtLeast(role, 'editor');
  const sprints = await listSprints(db, project.id);
  const backlog = wanted === 'backlog';
  const sprint = backlog ? null : (sprints.find((s) => s.id === wanted) ?? (await getDefaultSprint(db, project.id)));

  if (!sprint && !backlog) {
    return (
      <>
        <PageHeader
          title="Board"
          description="A kanban of one sprint: cards move through backlog, to do, in progress, review and done."
        />
        <BoardTabs project={project.slug} active="board" />
        <EmptyState
          title="No sprints yet"
          hint={
            canEdit
              ? 'Plan your first two-week sprint on the Sprints page, then add tasks to it here. Until then, collect work in the Backlog.'
              : 'An editor plans sprints on the Sprints page; the board shows the active one.'
          }
        />
        <p className="mt-4 flex gap-4 text-sm">
          <Link className="text-indigo-700 underline dark:text-indigo-300" href={`/${project.slug}/sprints`}>
            Plan a sprint
          </Link>
          <Link
            className="text-indigo-700 underline dark:text-indigo-300"
            href={`/${project.slug}/board?sprint=backlog`}
          >
            See the backlog as a board
          </Link>
        </p>
      </>
    );
  }

  const [initial, members] = await Promise.all([
    getBoardData(db, project.id, sprint?.id ?? null),
    listMembers(db, project.id),
  ]);
  const today = dayOf(new Date());
  const series =
    sprint && sprint.status !== 'planned'
      ? buildBurnSeries(sprint, await listSprintSnapshots(db, project.id, sprint.id), today)
      : null;
  const open = !sprint || sprint.status !== 'closed';
  const memberOptions = members.map((m) => ({ value: m.userId, label: m.name }));
  const description = sprint
    ? `${SPRINT_STATUS_LABELS[sprint.status]} · ${sprint.startDate} to ${sprint.endDate}${sprint.goal ? ` · Goal: ${sprint.goal}` : ''}`
    : 'Tasks not planned into any sprint, by column.';
  return (
    <>
      <PageHeader
        title={sprint ? sprint.name : 'Backlog board'}
        description={description}
        actions={
          <SprintPicker
            sprints={sprints}
            value={sprint?.id ?? 'backlog'}
            action={`/${project.slug}/board`}
            allowBacklog
          />
        }
      />
      <BoardTabs project={project.slug} active="board" />
      <SprintBoard
        key={sprint?.id ?? 'backlog'}
        project={project.slug}
        sprint={sprint?.id ?? 'backlog'}
        initial={initial}
        canEdit={canEdit}
      />
      <div className="mt-6" />
      {canEdit && open && (
        <Section
          title="Add a task"
          description={
            sprint ? `The card goes to the bottom of its column in ${sprint.name}.` : 'The card goes to the backlog.'
          }
        >
          <ActionForm
            label="Add a task"
            action={createTaskAction}
            hidden={{ project: project.slug, sprintId: sprint?.id ?? '' }}
            submitLabel="Add task"
            resetOnSuccess
          >
            <NewTaskFields members={memberOptions} />
          </ActionForm>
        </Section>
      )}
      {canEdit && open && (
        <Section
          title="Prioritise"
          description="Reorders every column: priority first (1 is the most urgent), then the smaller effort first."
        >
          <ActionForm
            label="Prioritise columns"
            action={prioritiseAction}
            hidden={{ project: project.slug, sprintId: sprint?.id ?? '' }}
            submitLabel="Prioritise"
            submitVariant="secondary"
          />
        </Section>
      )}
      {series && sprint && (
        <Section
          title="Burndown"
          description="Remaining points each day against the ideal line; the scope line shows work added or dropped. Burnup and velocity are on the Sprints page."
        >
          <BurndownChart series={series} title={`Burndown of ${sprint.name}`} />
        </Section>
      )}
      {canEdit && (
        <Section
          title="Column limits"
          description="A work-in-progress limit per column; a column over its limit is flagged. Leave a field empty for no limit."
        >
          <WipLimitsForm project={project.slug} limits={initial.wipLimits} />
        </Section>
      )}
    </>
  );
}
