import { and, asc, count, desc, eq, sql } from 'drizzle-orm';
import { experimentArtifactLocation } from '@/lib/artifacts/paths';
import { type LifecycleStage, type ProjectRole } from '@/lib/domain';
import { DomainError, conflict, notFound } from '@/lib/errors';
import type { Db } from '../client';
import { experiments, projectMembers, projects, stageChanges, users } from '../schema';
import { type Actor, recordActivity } from './activity';
import { notifyLive } from './live-events';
import { getUserByEmail } from './users';

export type ProjectAccess = { project: typeof projects.$inferSelect; role: ProjectRole };

/** A project and the caller's role in it; instance admins act as owners everywhere. Null hides the project entirely. */
export async function getProjectAccess(db: Db, slug: string, actor: Actor): Promise<ProjectAccess | null> {
  const [row] = await db
    .select({ project: projects, role: projectMembers.role })
    .from(projects)
    .leftJoin(projectMembers, and(eq(projectMembers.projectId, projects.id), eq(projectMembers.userId, actor.id)))
    .where(eq(projects.slug, slug));
  if (!row) return null;
  if (actor.isAdmin) return { project: row.project, role: 'owner' };
  return row.role ? { project: row.project, role: row.role } : null;
}

export async function listProjectsForUser(db: Db, actor: Actor) {
  const base = db
    .select({
      id: projects.id,
      slug: projects.slug,
      name: projects.name,
      stage: projects.stage,
      problemStatement: projects.problemStatement,
      updatedAt: projects.updatedAt,
      role: projectMembers.role,
    })
    .from(projects)
    .leftJoin(projectMembers, and(eq(projectMembers.projectId, projects.id), eq(projectMembers.userId, actor.id)));
  const rows = actor.isAdmin
    ? await base.orderBy(asc(projects.name))
    : await base.where(sql`${projectMembers.role} is not null`).orderBy(asc(projects.name));
  return rows.map((r) => ({ ...r, role: (actor.isAdmin ? 'owner' : r.role) as ProjectRole }));
}

/** Tells every instance that the user signed out, so their session's live streams in each project end at once. */
export async function notifySignedOut(db: Db, user: Actor): Promise<void> {
  const visible = await listProjectsForUser(db, user);
  await db.transaction(async (tx) => {
    for (const project of visible) await notifyLive(tx, { projectId: project.id, entity: 'session', id: user.id });
  });
}

export type NewProject = { slug: string; name: string; problemStatement: string };

/**
 * Creates a project with its owner (the actor unless `ownerId` names another user). A null actor and owner make
 * a project with no members yet, as the demo seed does on an instance without users: instance admins see every
 * project, so the first admin finds it and can add members.
 */
export async function createProject(
  db: Db,
  actor: Actor | null,
  input: NewProject,
  ownerId: string | null = actor?.id ?? null,
) {
  return db.transaction(async (tx) => {
    const [taken] = await tx.select({ id: projects.id }).from(projects).where(eq(projects.slug, input.slug));
    if (taken) throw new DomainError('exists', `The slug "${input.slug}" is already used by another project.`, 'slug');
    const [project] = await tx.insert(projects).values(input).returning();
    if (ownerId) await tx.insert(projectMembers).values({ projectId: project!.id, userId: ownerId, role: 'owner' });
    await tx.insert(stageChanges).values({
      projectId: project!.id,
      toStage: project!.stage,
      userId: actor?.id ?? null,
      reason: 'Project created',
    });
    // Every project has MLflow's "Default" experiment, so clients that never pick one still log somewhere.
    const [defaultExperiment] = await tx
      .insert(experiments)
      .values({ projectId: project!.id, name: 'Default' })
      .returning({ id: experiments.id });
    await tx
      .update(experiments)
      .set({ artifactLocation: experimentArtifactLocation(project!.slug, defaultExperiment!.id) })
      .where(eq(experiments.id, defaultExperiment!.id));
    await recordActivity(tx, actor, {
      projectId: project!.id,
      entityType: 'project',
      entityId: project!.id,
      action: 'create',
      after: { name: input.name, slug: input.slug, problemStatement: input.problemStatement, stage: project!.stage },
    });
    return project!;
  });
}

export type ProjectChanges = Partial<Pick<NewProject, 'name' | 'problemStatement'>>;

/** Optimistic concurrency: the update only lands if nobody saved since `expectedVersion`. */
export async function updateProject(
  db: Db,
  actor: Actor,
  projectId: string,
  expectedVersion: number,
  changes: ProjectChanges,
) {
  return db.transaction(async (tx) => {
    const [before] = await tx.select().from(projects).where(eq(projects.id, projectId));
    if (!before) throw notFound('Project');
    const [after] = await tx
      .update(projects)
      .set({ ...changes, version: sql`${projects.version} + 1`, updatedAt: new Date() })
      .where(and(eq(projects.id, projectId), eq(projects.version, expectedVersion)))
      .returning();
    if (!after)
      throw conflict(
        'Someone else saved this project since you opened it. Reload to see their change, then apply yours again.',
      );
    await recordActivity(tx, actor, {
      projectId,
      entityType: 'project',
      entityId: projectId,
      action: 'update',
      before,
      after: changes,
    });
    await notifyLive(tx, { projectId, entity: 'project', id: projectId });
    return after;
  });
}

export async function changeProjectStage(
  db: Db,
  actor: Actor,
  projectId: string,
  toStage: LifecycleStage,
  reason: string,
) {
  return db.transaction(async (tx) => {
    const [before] = await tx.select().from(projects).where(eq(projects.id, projectId)).for('update');
    if (!before) throw notFound('Project');
    if (before.stage === toStage) throw new DomainError('invalid', 'The project is already in that stage.', 'stage');
    await tx
      .update(projects)
      .set({ stage: toStage, version: sql`${projects.version} + 1`, updatedAt: new Date() })
      .where(eq(projects.id, projectId));
    await tx.insert(stageChanges).values({ projectId, fromStage: before.stage, toStage, reason, userId: actor.id });
    await recordActivity(tx, actor, {
      projectId,
      entityType: 'project',
      entityId: projectId,
      action: 'change-stage',
      before: { stage: before.stage },
      after: { stage: toStage, reason },
    });
    await notifyLive(tx, { projectId, entity: 'project', id: projectId });
  });
}

export async function listStageChanges(db: Db, projectId: string) {
  return db
    .select({
      id: stageChanges.id,
      fromStage: stageChanges.fromStage,
      toStage: stageChanges.toStage,
      reason: stageChanges.reason,
      createdAt: stageChanges.createdAt,
      userName: users.name,
    })
    .from(stageChanges)
    .leftJoin(users, eq(users.id, stageChanges.userId))
    .where(eq(stageChanges.projectId, projectId))
    .orderBy(desc(stageChanges.id));
}

export async function getProjectBySlug(db: Db, slug: string) {
  const [row] = await db.select().from(projects).where(eq(projects.slug, slug));
  return row ?? null;
}

// Members

export async function listMembers(db: Db, projectId: string) {
  return db
    .select({
      userId: users.id,
      name: users.name,
      email: users.email,
      role: projectMembers.role,
      createdAt: projectMembers.createdAt,
    })
    .from(projectMembers)
    .innerJoin(users, eq(users.id, projectMembers.userId))
    .where(eq(projectMembers.projectId, projectId))
    .orderBy(asc(users.name));
}

export async function addMember(db: Db, actor: Actor, projectId: string, email: string, role: ProjectRole) {
  return db.transaction(async (tx) => {
    const user = await getUserByEmail(tx, email);
    if (!user)
      throw new DomainError(
        'not_found',
        `No user has the email ${email}. An administrator must create the account first.`,
        'email',
      );
    const [existing] = await tx
      .select()
      .from(projectMembers)
      .where(and(eq(projectMembers.projectId, projectId), eq(projectMembers.userId, user.id)));
    if (existing) throw new DomainError('exists', `${email} is already a member (${existing.role}).`, 'email');
    await tx.insert(projectMembers).values({ projectId, userId: user.id, role });
    await recordActivity(tx, actor, {
      projectId,
      entityType: 'member',
      entityId: user.id,
      action: 'add',
      after: { email: user.email, role },
    });
    return user;
  });
}

async function assertOwnerRemains(tx: Db, projectId: string, userId: string) {
  // Serialise owner changes per project: two owners leaving at once would each see the other remain.
  await tx.select({ id: projects.id }).from(projects).where(eq(projects.id, projectId)).for('update');
  const [owners] = await tx
    .select({ n: count() })
    .from(projectMembers)
    .where(
      and(
        eq(projectMembers.projectId, projectId),
        eq(projectMembers.role, 'owner'),
        sql`${projectMembers.userId} <> ${userId}`,
      ),
    );
  if ((owners?.n ?? 0) === 0) throw new DomainError('conflict', 'A project needs at least one owner.');
}

export async function setMemberRole(db: Db, actor: Actor, projectId: string, userId: string, role: ProjectRole) {
  await db.transaction(async (tx) => {
    const [before] = await tx
      .select()
      .from(projectMembers)
      .where(and(eq(projectMembers.projectId, projectId), eq(projectMembers.userId, userId)))
      .for('update');
    if (!before) throw notFound('Member');
    if (before.role === 'owner' && role !== 'owner') await assertOwnerRemains(tx, projectId, userId);
    await tx
      .update(projectMembers)
      .set({ role, updatedAt: new Date() })
      .where(and(eq(projectMembers.projectId, projectId), eq(projectMembers.userId, userId)));
    await recordActivity(tx, actor, {
      projectId,
      entityType: 'member',
      entityId: userId,
      action: 'update',
      before,
      after: { role },
    });
    await notifyLive(tx, { projectId, entity: 'role', id: userId });
  });
}

export async function removeMember(db: Db, actor: Actor, projectId: string, userId: string) {
  await db.transaction(async (tx) => {
    const [before] = await tx
      .select()
      .from(projectMembers)
      .where(and(eq(projectMembers.projectId, projectId), eq(projectMembers.userId, userId)))
      .for('update');
    if (!before) throw notFound('Member');
    if (before.role === 'owner') await assertOwnerRemains(tx, projectId, userId);
    await tx
      .delete(projectMembers)
      .where(and(eq(projectMembers.projectId, projectId), eq(projectMembers.userId, userId)));
    await recordActivity(tx, actor, {
      projectId,
      entityType: 'member',
      entityId: userId,
      action: 'remove',
      before: { role: before.role },
      after: { role: null },
    });
    await notifyLive(tx, { projectId, entity: 'member', id: userId });
  });
}
