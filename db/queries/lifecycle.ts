import { and, count, eq, sql } from 'drizzle-orm';
import { LIFECYCLE_STAGES, type LifecycleStage } from '@/lib/domain';
import { DomainError, notFound } from '@/lib/errors';
import {
  type LifecycleFacts,
  attributeGains,
  exitCriteria,
  iterationStarts,
  moveBlocker,
} from '@/lib/overview/lifecycle';
import type { Db } from '../client';
import { datasets, monitors, predictions, projects, risks, runs } from '../schema';
import type { Actor } from './activity';
import { changeProjectStage, listStageChanges } from './projects';
import { countModelVersions } from './registry';
import { type EvaluatedMetric, evaluateSuccessMetrics, listRunMetricValues } from './success-metrics';

export const MONITORING_CAP = 1000;

const countOf = async (query: Promise<Array<{ n: number }>>) => (await query)[0]?.n ?? 0;

/** The counts exit criteria are checked against, read live; pass already evaluated metrics to save a second pass. */
export async function getLifecycleFacts(
  db: Db,
  projectId: string,
  evaluated?: EvaluatedMetric[],
  now = Date.now(),
): Promise<LifecycleFacts> {
  const [project] = await db
    .select({ problemStatement: projects.problemStatement })
    .from(projects)
    .where(eq(projects.id, projectId));
  if (!project) throw notFound('Project');
  const metrics = evaluated ?? (await evaluateSuccessMetrics(db, projectId, now));
  const primary = metrics.filter((m) => m.isPrimary);
  const [riskCount, datasetCount, finishedRuns, versions, monitoringData] = await Promise.all([
    countOf(db.select({ n: count() }).from(risks).where(eq(risks.projectId, projectId))),
    countOf(db.select({ n: count() }).from(datasets).where(eq(datasets.projectId, projectId))),
    countOf(
      db
        .select({ n: count() })
        .from(runs)
        .where(and(eq(runs.projectId, projectId), eq(runs.status, 'FINISHED'), eq(runs.lifecycleStage, 'active'))),
    ),
    countModelVersions(db, projectId),
    // Capped: the criterion needs "some", and counting millions of predictions on every page view would not do.
    countOf(
      db.select({ n: sql<number>`count(*)::int` }).from(
        db
          .select({ one: sql`1`.as('one') })
          .from(predictions)
          .innerJoin(monitors, eq(monitors.id, predictions.monitorId))
          .where(eq(monitors.projectId, projectId))
          .limit(MONITORING_CAP)
          .as('capped'),
      ),
    ),
  ]);
  return {
    hasProblemStatement: project.problemStatement.trim() !== '',
    successMetrics: metrics.length,
    primaryMetrics: primary.length,
    primaryMeasured: primary.filter((m) => m.current !== null).length,
    risks: riskCount,
    datasets: datasetCount,
    finishedRuns,
    modelVersions: versions.all,
    productionVersions: versions.production,
    monitoringData,
  };
}

/**
 * Changes the project's stage after checking the exit criteria from data: with any unmet, the move needs a
 * reason (a field error on `reason` otherwise). Every caller that moves a stage goes through here.
 */
export async function moveProjectStage(
  db: Db,
  actor: Actor,
  projectId: string,
  toStage: LifecycleStage,
  reason: string,
) {
  const [project] = await db.select({ stage: projects.stage }).from(projects).where(eq(projects.id, projectId));
  if (!project) throw notFound('Project');
  if (project.stage === toStage) throw new DomainError('invalid', 'The project is already in that stage.', 'stage');
  const blocker = moveBlocker(project.stage, toStage, await getLifecycleFacts(db, projectId), reason);
  if (blocker) throw new DomainError('invalid', blocker, 'reason');
  await changeProjectStage(db, actor, projectId, toStage, reason.trim());
}

/** Stage, criteria per stage, history, iteration count and which approach moved the first primary run metric per iteration. */
export async function getLifecycleView(db: Db, projectId: string, stage: LifecycleStage, evaluated: EvaluatedMetric[]) {
  const [facts, changes] = await Promise.all([
    getLifecycleFacts(db, projectId, evaluated),
    listStageChanges(db, projectId),
  ]);
  const starts = iterationStarts(
    changes.map((c) => ({ fromStage: c.fromStage, toStage: c.toStage, at: c.createdAt.getTime() })),
  );
  const gainMetric =
    evaluated.find((m) => m.isPrimary && m.source === 'run_metric') ??
    evaluated.find((m) => m.source === 'run_metric') ??
    null;
  const gains =
    gainMetric && gainMetric.sourceKey
      ? attributeGains(
          gainMetric,
          (await listRunMetricValues(db, projectId, gainMetric.sourceKey)).map((r) => ({
            at: r.at,
            value: r.value,
            approach: r.approach,
          })),
          starts,
        )
      : [];
  return {
    stage,
    facts,
    criteria: Object.fromEntries(LIFECYCLE_STAGES.map((s) => [s, exitCriteria(s, facts)])) as Record<
      LifecycleStage,
      ReturnType<typeof exitCriteria>
    >,
    changes,
    iterations: starts.length,
    gainMetric: gainMetric ? { id: gainMetric.id, name: gainMetric.name } : null,
    gains,
  };
}
