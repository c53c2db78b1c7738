// The rest of the demo project, after its runs and registry: success metrics, risks, the problem tree, the
// sprint board, monitoring on the Production model, and the A/B test. Each part is skipped when present.
import { count, eq } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { seedDemoAbTest } from '@/scripts/demo/ab-tests';
import type { Actor } from '@/db/queries/activity';
import { seedDemoBoard } from '@/scripts/demo/board';
import { seedDemoMonitoring } from '@/scripts/demo/monitoring';
import { createSubProblem } from '@/db/queries/problem';
import { createRisk } from '@/db/queries/risks';
import { createServiceMember, deleteServiceUser } from '@/db/queries/service-users';
import { createSuccessMetric } from '@/db/queries/success-metrics';
import { risks, sprints, subProblems, successMetrics } from '@/db/schema';
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
  } finally {
    await deleteServiceUser(db, SERVICE_EMAIL);
  }
}
