import { resolveStaleSave } from '@/lib/edit-merge';
import { and, asc, desc, eq, notInArray, sql } from 'drizzle-orm';
import { DomainError, conflict, notFound } from '@/lib/errors';
import {
  type SuccessMetricInput,
  bestSoFar,
  deadlineInstant,
  describeMetric,
  isAchieved,
  metricDefinitionError,
  metricStatus,
  plannedLine,
} from '@/lib/success-metrics/status';
import type { Db } from '../client';
import {
  driftChecks,
  monitors,
  projectMembers,
  registeredModels,
  runMetrics,
  runs,
  successMetricCheckIns,
  successMetrics,
  users,
} from '../schema';
import { getProductionVersion, listProductionPromotions } from './registry';
import { type Actor, recordActivity } from './activity';

export type { SuccessMetricInput };

/** Owners must be members of the project: a name from elsewhere would leak who else uses the instance. */
export async function assertMember(db: Db, projectId: string, userId: string | null, field = 'ownerId') {
  if (!userId) return;
  const [row] = await db
    .select({ userId: projectMembers.userId })
    .from(projectMembers)
    .where(and(eq(projectMembers.projectId, projectId), eq(projectMembers.userId, userId)));
  if (!row) throw new DomainError('invalid', 'Choose a member of this project', field);
}

function assertDefinition(input: SuccessMetricInput) {
  const error = metricDefinitionError(input);
  if (error) throw new DomainError('invalid', error.message, error.field);
}

async function assertNameFree(db: Db, projectId: string, name: string, exceptId?: string) {
  const [clash] = await db
    .select({ id: successMetrics.id })
    .from(successMetrics)
    .where(and(eq(successMetrics.projectId, projectId), eq(successMetrics.name, name)));
  if (clash && clash.id !== exceptId)
    throw new DomainError('exists', `A success metric named “${name}” already exists.`, 'name');
}

export async function getSuccessMetric(db: Db, projectId: string, id: string) {
  const [row] = await db
    .select({ metric: successMetrics, ownerName: users.name })
    .from(successMetrics)
    .leftJoin(users, eq(users.id, successMetrics.ownerId))
    .where(and(eq(successMetrics.id, id), eq(successMetrics.projectId, projectId)));
  if (!row) throw notFound('Success metric');
  return { ...row.metric, ownerName: row.ownerName };
}

export async function listSuccessMetrics(db: Db, projectId: string) {
  const rows = await db
    .select({ metric: successMetrics, ownerName: users.name })
    .from(successMetrics)
    .leftJoin(users, eq(users.id, successMetrics.ownerId))
    .where(eq(successMetrics.projectId, projectId))
    .orderBy(sql`${successMetrics.isPrimary} desc`, asc(successMetrics.name));
  return rows.map((r) => ({ ...r.metric, ownerName: r.ownerName }));
}

/** The run metric key behind the project's primary success metric (the first by name when several are primary), if any. */
export async function getPrimaryRunMetricKey(db: Db, projectId: string): Promise<string | null> {
  const [row] = await db
    .select({ key: successMetrics.sourceKey })
    .from(successMetrics)
    .where(
      and(
        eq(successMetrics.projectId, projectId),
        eq(successMetrics.isPrimary, true),
        eq(successMetrics.source, 'run_metric'),
        sql`${successMetrics.sourceKey} <> ''`,
      ),
    )
    .orderBy(asc(successMetrics.name))
    .limit(1);
  return row?.key ?? null;
}

export async function createSuccessMetric(db: Db, actor: Actor, projectId: string, input: SuccessMetricInput) {
  assertDefinition(input);
  return db.transaction(async (tx) => {
    await assertNameFree(tx, projectId, input.name);
    await assertMember(tx, projectId, input.ownerId);
    const [row] = await tx
      .insert(successMetrics)
      .values({ projectId, ...input })
      .returning();
    await recordActivity(tx, actor, {
      projectId,
      entityType: 'success-metric',
      entityId: row!.id,
      action: 'create',
      after: { ...input },
    });
    return row!;
  });
}

/** A save made against an older version is merged field by field against `base` (see lib/edit-merge). */
export async function updateSuccessMetric(
  db: Db,
  actor: Actor,
  projectId: string,
  id: string,
  expectedVersion: number,
  mine: SuccessMetricInput,
  base: Partial<SuccessMetricInput> | null = null,
) {
  return db.transaction(async (tx) => {
    const before = await getSuccessMetric(tx, projectId, id);
    const input = resolveStaleSave('success metric', expectedVersion, before, base, mine, () => describeMetric(before));
    assertDefinition(input);
    await assertNameFree(tx, projectId, input.name, id);
    await assertMember(tx, projectId, input.ownerId);
    const [after] = await tx
      .update(successMetrics)
      .set({ ...input, version: sql`${successMetrics.version} + 1`, updatedAt: new Date() })
      .where(
        and(
          eq(successMetrics.id, id),
          eq(successMetrics.projectId, projectId),
          eq(successMetrics.version, before.version),
        ),
      )
      .returning();
    if (!after) {
      throw conflict(
        `Someone else saved this metric since you opened it. Their version: ${describeMetric(before)}. Your change was not saved; reload to apply it on top.`,
      );
    }
    await recordActivity(tx, actor, {
      projectId,
      entityType: 'success-metric',
      entityId: id,
      action: 'update',
      before,
      after: { ...input },
    });
    return after;
  });
}

export async function deleteSuccessMetric(db: Db, actor: Actor, projectId: string, id: string) {
  await db.transaction(async (tx) => {
    const before = await getSuccessMetric(tx, projectId, id);
    await tx.delete(successMetrics).where(eq(successMetrics.id, id));
    await recordActivity(tx, actor, {
      projectId,
      entityType: 'success-metric',
      entityId: id,
      action: 'delete',
      before: { name: before.name },
      after: { name: null },
    });
  });
}

/** A timestamped value typed by a person; only metrics fed by check-ins take them. */
export async function addCheckIn(
  db: Db,
  actor: Actor,
  projectId: string,
  metricId: string,
  input: { value: number; note: string; recordedAt?: Date },
) {
  return db.transaction(async (tx) => {
    const metric = await getSuccessMetric(tx, projectId, metricId);
    if (metric.source !== 'manual')
      throw new DomainError(
        'invalid',
        'This metric reads its value from its linked source; change the source to check in by hand.',
        'value',
      );
    const [row] = await tx
      .insert(successMetricCheckIns)
      .values({
        metricId,
        value: input.value,
        note: input.note,
        recordedAt: input.recordedAt ?? new Date(),
        userId: actor.id,
      })
      .returning();
    await recordActivity(tx, actor, {
      projectId,
      entityType: 'success-metric',
      entityId: metricId,
      action: 'check-in',
      after: { value: input.value, note: input.note },
    });
    return row!;
  });
}

export async function listCheckIns(db: Db, metricId: string) {
  return db
    .select({
      id: successMetricCheckIns.id,
      value: successMetricCheckIns.value,
      note: successMetricCheckIns.note,
      recordedAt: successMetricCheckIns.recordedAt,
      userName: users.name,
    })
    .from(successMetricCheckIns)
    .leftJoin(users, eq(users.id, successMetricCheckIns.userId))
    .where(eq(successMetricCheckIns.metricId, metricId))
    .orderBy(asc(successMetricCheckIns.recordedAt), asc(successMetricCheckIns.id));
}

type Point = { at: number; value: number };
type Metric = Awaited<ReturnType<typeof listSuccessMetrics>>[number];

/** Every active run's latest value of a metric key (failed and killed runs left out), for best-value and history. */
export async function listRunMetricValues(db: Db, projectId: string, key: string) {
  return db
    .select({
      runId: runs.id,
      runName: runs.name,
      approach: runs.approach,
      value: runMetrics.value,
      at: runMetrics.timestamp,
    })
    .from(runMetrics)
    .innerJoin(runs, eq(runs.id, runMetrics.runId))
    .where(
      and(
        eq(runs.projectId, projectId),
        eq(runMetrics.key, key),
        eq(runs.lifecycleStage, 'active'),
        notInArray(runs.status, ['FAILED', 'KILLED']),
      ),
    )
    .orderBy(asc(runMetrics.timestamp));
}

/** The Production version of a model and the history of what Production held, from the registry's transitions. */
async function productionSource(db: Db, projectId: string, model: string, key: string) {
  const [current, promotions] = await Promise.all([
    getProductionVersion(db, projectId, model),
    listProductionPromotions(db, projectId, model),
  ]);
  const history = promotions.flatMap((p) =>
    typeof p.metrics[key] === 'number' ? [{ at: p.at.getTime(), value: p.metrics[key] }] : [],
  );
  const value = current && typeof current.metrics[key] === 'number' ? current.metrics[key] : null;
  return { value, version: current ? { model, version: current.version } : null, history };
}

/** A monitored model's live performance metric, one point per finished drift check (the latest 500). */
async function monitoringSource(db: Db, projectId: string, model: string, key: string) {
  const checks = await db
    .select({ at: driftChecks.windowEnd, performance: driftChecks.performance })
    .from(driftChecks)
    .innerJoin(monitors, eq(monitors.id, driftChecks.monitorId))
    .innerJoin(registeredModels, eq(registeredModels.id, monitors.modelId))
    .where(and(eq(driftChecks.projectId, projectId), eq(registeredModels.name, model), eq(driftChecks.status, 'done')))
    .orderBy(desc(driftChecks.windowEnd))
    .limit(500);
  const history = checks
    .flatMap((c) => {
      const value = c.performance.find((p) => p.metric === key)?.value;
      return typeof value === 'number' && Number.isFinite(value) ? [{ at: c.at.getTime(), value }] : [];
    })
    .reverse();
  return { value: history.at(-1)?.value ?? null, history };
}

export type EvaluatedMetric = Metric & {
  current: number | null;
  currentAt: number | null;
  history: Point[];
  planned: Point[] | null;
  status: ReturnType<typeof metricStatus>;
  achieved: boolean;
  bestRun: { id: string; name: string } | null;
  productionVersion: { model: string; version: number } | null;
};

/** Current value, history, status and achievement of one metric, read live from its source. */
export async function evaluateMetric(db: Db, projectId: string, m: Metric, now: number): Promise<EvaluatedMetric> {
  let history: Point[] = [];
  let bestRun: EvaluatedMetric['bestRun'] = null;
  let productionVersion: EvaluatedMetric['productionVersion'] = null;
  let current: number | null = null;
  if (m.source === 'manual') {
    history = (await listCheckIns(db, m.id)).map((c) => ({ at: c.recordedAt.getTime(), value: c.value }));
    current = history.at(-1)?.value ?? null;
  } else if (m.source === 'run_metric' && m.sourceKey) {
    const values = await listRunMetricValues(db, projectId, m.sourceKey);
    history = bestSoFar(m, values);
    const best = history.at(-1);
    current = best?.value ?? null;
    const run = best ? values.find((v) => v.at === best.at && v.value === best.value) : undefined;
    bestRun = run ? { id: run.runId, name: run.runName } : null;
  } else if (m.source === 'production_model' && m.sourceKey && m.sourceModel) {
    const source = await productionSource(db, projectId, m.sourceModel, m.sourceKey);
    history = source.history;
    current = source.value;
    productionVersion = source.version;
  } else if (m.source === 'monitoring' && m.sourceKey && m.sourceModel) {
    const source = await monitoringSource(db, projectId, m.sourceModel, m.sourceKey);
    history = source.history;
    current = source.value;
  }
  const currentAt = current === null ? null : (history.at(-1)?.at ?? null);
  const timing = { createdAt: m.createdAt.getTime(), deadline: deadlineInstant(m.deadline) };
  return {
    ...m,
    current,
    currentAt,
    history,
    planned: plannedLine({ ...m, ...timing }),
    status: metricStatus({ ...m, ...timing, current, now }),
    achieved: isAchieved(m, current),
    bestRun,
    productionVersion,
  };
}

export async function evaluateSuccessMetrics(db: Db, projectId: string, now: number): Promise<EvaluatedMetric[]> {
  const metrics = await listSuccessMetrics(db, projectId);
  return Promise.all(metrics.map((m) => evaluateMetric(db, projectId, m, now)));
}

/** Metric keys logged in the project and model names, to offer as sources. */
export async function listMetricSourceOptions(db: Db, projectId: string) {
  const [keys, models] = await Promise.all([
    db
      .selectDistinct({ key: runMetrics.key })
      .from(runMetrics)
      .innerJoin(runs, eq(runs.id, runMetrics.runId))
      .where(eq(runs.projectId, projectId))
      .orderBy(asc(runMetrics.key))
      .limit(500),
    db
      .select({ name: registeredModels.name })
      .from(registeredModels)
      .where(eq(registeredModels.projectId, projectId))
      .orderBy(asc(registeredModels.name)),
  ]);
  return { keys: keys.map((k) => k.key), models: models.map((m) => m.name) };
}
