import { getDb } from '@/db/client';
import { getBoardData, listTasks } from '@/db/queries/board';
import { listSprintSnapshots } from '@/db/queries/board-snapshots';
import { listMembers } from '@/db/queries/projects';
import { getDefaultSprint, getVelocity, listSprints } from '@/db/queries/sprints';
import { addDays, averageVelocity, buildBurnSeries, dayOf, scopeChanges } from '@/lib/board/burndown';
import { SPRINT_STATUS_LABELS } from '@/lib/board/vocabulary';
import { roleAtLeast } from '@/lib/domain';
import { requireProjectAccess } from '@/server/project-page';
import { formatDay } from '@/lib/format';

/** What every board page starts from: the project, whether the reader may edit, and the database. */
async function boardAccess(slug: string) {
  const { project, role } = await requireProjectAccess(slug);
  return { project, canEdit: roleAtLeast(role, 'editor'), db: await getDb() };
}

const goalText = (goal: string) => (goal ? ` · Goal: ${goal}` : '');

type Member = { userId: string; name: string };
const memberOptions = (members: Member[]) => members.map((m) => ({ value: m.userId, label: m.name }));
const pickable = (sprints: { id: string; name: string; status: 'planned' | 'active' | 'closed' }[]) =>
  sprints.map(({ id, name, status }) => ({ id, name, status }));

/** The kanban of one sprint (`?sprint=<id>`, the default sprint, or `backlog`); `board: null` when there is none. */
export async function loadBoardPage(slug: string, wanted: string | string[] | undefined) {
  const { project, canEdit, db } = await boardAccess(slug);
  const sprints = await listSprints(db, project.id);
  const backlog = wanted === 'backlog';
  const sprint = backlog ? null : (sprints.find((s) => s.id === wanted) ?? (await getDefaultSprint(db, project.id)));
  if (!sprint && !backlog) return { project: project.slug, canEdit, board: null };
  const [initial, members] = await Promise.all([
    getBoardData(db, project.id, sprint?.id ?? null),
    listMembers(db, project.id),
  ]);
  const series =
    sprint && sprint.status !== 'planned'
      ? buildBurnSeries(sprint, await listSprintSnapshots(db, project.id, sprint.id), dayOf(new Date()))
      : null;
  return {
    project: project.slug,
    canEdit,
    board: {
      sprint: sprint && { id: sprint.id, name: sprint.name, version: sprint.version },
      title: sprint ? sprint.name : 'Backlog board',
      description: sprint
        ? `${SPRINT_STATUS_LABELS[sprint.status]} · ${formatDay(sprint.startDate)} to ${formatDay(sprint.endDate)}${goalText(sprint.goal)}`
        : 'Tasks not planned into any sprint, by column.',
      sprints: pickable(sprints),
      initial,
      open: !sprint || sprint.status !== 'closed',
      members: memberOptions(members),
      series,
    },
  };
}

/** Work not yet planned into a sprint; finished work that never joined one is history, not backlog. */
export async function loadBacklogPage(slug: string) {
  const { project, canEdit, db } = await boardAccess(slug);
  const [tasks, sprints, members] = await Promise.all([
    listTasks(db, project.id, null),
    listSprints(db, project.id),
    canEdit ? listMembers(db, project.id) : [],
  ]);
  return {
    project: project.slug,
    canEdit,
    // listTasks orders by column, then rank.
    tasks: tasks.filter((t) => t.status !== 'done' && t.status !== 'cancelled'),
    sprints: sprints.filter((s) => s.status !== 'closed').map((s) => ({ id: s.id, name: s.name })),
    members: memberOptions(members),
  };
}

/** Every sprint, the burndown and burnup of the chosen one, and velocity. */
export async function loadSprintsPage(slug: string, wanted: string | string[] | undefined) {
  const { project, canEdit, db } = await boardAccess(slug);
  const [sprints, velocity] = await Promise.all([listSprints(db, project.id), getVelocity(db, project.id, 6)]);
  const today = dayOf(new Date());
  // Charts open on the running sprint, else the latest closed one (a planned sprint has no history yet).
  const selected =
    sprints.find((s) => s.id === wanted) ??
    sprints.find((s) => s.status === 'active') ??
    sprints.find((s) => s.status === 'closed') ??
    sprints[0];
  const series = selected
    ? buildBurnSeries(selected, await listSprintSnapshots(db, project.id, selected.id), today)
    : [];
  const changes = scopeChanges(series);
  const last = series.filter((p) => p.remaining !== null).at(-1);
  const latestEnd = sprints.reduce<string | null>((m, s) => (!m || s.endDate > m ? s.endDate : m), null);
  const summary = !selected
    ? ''
    : `${selected.name}: ${
        last
          ? `${last.completed} of ${last.scope} points done, ${last.remaining} remaining`
          : 'no snapshot yet (the first is written when the sprint starts)'
      }${
        changes.length > 0
          ? ` · scope changed on ${changes.length} ${changes.length === 1 ? 'day' : 'days'} (${changes.map((c) => `${c.delta > 0 ? '+' : ''}${c.delta} on ${formatDay(c.day)}`).join(', ')})`
          : ''
      }`;
  return {
    project: project.slug,
    canEdit,
    rows: sprints.map(({ id, name, goal, status, startDate, endDate, taskCount, points, donePoints, frozen }) => ({
      id,
      name,
      goal,
      status,
      startDate,
      endDate,
      taskCount,
      points,
      donePoints,
      frozen,
    })),
    sprints: pickable(sprints),
    nextName: `Sprint ${sprints.length + 1}`,
    nextStart: latestEnd && latestEnd >= today ? addDays(latestEnd, 1) : today,
    selected,
    summary,
    series,
    velocity,
    average: averageVelocity(velocity),
  };
}
