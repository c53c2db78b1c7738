import Link from 'next/link';
import { BoardTabs } from '@/components/board/board-tabs';
import { LiveRefresh } from '@/components/live/live-refresh';
import { PriorityBadge } from '@/components/board/priority-badge';
import { TaskEditForm } from '@/components/board/task-edit-form';
import { TaskLinksSection } from '@/components/board/task-links-section';
import { TaskMarkdown } from '@/components/board/task-markdown';
import { RUN_PAGE_REFRESH_MS } from '@/components/live/poll';
import { PageHeader, Section } from '@/components/ui/page-header';
import { getDb } from '@/db/client';
import { getTaskDetail } from '@/db/queries/board';
import { listMembers } from '@/db/queries/projects';
import { listSprints } from '@/db/queries/sprints';
import { listLinkTargets, listTaskLinks } from '@/db/queries/task-links';
import { TASK_STATUS_LABELS, taskRef } from '@/lib/board/vocabulary';
import { roleAtLeast } from '@/lib/domain';
import { isLiveRunStatus } from '@/lib/tracking/vocabulary';
import { LocalTime } from '@/components/ui/local-time';
import { uuidId } from '@/lib/ids';
import { orNotFound, paramsOrNotFound } from '@/server/not-found';
import { requireProjectAccess } from '@/server/project-page';

async function loadTask(projectId: string, taskId: string) {
  return orNotFound(getTaskDetail(await getDb(), projectId, await paramsOrNotFound(uuidId, taskId)));
}

export async function generateMetadata({ params }: { params: Promise<{ project: string; taskId: string }> }) {
  const { project, taskId } = await params;
  const { project: row } = await requireProjectAccess(project);
  const { task } = await loadTask(row.id, taskId);
  return { title: `${taskRef(task.number)} ${task.title}` };
}

export default async function TaskPage({ params }: { params: Promise<{ project: string; taskId: string }> }) {
  const { project: slug, taskId } = await params;
  const { project, role, user } = await requireProjectAccess(slug);
  const db = await getDb();
  const { task, assigneeName, sprintName, runs } = await loadTask(project.id, taskId);
  const canEdit = roleAtLeast(role, 'editor');
  const [links, targets, members, sprints] = await Promise.all([
    listTaskLinks(db, task.id),
    canEdit ? listLinkTargets(db, project.id) : null,
    canEdit ? listMembers(db, project.id) : [],
    canEdit ? listSprints(db, project.id) : [],
  ]);
  const running = runs.some((r) => isLiveRunStatus(r.status));
  const boardHref = `/${project.slug}/board${task.sprintId ? `?sprint=${task.sprintId}` : '?sprint=backlog'}`;
  return (
    <>
      <PageHeader
        title={`${taskRef(task.number)} ${task.title}`}
        description={
          <span className="flex flex-wrap items-center gap-2">
            <Link href={boardHref} className="text-indigo-700 underline dark:text-indigo-300">
              {sprintName ?? 'Backlog'}
            </Link>
            <span>· {TASK_STATUS_LABELS[task.status]}</span>
            <PriorityBadge priority={task.priority} />
            <span>· {task.effort} points</span>
            <span>· {assigneeName ?? 'Unassigned'}</span>
            {task.labels.length > 0 && <span>· {task.labels.join(', ')}</span>}
          </span>
        }
        actions={<LiveRefresh project={project.slug} pollMs={running ? RUN_PAGE_REFRESH_MS : undefined} />}
      />
      <BoardTabs project={project.slug} active="board" />
      <Section title="Description">
        <TaskMarkdown source={task.description} />
        <p className="mt-3 text-xs text-zinc-600 dark:text-zinc-400">
          Created <LocalTime value={task.createdAt} /> · last changed <LocalTime value={task.updatedAt} /> · version{' '}
          {task.version}
          {task.completedAt && (
            <>
              {' '}
              · done <LocalTime value={task.completedAt} />
            </>
          )}
        </p>
      </Section>
      <Section title="Links" description="A linked run shows its current status; it updates while the run is going.">
        <TaskLinksSection
          project={project.slug}
          taskId={task.id}
          runs={runs}
          links={links}
          targets={targets}
          canEdit={canEdit}
        />
      </Section>
      {canEdit && (
        <Section
          title="Edit task"
          description="Your draft is kept in this browser until you save. If someone else saves meanwhile, their changes to other fields are kept; where you both changed a field, you choose."
        >
          <TaskEditForm
            user={user.id}
            project={project.slug}
            taskId={task.id}
            version={task.version}
            values={{
              title: task.title,
              description: task.description,
              status: task.status,
              priority: task.priority,
              effort: task.effort,
              assigneeId: task.assigneeId,
              labels: task.labels,
              sprintId: task.sprintId,
            }}
            members={members.map((m) => ({ value: m.userId, label: m.name }))}
            sprints={sprints
              .filter((s) => s.status !== 'closed' || s.id === task.sprintId)
              .map((s) => ({ value: s.id, label: `${s.name} (${s.status})` }))}
          />
        </Section>
      )}
    </>
  );
}
