import type { ReportAbTest } from '@/lib/report/production';
import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import {
  type AbMetricConfig,
  type AbTestDefinition,
  type AbVariantConfig,
  primaryMetric,
  variantKey,
} from '@/lib/ab-tests/definition';
import { describeMetricOutcome } from '@/lib/ab-tests/format';
import { type AbResults, analyseAbTest, describeShipWarnings, shipWarnings, sumsKey } from '@/lib/ab-tests/results';
import { DomainError, conflict, notFound } from '@/lib/errors';
import type { Db } from '../client';
import {
  type AbTest,
  abMetricSums,
  abTestMetrics,
  abTestVariants,
  abTests,
  modelVersions,
  registeredModels,
  users,
} from '../schema';
import { type Actor, recordActivity } from './activity';
import { getRegisteredModel, transitionModelVersionStage } from './registry';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export type AbTestConfig = {
  test: AbTest;
  modelName: string;
  variants: (AbVariantConfig & { assigned: number; modelVersionId: string | null })[];
  metrics: AbMetricConfig[];
};

/** Creates a test of two or more versions of one registered model; running at once unless `start` is false. */
export async function createAbTest(
  db: Db,
  actor: Actor | null,
  projectId: string,
  def: AbTestDefinition,
  opts: { start?: boolean; at?: Date } = {},
) {
  return db.transaction(async (tx) => {
    const model = await getRegisteredModel(tx, projectId, def.model).catch((err: unknown) => {
      if (err instanceof DomainError && err.kind === 'not_found')
        throw new DomainError('invalid', `No registered model is named '${def.model}' in this project.`, 'model');
      throw err;
    });
    const found = await tx
      .select({ id: modelVersions.id, version: modelVersions.version })
      .from(modelVersions)
      .where(
        and(
          eq(modelVersions.modelId, model.id),
          inArray(
            modelVersions.version,
            def.variants.map((v) => v.version),
          ),
        ),
      );
    const idOf = new Map(found.map((v) => [v.version, v.id]));
    def.variants.forEach((v, i) => {
      if (!idOf.has(v.version))
        throw new DomainError('invalid', `Model '${def.model}' has no version ${v.version}.`, `variants.${i}.version`);
    });
    const [clash] = await tx
      .select({ id: abTests.id })
      .from(abTests)
      .where(and(eq(abTests.projectId, projectId), eq(abTests.name, def.name)));
    if (clash)
      throw new DomainError('exists', `An A/B test named '${def.name}' already exists in this project.`, 'name');
    const start = opts.start ?? true;
    const [test] = await tx
      .insert(abTests)
      .values({
        projectId,
        modelId: model.id,
        name: def.name,
        description: def.description,
        status: start ? 'running' : 'draft',
        startedAt: start ? (opts.at ?? new Date()) : null,
        createdBy: actor?.id ?? null,
      })
      .returning();
    await tx.insert(abTestVariants).values(
      def.variants.map((v, i) => ({
        testId: test!.id,
        key: variantKey(i),
        position: i,
        modelVersionId: idOf.get(v.version)!,
        version: v.version,
        weight: v.weight,
      })),
    );
    await tx.insert(abTestMetrics).values(def.metrics.map((m, i) => ({ testId: test!.id, position: i, ...m })));
    await recordActivity(tx, actor, {
      projectId,
      entityType: 'ab-test',
      entityId: test!.id,
      action: 'create',
      after: {
        name: def.name,
        model: def.model,
        variants: def.variants.map((v, i) => `${variantKey(i)}: version ${v.version} (weight ${v.weight})`).join(', '),
        primaryMetric: primaryMetric(def.metrics)!.name,
        status: test!.status,
      },
    });
    return test!;
  });
}

/** The test with its variants (and units assigned so far) and metrics; 404 for another project's or a malformed id. */
export async function getAbTestConfig(db: Db, projectId: string, testId: string): Promise<AbTestConfig> {
  if (!UUID.test(testId)) throw notFound(`A/B test ${testId.slice(0, 40)}`);
  const [row] = await db
    .select({ test: abTests, modelName: registeredModels.name })
    .from(abTests)
    .innerJoin(registeredModels, eq(registeredModels.id, abTests.modelId))
    .where(and(eq(abTests.id, testId), eq(abTests.projectId, projectId)));
  if (!row) throw notFound(`A/B test ${testId}`);
  const [variants, metrics] = await Promise.all([
    db.select().from(abTestVariants).where(eq(abTestVariants.testId, testId)).orderBy(asc(abTestVariants.position)),
    db.select().from(abTestMetrics).where(eq(abTestMetrics.testId, testId)).orderBy(asc(abTestMetrics.position)),
  ]);
  return {
    test: row.test,
    modelName: row.modelName,
    variants: variants.map((v) => ({
      key: v.key,
      version: v.version,
      weight: v.weight,
      assigned: v.assigned,
      modelVersionId: v.modelVersionId,
    })),
    metrics: metrics.map((m) => ({ name: m.name, kind: m.kind, direction: m.direction, guardrail: m.guardrail })),
  };
}

/** Reads variants × metrics rows of running sums, whatever the number of events behind them. */
export async function getAbTestResults(db: Db, config: AbTestConfig): Promise<AbResults> {
  const rows = await db.select().from(abMetricSums).where(eq(abMetricSums.testId, config.test.id));
  const sums = new Map(rows.map((r) => [sumsKey(r.variant, r.metric), { n: r.n, shift: r.shift, s1: r.s1, s2: r.s2 }]));
  return analyseAbTest(config.variants, config.metrics, sums);
}

export async function listAbTests(db: Db, projectId: string) {
  const tests = await db
    .select({ test: abTests, modelName: registeredModels.name })
    .from(abTests)
    .innerJoin(registeredModels, eq(registeredModels.id, abTests.modelId))
    .where(eq(abTests.projectId, projectId))
    .orderBy(desc(abTests.createdAt));
  const ids = tests.map((t) => t.test.id);
  const [variants, metrics] = ids.length
    ? await Promise.all([
        db
          .select()
          .from(abTestVariants)
          .where(inArray(abTestVariants.testId, ids))
          .orderBy(asc(abTestVariants.position)),
        db.select().from(abTestMetrics).where(inArray(abTestMetrics.testId, ids)).orderBy(asc(abTestMetrics.position)),
      ])
    : [[], []];
  return tests.map(({ test, modelName }) => {
    const own = variants.filter((v) => v.testId === test.id);
    return {
      ...test,
      modelName,
      variants: own.map((v) => ({ key: v.key, version: v.version, weight: v.weight })),
      assigned: own.reduce((s, v) => s + v.assigned, 0),
      primaryMetric: primaryMetric(metrics.filter((m) => m.testId === test.id))?.name ?? '',
    };
  });
}

/** Every test's primary metric per variant, for the report: mean with its 95% CI, lift against the control, verdict. */
export async function listAbTestResults(db: Db, projectId: string): Promise<ReportAbTest[]> {
  const tests = await listAbTests(db, projectId);
  return Promise.all(
    tests.map(async (t) => {
      const results = await getAbTestResults(db, await getAbTestConfig(db, projectId, t.id));
      const primary = results.metrics.find((m) => m.primary);
      return {
        name: t.name,
        model: t.modelName,
        status: t.status,
        primaryMetric: primary?.name ?? '',
        assigned: t.assigned,
        variants: (primary?.variants ?? []).map((v) => ({
          variant: v.variant,
          version: v.version,
          n: v.n,
          mean: v.mean,
          halfWidth: v.mean_ci_half_width,
          relativeLift: v.relative?.estimate ?? null,
          pValue: v.p_value,
          verdict: v.verdict,
        })),
      };
    }),
  );
}

export async function getDecider(db: Db, userId: string | null) {
  if (!userId) return null;
  const [row] = await db.select({ name: users.name, email: users.email }).from(users).where(eq(users.id, userId));
  return row ?? null;
}

/** Locks the test row and checks nobody changed it since the caller read `expectedVersion`. */
async function lockForDecision(tx: Db, projectId: string, testId: string, expectedVersion: number) {
  const config = await getAbTestConfig(tx, projectId, testId);
  // Not FOR UPDATE: exposures and events reference the row, and their foreign-key checks must not wait on a decision.
  await tx.select({ id: abTests.id }).from(abTests).where(eq(abTests.id, testId)).for('no key update');
  const [fresh] = await tx.select().from(abTests).where(eq(abTests.id, testId));
  if (fresh!.version !== expectedVersion) {
    throw conflict(
      'This test changed since you opened it (someone started, stopped or shipped it). Reload to see the change.',
    );
  }
  return { ...config, test: fresh! };
}

const bump = { version: sql`${abTests.version} + 1`, updatedAt: sql`now()` };

export async function startAbTest(db: Db, actor: Actor, projectId: string, testId: string, expectedVersion: number) {
  return db.transaction(async (tx) => {
    const { test } = await lockForDecision(tx, projectId, testId, expectedVersion);
    if (test.status !== 'draft') throw new DomainError('invalid', 'Only a draft test can be started.');
    const change = { action: 'start', before: { status: test.status }, after: { status: 'running' } };
    return updateTest(tx, actor, projectId, testId, { status: 'running', startedAt: new Date() }, change);
  });
}

/** Writes the test's new fields (bumping its version) and records the change in the activity log. */
async function updateTest(
  tx: Db,
  actor: Actor | null,
  projectId: string,
  testId: string,
  set: Partial<typeof abTests.$inferInsert>,
  change: { action: string; before: Record<string, unknown>; after: Record<string, unknown> },
) {
  const [after] = await tx
    .update(abTests)
    .set({ ...set, ...bump })
    .where(eq(abTests.id, testId))
    .returning();
  await recordActivity(tx, actor, { projectId, entityType: 'ab-test', entityId: testId, ...change });
  return after!;
}

/** A stop or ship decision: who took it, when and why. */
const decision = (actor: Actor | null, at: Date, reason: string) =>
  ({ status: 'stopped', decisionReason: reason, decidedBy: actor?.id ?? null, decidedAt: at }) as const;

/** Ends the test without promoting anything: assignment then serves the control to everyone and records nothing. */
export async function stopAbTest(
  db: Db,
  actor: Actor | null,
  projectId: string,
  testId: string,
  input: { expectedVersion: number; reason: string; at?: Date },
) {
  return db.transaction(async (tx) => {
    const { test } = await lockForDecision(tx, projectId, testId, input.expectedVersion);
    if (test.status === 'stopped') throw new DomainError('invalid', 'The test is already stopped.');
    const at = input.at ?? new Date();
    const change = {
      action: 'stop',
      before: { status: test.status },
      after: { status: 'stopped', reason: input.reason },
    };
    return updateTest(tx, actor, projectId, testId, { ...decision(actor, at, input.reason), stoppedAt: at }, change);
  });
}

/**
 * "Ship": promotes the variant's model version to Production (archiving the current holder), with the test
 * and its outcome as the registry's reason, and ends the test. An SRM flag or a guardrail the variant
 * fails must be acknowledged with `confirm` — checked here, not only in the form.
 */
export async function shipAbTestVariant(
  db: Db,
  actor: Actor | null,
  projectId: string,
  testId: string,
  input: { variant: string; expectedVersion: number; confirm: boolean; reason: string; at?: Date },
) {
  return db.transaction(async (tx) => {
    const config = await lockForDecision(tx, projectId, testId, input.expectedVersion);
    const { test } = config;
    if (test.shippedVariant)
      throw new DomainError('invalid', `Variant ${test.shippedVariant} of this test was already shipped.`);
    if (test.status === 'draft')
      throw new DomainError('invalid', 'The test has not started: there is nothing to decide on yet.');
    const variant = config.variants.find((v) => v.key === input.variant);
    if (!variant) throw new DomainError('invalid', `The test has no variant ${input.variant}.`, 'variant');
    if (!variant.modelVersionId)
      throw new DomainError(
        'invalid',
        `Version ${variant.version} of ${config.modelName} no longer exists in the registry.`,
        'variant',
      );
    const results = await getAbTestResults(tx, config);
    const warning = describeShipWarnings(shipWarnings(results, variant.key));
    if (warning && !input.confirm) {
      throw new DomainError('invalid', `Shipping ${variant.key} needs your confirmation: ${warning}.`, 'confirm');
    }
    const primary = results.metrics.find((m) => m.primary)!;
    const outcome = describeMetricOutcome(primary, variant.key, results.control);
    const reason = [
      `A/B test ${test.name}: shipped ${variant.key} (version ${variant.version})`,
      outcome,
      ...(warning ? [`confirmed despite: ${warning}`] : []),
      ...(input.reason ? [input.reason] : []),
    ].join('; ');
    await transitionModelVersionStage(tx, actor, projectId, {
      name: config.modelName,
      version: variant.version,
      stage: 'Production',
      archiveExisting: true,
      reason,
      kind: 'promote',
    });
    const at = input.at ?? new Date();
    const shipped = { status: 'stopped', shippedVariant: variant.key, version: variant.version, reason };
    const change = { action: 'ship', before: { status: test.status, shippedVariant: null }, after: shipped };
    const set = { ...decision(actor, at, reason), stoppedAt: test.stoppedAt ?? at, shippedVariant: variant.key };
    return updateTest(tx, actor, projectId, testId, set, change);
  });
}
