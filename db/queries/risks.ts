import { and, asc, eq, sql } from 'drizzle-orm';
import { resolveStaleSave } from '@/lib/edit-merge';
import { conflict, notFound } from '@/lib/errors';
import {
  type RiskCategory,
  type RiskLevel,
  type RiskResponse,
  type RiskStatus,
  describeRisk,
  residualScore,
  riskScore,
} from '@/lib/risks/scoring';
import type { Db } from '../client';
import { riskScoreChanges, risks, users } from '../schema';
import { type Actor, recordActivity } from './activity';
import { assertMember } from './success-metrics';

export type RiskInput = {
  title: string;
  description: string;
  category: RiskCategory;
  likelihood: RiskLevel;
  impact: RiskLevel;
  ownerId: string | null;
  response: RiskResponse;
  mitigationPlan: string;
  mitigationPct: number;
  status: RiskStatus;
  nextReviewDate: string | null;
};

export async function getRisk(db: Db, projectId: string, id: string) {
  const [row] = await db
    .select({ risk: risks, ownerName: users.name })
    .from(risks)
    .leftJoin(users, eq(users.id, risks.ownerId))
    .where(and(eq(risks.id, id), eq(risks.projectId, projectId)));
  if (!row) throw notFound('Risk');
  return { ...row.risk, ownerName: row.ownerName };
}

/** The register with each risk's owner name; ordering and flags are the caller's (lib/risks sortRisks). */
export async function listRisks(db: Db, projectId: string) {
  const rows = await db
    .select({ risk: risks, ownerName: users.name })
    .from(risks)
    .leftJoin(users, eq(users.id, risks.ownerId))
    .where(eq(risks.projectId, projectId))
    .orderBy(asc(risks.createdAt));
  return rows.map((r) => ({ ...r.risk, ownerName: r.ownerName }));
}

async function recordScore(
  db: Db,
  actor: Actor,
  riskId: string,
  r: { likelihood: RiskLevel; impact: RiskLevel; mitigationPct: number },
) {
  const score = riskScore(r.likelihood, r.impact);
  await db.insert(riskScoreChanges).values({
    riskId,
    likelihood: r.likelihood,
    impact: r.impact,
    mitigationPct: r.mitigationPct,
    score,
    residual: residualScore(score, r.mitigationPct),
    userId: actor.id,
  });
}

export async function createRisk(db: Db, actor: Actor, projectId: string, input: RiskInput) {
  return db.transaction(async (tx) => {
    await assertMember(tx, projectId, input.ownerId);
    const [row] = await tx
      .insert(risks)
      .values({ projectId, ...input })
      .returning();
    await recordScore(tx, actor, row!.id, row!);
    await recordActivity(tx, actor, {
      projectId,
      entityType: 'risk',
      entityId: row!.id,
      action: 'create',
      after: { ...input },
    });
    return row!;
  });
}

/**
 * Saves some fields of a risk. A save made against an older version (`expectedVersion`) is merged field by
 * field against `base`, the values the form was loaded with; a field both changed throws EditConflictError.
 * A change of likelihood, impact or mitigation adds to the score history.
 */
export async function updateRisk(
  db: Db,
  actor: Actor,
  projectId: string,
  id: string,
  expectedVersion: number,
  mine: Partial<RiskInput>,
  base: Partial<RiskInput> | null = null,
) {
  return db.transaction(async (tx) => {
    const before = await getRisk(tx, projectId, id);
    const changes = resolveStaleSave('risk', expectedVersion, before, base, mine, () => describeRisk(before));
    if ('ownerId' in changes) await assertMember(tx, projectId, changes.ownerId ?? null);
    const [after] = await tx
      .update(risks)
      .set({ ...changes, version: sql`${risks.version} + 1`, updatedAt: new Date() })
      .where(and(eq(risks.id, id), eq(risks.projectId, projectId), eq(risks.version, before.version)))
      .returning();
    if (!after) {
      throw conflict(
        `Someone else changed this risk since you opened it. Now: ${describeRisk(before)}. Your change was not saved.`,
      );
    }
    if (
      after.likelihood !== before.likelihood ||
      after.impact !== before.impact ||
      after.mitigationPct !== before.mitigationPct
    ) {
      await recordScore(tx, actor, id, after);
    }
    await recordActivity(tx, actor, {
      projectId,
      entityType: 'risk',
      entityId: id,
      action: 'update',
      before,
      after: { ...changes },
    });
    return after;
  });
}

export async function deleteRisk(db: Db, actor: Actor, projectId: string, id: string) {
  await db.transaction(async (tx) => {
    const before = await getRisk(tx, projectId, id);
    await tx.delete(risks).where(eq(risks.id, id));
    await recordActivity(tx, actor, {
      projectId,
      entityType: 'risk',
      entityId: id,
      action: 'delete',
      before: { title: before.title },
      after: { title: null },
    });
  });
}

/** Every score change of a risk, oldest first, with who made it. */
export async function listRiskScoreHistory(db: Db, riskId: string) {
  return db
    .select({
      id: riskScoreChanges.id,
      likelihood: riskScoreChanges.likelihood,
      impact: riskScoreChanges.impact,
      mitigationPct: riskScoreChanges.mitigationPct,
      score: riskScoreChanges.score,
      residual: riskScoreChanges.residual,
      createdAt: riskScoreChanges.createdAt,
      userName: users.name,
    })
    .from(riskScoreChanges)
    .leftJoin(users, eq(users.id, riskScoreChanges.userId))
    .where(eq(riskScoreChanges.riskId, riskId))
    .orderBy(asc(riskScoreChanges.id));
}
