// The rest of the demo project, after its runs and registry: success metrics, risks, the problem tree, the
// sprint board, monitoring on the Production model, the A/B test, and the lifecycle stages it went through.
// Each part is skipped when present.
import { and, count, eq } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { seedDemoAbTest } from '@/scripts/demo/ab-tests';
import type { Actor } from '@/db/queries/activity';
import { seedDemoBoard } from '@/scripts/demo/board';
import { seedDemoMonitoring } from '@/scripts/demo/monitoring';
import { moveProjectStage } from '@/db/queries/lifecycle';
import { createSubProblem } from '@/db/queries/problem';
import { createRisk } from '@/db/queries/risks';
import { createServiceMember, deleteServiceUser } from '@/db/queries/service-users';
import { createSuccessMetric } from '@/db/queries/success-metrics';
import { projects, risks, sprints, stageChanges, subProblems, successMetrics } from '@/db/schema';
import type { LifecycleStage } from '@/lib/domain';
import type { WeatherDay } from '@/scripts/demo/ml/weather';

const SERVICE_EMAIL = 'demo-extras@runboard.invalid';
const isoDay = (offsetDays: number) => new Date(Date.now() + offsetDays * 86_400_000).toISOString().slice(0, 10);

async function has(
  db: Db,
  table: typeof risks | typeof sprints | typeof subProblems | typeof successMetrics,
  projectId: string,
) {
  const [row] = await db.select({ n: count() }).from(table).where(eq(table.projectId, projectId));
  return (row?.n ?? 0) > 0;
}

async function seedWorkspace(db: Db, actor: Actor, projectId: string) {
  const base = { description: '', unit: '', ownerId: null, rangeMin: null, rangeMax: null, sourceModel: null } as const;
  await createSuccessMetric(db, actor, projectId, {
    ...base,
    name: 'Validation accuracy',
    description: 'Share of held-out days (2014–2015) whose rain-tomorrow call is right; the best run counts.',
    kind: 'model',
    direction: 'higher_better',
    isPrimary: true,
    startValue: 0.6,
    target: 0.75,
    deadline: isoDay(45),
    source: 'run_metric',
    sourceKey: 'val_accuracy',
  });
  await createSuccessMetric(db, actor, projectId, {
    ...base,
    name: 'Validation log loss',
    description: 'Calibration guardrail: probabilities must not get worse while accuracy improves.',
    kind: 'guardrail',
    direction: 'lower_better',
    isPrimary: false,
    startValue: 0.65,
    target: 0.55,
    deadline: isoDay(45),
    source: 'run_metric',
    sourceKey: 'val_log_loss',
  });
  const riskBase = { description: '', ownerId: null, status: 'open' as const };
  await createRisk(db, actor, projectId, {
    ...riskBase,
    title: 'Seasonal drift between training years and serving years',
    category: 'drift_skew',
    likelihood: 'High',
    impact: 'High',
    response: 'mitigate',
    mitigationPlan: 'Monitor feature drift daily; retrain on a rolling window when PSI ≥ 0.2.',
    mitigationPct: 40,
    nextReviewDate: isoDay(-3),
  });
  await createRisk(db, actor, projectId, {
    ...riskBase,
    title: 'Weather station outage leaves gaps in precipitation',
    category: 'upstream_dependency',
    likelihood: 'Medium',
    impact: 'High',
    response: 'mitigate',
    mitigationPlan: 'Impute from the previous day and flag imputed rows.',
    mitigationPct: 50,
    nextReviewDate: isoDay(10),
  });
  await createRisk(db, actor, projectId, {
    ...riskBase,
    title: 'Drizzle labelled as rain inflates the positive class',
    category: 'data_quality',
    likelihood: 'Medium',
    impact: 'Medium',
    response: 'accept',
    mitigationPlan: 'Label is precipitation > 0 mm by definition; documented in the report.',
    mitigationPct: 0,
    nextReviewDate: isoDay(20),
  });
  const root = await createSubProblem(db, actor, projectId, {
    parentId: null,
    title: 'Will it rain tomorrow in Seattle?',
    description: '',
    ownerId: null,
    status: 'in_progress',
  });
  for (const title of [
    'Find the signals that precede a rainy day',
    'Predict the probability of rain tomorrow',
    'Decide when to alert the field team',
  ]) {
    await createSubProblem(db, actor, projectId, {
      parentId: root.id,
      title,
      description: '',
      ownerId: null,
      status: title.startsWith('Decide') ? 'not_started' : 'in_progress',
    });
  }
}

// The stages the project went through, each on the day it happened (days from today; the sprints start 35,
// 21 and 7 days ago), so the stage agrees with a model serving in Production.
const STAGES: Array<{ to: LifecycleStage; daysAgo: number; reason: string }> = [
  { to: 'collect_data', daysAgo: 42, reason: 'Problem agreed: rain tomorrow in Seattle, judged against persistence' },
  { to: 'baseline', daysAgo: 35, reason: 'NOAA daily weather 2012–2015 versioned as a dataset' },
  { to: 'evaluate', daysAgo: 23, reason: 'Persistence and logistic-regression baselines logged' },
  { to: 'improve', daysAgo: 21, reason: 'Validation accuracy below target: iterate on features and models' },
  { to: 'deploy', daysAgo: 7, reason: 'Champion chosen on validation accuracy and log loss' },
  { to: 'monitor', daysAgo: 0, reason: 'Version 1 serves in Production with drift checks on' },
];

async function seedDemoLifecycle(db: Db, actor: Actor, projectId: string) {
  const [project] = await db.select({ stage: projects.stage }).from(projects).where(eq(projects.id, projectId));
  if (project?.stage !== 'define') return;
  const daysAgo = (n: number) => new Date(Date.now() - n * 86_400_000);
  // The project was set up a week before its first move.
  await db
    .update(stageChanges)
    .set({ createdAt: daysAgo(49) })
    .where(and(eq(stageChanges.projectId, projectId), eq(stageChanges.toStage, 'define')));
  for (const step of STAGES) {
    await moveProjectStage(db, actor, projectId, step.to, step.reason);
    if (step.daysAgo === 0) continue;
    await db
      .update(stageChanges)
      .set({ createdAt: daysAgo(step.daysAgo) })
      .where(and(eq(stageChanges.projectId, projectId), eq(stageChanges.toStage, step.to)));
  }
}

export async function seedDemoExtras(db: Db, projectId: string, days: WeatherDay[], log: (line: string) => void) {
  await deleteServiceUser(db, SERVICE_EMAIL);
  const service = await createServiceMember(db, projectId, {
    email: SERVICE_EMAIL,
    name: 'Demo activity',
    role: 'editor',
  });
  const actor = { id: service.id, isAdmin: false };
  try {
    if (
      !(await has(db, successMetrics, projectId)) &&
      !(await has(db, risks, projectId)) &&
      !(await has(db, subProblems, projectId))
    ) {
      await seedWorkspace(db, actor, projectId);
      log('success metrics, risks and the problem tree added');
    }
    if (!(await has(db, sprints, projectId))) {
      await seedDemoBoard(db, projectId, actor);
      log('sprint board added: two closed sprints, one active, one planned, a backlog');
    }
    await seedDemoMonitoring(db, projectId, actor, days);
    log('monitoring: the Production model serves 2014–2015 and is checked for drift');
    const test = await seedDemoAbTest(db, projectId, actor, { days });
    log(`A/B test "${test.name}" ready`);
    await seedDemoLifecycle(db, actor, projectId);
    log('lifecycle: from Define problem to Monitor, one stage at a time');
  } finally {
    await deleteServiceUser(db, SERVICE_EMAIL);
  }
}
