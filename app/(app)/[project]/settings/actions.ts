'use server';

import { z } from 'zod';
import { moveProjectStage } from '@/db/queries/lifecycle';
import { addMember, removeMember, setMemberRole, updateProject } from '@/db/queries/projects';
import { createApiToken, revokeApiToken } from '@/db/queries/tokens';
import { LIFECYCLE_STAGES, PROJECT_ROLES } from '@/lib/domain';
import { emailSchema, nameSchema } from '@/lib/validation';
import { rowVersion } from '@/lib/forms';
import { defineAction, revalidateProject } from '@/server/action';

export const updateProjectDetails = defineAction(
  'editor',
  z.object({
    version: rowVersion,
    name: nameSchema(),
    problemStatement: z.string().trim().max(5000, 'Use at most 5000 characters'),
  }),
  async ({ db, user, project, input }) => {
    await updateProject(db, user, project.id, input.version, {
      name: input.name,
      problemStatement: input.problemStatement,
    });
    revalidateProject(project.slug);
    return { ok: true, data: undefined, message: 'Saved.' };
  },
);

export const changeStageAction = defineAction(
  'editor',
  z.object({
    stage: z.enum(LIFECYCLE_STAGES, 'Choose a lifecycle stage'),
    reason: z.string().trim().max(1000, 'Use at most 1000 characters').default(''),
  }),
  async ({ db, user, project, input }) => {
    // Exit criteria are checked from data; with any unmet, the move needs a reason.
    await moveProjectStage(db, user, project.id, input.stage, input.reason);
    revalidateProject(project.slug);
    return { ok: true, data: undefined, message: 'Stage changed.' };
  },
);

const role = z.enum(PROJECT_ROLES, 'Choose viewer, editor or owner');

export const addMemberAction = defineAction(
  'owner',
  z.object({ email: emailSchema, role }),
  async ({ db, user, project, input }) => {
    await addMember(db, user, project.id, input.email, input.role);
    revalidateProject(project.slug);
    return { ok: true, data: undefined, message: `${input.email} added as ${input.role}.` };
  },
);

export const setMemberRoleAction = defineAction(
  'owner',
  z.object({ userId: z.string().min(1).max(64), role }),
  async ({ db, user, project, input }) => {
    await setMemberRole(db, user, project.id, input.userId, input.role);
    revalidateProject(project.slug);
    return { ok: true, data: undefined, message: 'Role updated.' };
  },
);

export const removeMemberAction = defineAction(
  'owner',
  z.object({ userId: z.string().min(1).max(64) }),
  async ({ db, user, project, input }) => {
    await removeMember(db, user, project.id, input.userId);
    revalidateProject(project.slug);
    return { ok: true, data: undefined, message: 'Member removed.' };
  },
);

// Any member may hold a token; it acts with that member's role, so a viewer's token can only read.
export const createTokenAction = defineAction(
  'viewer',
  z.object({ name: nameSchema(80) }),
  async ({ db, user, project, input }) => {
    const { token } = await createApiToken(db, user, project.id, input.name);
    revalidateProject(project.slug);
    return { ok: true, data: { token }, message: 'Token created. Copy it now: it is shown only once.' };
  },
);

export const revokeTokenAction = defineAction(
  'viewer',
  z.object({ tokenId: z.uuid('Unknown token') }),
  async ({ db, user, project, role, input }) => {
    // Owners can revoke any token of the project; others only their own.
    await revokeApiToken(db, user, project.id, input.tokenId, role === 'owner' ? undefined : user.id);
    revalidateProject(project.slug);
    return { ok: true, data: undefined, message: 'Token revoked.' };
  },
);
