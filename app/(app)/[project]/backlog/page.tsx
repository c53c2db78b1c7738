import { createTaskAction, prioritiseAction } from '@/app/(app)/[project]/board/actions';
import { BacklogTable } from '@/components/board/backlog-table';
import { BoardTabs } from '@/components/board/board-tabs';
import { LiveRefresh } from '@/components/live/live-refresh';
import { NewTaskFields } from '@/components/board/task-form-fields';
import { ActionForm } from '@/components/ui/action-form';
import { PageHeader, Section } from '@/components/ui/page-header';
import { getDb } from '@/db/client';
import { listTasks } from '@/db/queries/board';
import { listMembers } from '@/db/queries/projects';
import { listSprints } from '@/db/queries/sprints';
import { roleAtLeast } from '@/lib/domain';
import { requireProjectAccess } from '@/server/project-page';

export const metadata = { title: 'Backlog' };

export default async function BacklogPage({ params }: { params: Promise<{ project: string }> }) {
  const { project, role } = await requireProjectAccess((await params).project);
  const db = await getDb();
  const canEdit = roleAtLeast(role, 'editor');
  const [tasks, sprints, members] = await Promise.all([
    listTasks(db, project.id, null),
    listSprints(db, project.id),
    canEdit ? listMembers(db, project.id) : [],
  ]);
  // Finished work that never joined a sprint is history, not backlog (listTasks orders by column, then rank).
  const open = tasks.filter((t) => t.status !== 'done' && t.status !== 'cancelled');
  const plannable = sprints.filter((s) => s.status !== 'closed').map((s) => ({ id: s.id, name: s.name }));
  return (
    <>
      <PageHeader
        title="Backlog"
        description="Work not yet planned into a sprint, in rank order. “Prioritise” ranks it the way the seed's sprint planner means to: priority first, then the smaller effort."
        actions={<LiveRefresh project={project.slug} />}
      />
      <BoardTabs project={project.slug} active="backlog" />
      {canEdit && (
        <Section
          title="Prioritise the backlog"
          description="Priority ascending (1 is the most urgent), then lower effort first; ties keep their current order."
        >
          <ActionForm
            label="Prioritise the backlog"
            action={prioritiseAction}
            hidden={{ project: project.slug, sprintId: '' }}
            submitLabel="Prioritise"
            submitVariant="secondary"
          />
        </Section>
      )}
      <Section title="Backlog tasks">
        <BacklogTable project={project.slug} tasks={open} sprints={plannable} canEdit={canEdit} />
      </Section>
      {canEdit && (
        <Section title="Add to the backlog">
          <ActionForm
            label="Add to the backlog"
            action={createTaskAction}
            hidden={{ project: project.slug, sprintId: '' }}
            submitLabel="Add task"
            resetOnSuccess
          >
            <NewTaskFields members={members.map((m) => ({ value: m.userId, label: m.name }))} defaultStatus="backlog" />
          </ActionForm>
        </Section>
      )}
    </>
  );
}
