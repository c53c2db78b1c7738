import { createTaskAction } from '@/app/(app)/[project]/board/actions';
import { BacklogTable } from '@/components/board/backlog-table';
import { BoardTabs } from '@/components/board/board-tabs';
import { PrioritiseForm } from '@/components/board/prioritise-form';
import { LiveRefresh } from '@/components/live/live-refresh';
import { NewTaskFields } from '@/components/board/task-form-fields';
import { ActionForm } from '@/components/ui/action-form';
import { DialogButton } from '@/components/ui/dialog';
import { PageHeader, Section } from '@/components/ui/page-header';
import { loadBacklogPage } from '@/server/pages/board';

export const metadata = { title: 'Backlog' };

export default async function BacklogPage({ params }: { params: Promise<{ project: string }> }) {
  const { project, canEdit, tasks, sprints, members } = await loadBacklogPage((await params).project);
  return (
    <>
      <PageHeader
        title="Backlog"
        description="Work not yet planned into a sprint, in rank order. “Prioritise” ranks it the way sprint planning does: priority first, then the smaller effort."
        actions={
          <div className="flex flex-wrap items-center gap-3">
            <LiveRefresh project={project} />
            {canEdit && <PrioritiseForm project={project} sprintId="" label="Prioritise the backlog" />}
            {canEdit && (
              <DialogButton
                label="New task"
                title="Add to the backlog"
                anchor="new-task"
                description="The task joins the end of the backlog until it is planned into a sprint."
                createMore
              >
                <ActionForm
                  label="Add to the backlog"
                  action={createTaskAction}
                  hidden={{ project: project, sprintId: '' }}
                  submitLabel="Add task"
                >
                  <NewTaskFields members={members} defaultStatus="backlog" />
                </ActionForm>
              </DialogButton>
            )}
          </div>
        }
      />
      <BoardTabs project={project} active="backlog" />
      <Section title="Backlog tasks">
        <BacklogTable project={project} tasks={tasks} sprints={sprints} canEdit={canEdit} />
      </Section>
    </>
  );
}
