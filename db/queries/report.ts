import { resolveStaleSave } from '@/lib/edit-merge';
import { and, asc, count, desc, eq, sql } from 'drizzle-orm';
import type { LifecycleStage } from '@/lib/domain';
import { conflict } from '@/lib/errors';
import { type ReportData, type ReportSection, SECTION_TITLES } from '@/lib/report/render';
import { sortRisks, withScores } from '@/lib/risks/scoring';
import { todayUtc } from '@/lib/success-metrics/status';
import type { Db } from '../client';
import { datasets, modelVersions, registeredModels, reportNarratives, runInputs, runs, users } from '../schema';
import { type Actor, recordActivity } from './activity';
import { listAbTestResults } from './ab-tests';
import { listExperiments } from './experiments';
import { listMonitors } from './monitoring';
import { getOverview } from './overview';
import { listSubProblems } from './problem';
import { listRisks } from './risks';

export async function listReportNarratives(db: Db, projectId: string) {
  const rows = await db
    .select({
      section: reportNarratives.section,
      body: reportNarratives.body,
      version: reportNarratives.version,
      updatedAt: reportNarratives.updatedAt,
      updatedBy: users.name,
    })
    .from(reportNarratives)
    .leftJoin(users, eq(users.id, reportNarratives.updatedBy))
    .where(eq(reportNarratives.projectId, projectId));
  return Object.fromEntries(rows.map((r) => [r.section, r])) as Partial<Record<ReportSection, (typeof rows)[number]>>;
}

/**
 * Saves a section's narrative if nobody saved it since `expectedVersion` (0 = not written yet);
 * a stale save is refused with the other person's text in the message.
 */
export async function saveReportNarrative(
  db: Db,
  actor: Actor,
  projectId: string,
  section: ReportSection,
  expectedVersion: number,
  mine: string,
  base: string | null = null,
) {
  return db.transaction(async (tx) => {
    const [before] = await tx
      .select()
      .from(reportNarratives)
      .where(and(eq(reportNarratives.projectId, projectId), eq(reportNarratives.section, section)))
      .for('update');
    const stale = () =>
      conflict(
        `Someone else saved the ${SECTION_TITLES[section]} narrative since you opened it. Their text: “${(before?.body ?? '').slice(0, 500)}”. Your text was not saved; copy it, reload and merge.`,
      );
    const current = { body: before?.body ?? '', version: before?.version ?? 0 };
    const { body } = resolveStaleSave(
      `${SECTION_TITLES[section]} narrative`,
      expectedVersion,
      current,
      base === null ? null : { body: base },
      { body: mine },
      () => `“${current.body.slice(0, 500)}”`,
    );
    let row;
    if (before) {
      [row] = await tx
        .update(reportNarratives)
        .set({ body, version: sql`${reportNarratives.version} + 1`, updatedBy: actor.id, updatedAt: new Date() })
        .where(
          and(
            eq(reportNarratives.projectId, projectId),
            eq(reportNarratives.section, section),
            eq(reportNarratives.version, current.version),
          ),
        )
        .returning();
    } else {
      // Two first saves at once: the loser's insert finds the row and is refused like any stale save.
      [row] = await tx
        .insert(reportNarratives)
        .values({ projectId, section, body, updatedBy: actor.id })
        .onConflictDoNothing()
        .returning();
    }
    if (!row) throw stale();
    await recordActivity(tx, actor, {
      projectId,
      entityType: 'report',
      entityId: section,
      action: 'update',
      before: before ? { body: before.body } : null,
      after: { body },
    });
    return row;
  });
}

/** The experiments the report can be filtered to: those with runs. */
export async function listReportExperiments(db: Db, projectId: string) {
  return (await listExperiments(db, projectId)).filter((e) => e.runCount > 0).map((e) => e.name);
}

/** Everything the report shows, read live, in the shape lib/report renders; `experimentFilter` narrows the methodology. */
export async function gatherReportData(
  db: Db,
  project: { id: string; name: string; stage: LifecycleStage; problemStatement: string },
  { now = Date.now(), experimentFilter = null }: { now?: number; experimentFilter?: string | null } = {},
): Promise<ReportData> {
  const today = todayUtc(now);
  const allExperiments = (await listExperiments(db, project.id)).filter((e) => e.runCount > 0);
  const chosen = allExperiments.find((e) => e.name === experimentFilter) ?? null;
  const experiments = chosen ? [chosen] : allExperiments;
  const [overview, subProblems, datasetRows, approaches, versions, narratives, riskRows, monitorRows, abTests] =
    await Promise.all([
      getOverview(db, project, now),
      listSubProblems(db, project.id),
      db
        .select({
          name: datasets.name,
          digest: datasets.digest,
          sourceType: datasets.sourceType,
          source: datasets.source,
          createdAt: datasets.createdAt,
          runs: sql<number>`(select count(*)::int from ${runInputs} where ${runInputs.datasetId} = ${datasets.id})`,
        })
        .from(datasets)
        .where(eq(datasets.projectId, project.id))
        .orderBy(asc(datasets.name), desc(datasets.createdAt)),
      db
        .select({ approach: runs.approach, runs: count() })
        .from(runs)
        .where(
          and(
            eq(runs.projectId, project.id),
            eq(runs.lifecycleStage, 'active'),
            chosen ? eq(runs.experimentId, chosen.id) : undefined,
          ),
        )
        .groupBy(runs.approach)
        .orderBy(runs.approach),
      db
        .select({
          model: registeredModels.name,
          version: modelVersions.version,
          stage: modelVersions.stage,
          metrics: modelVersions.metrics,
          createdAt: modelVersions.createdAt,
        })
        .from(modelVersions)
        .innerJoin(registeredModels, eq(registeredModels.id, modelVersions.modelId))
        .where(eq(registeredModels.projectId, project.id))
        .orderBy(asc(registeredModels.name), desc(modelVersions.version)),
      listReportNarratives(db, project.id),
      listRisks(db, project.id),
      listMonitors(db, project.id),
      listAbTestResults(db, project.id),
    ]);
  const risks = sortRisks(riskRows, today);
  return {
    project: { name: project.name, stage: project.stage, problemStatement: project.problemStatement },
    generatedAt: now,
    iterations: overview.lifecycle.iterations,
    subProblems: subProblems.map((s) => ({
      id: s.id,
      parentId: s.parentId,
      title: s.title,
      status: s.status,
      ownerName: s.ownerName,
    })),
    metrics: overview.metrics,
    success: overview.success,
    datasets: datasetRows.map((d) => ({ ...d, createdAt: d.createdAt.getTime() })),
    experiments: experiments.map((e) => ({ name: e.name, runCount: e.runCount })),
    experimentFilter: chosen?.name ?? null,
    production: {
      health: overview.health,
      alerts: overview.alerts.groups,
      monitors: monitorRows.map((m) => ({
        model: m.modelName,
        stage: m.monitor.stage,
        servingVersion: m.servingVersion,
        predictions: m.predictions,
        lastWindowEnd: m.lastCheck?.windowEnd.getTime() ?? null,
        datasetDrift: m.lastCheck?.datasetDrift ?? null,
        driftShare: m.lastCheck?.driftShare ?? null,
        drifted: m.lastCheck?.drifted ?? [],
        openAlerts: m.openAlerts,
        openDatasetDriftAlerts: m.openDatasetDriftAlerts,
      })),
      abTests,
    },
    approaches: approaches.map((a) => ({ approach: a.approach ?? 'unspecified', runs: a.runs })),
    bestRuns: overview.bestRuns.map((b) => ({
      metricName: b.metricName,
      key: b.key,
      value: b.value,
      runName: b.run?.name ?? null,
      runId: b.run?.id ?? null,
    })),
    modelVersions: versions.map((v) => ({ ...v, createdAt: v.createdAt.getTime() })),
    risks: risks.map((r) => withScores(r, today)),
    sprint: overview.sprint,
    narratives: Object.fromEntries(Object.entries(narratives).map(([k, v]) => [k, v?.body ?? ''])),
  };
}
