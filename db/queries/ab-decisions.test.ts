import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { abTestDefinitionSchema } from '@/lib/ab-tests/definition';
import { assignVariant } from '@/lib/stats';
import { abEvents, abExposures, abMetricSums } from '../schema';
import { type TestDb, openTestDb } from '../test-db';
import { listProjectActivity } from './activity';
import { assignUnit, getAbTestDaily, recordAbEvents } from './ab-ingest';
import {
  createAbTest,
  getAbTestConfig,
  getAbTestResults,
  listAbTests,
  shipAbTestVariant,
  startAbTest,
  stopAbTest,
} from './ab-tests';
import { createProject } from './projects';
import {
  createModelVersion,
  createRegisteredModel,
  getLatestVersions,
  listModelTransitions,
  transitionModelVersionStage,
} from './registry';
import { createUser } from './users';

let t: TestDb;
let projectId: string;
const actor = { id: '', isAdmin: false };
let serial = 0;

beforeAll(async () => {
  t = await openTestDb();
  actor.id = (
    await createUser(t.db, null, { email: 'decider@example.com', name: 'Dee Cider', password: 'password-1' })
  ).id;
  projectId = (await createProject(t.db, actor, { slug: 'decide', name: 'Decide', problemStatement: '' })).id;
});
afterAll(() => t.cleanup());

async function freshTest(opts: { guardrail?: boolean; start?: boolean } = {}) {
  const model = `churn-${++serial}`;
  await createRegisteredModel(t.db, actor, projectId, { name: model });
  for (let i = 0; i < 2; i++) await createModelVersion(t.db, actor, projectId, { name: model });
  await transitionModelVersionStage(t.db, actor, projectId, {
    name: model,
    version: 1,
    stage: 'Production',
    archiveExisting: true,
  });
  const def = abTestDefinitionSchema.parse({
    name: `decision ${serial}`,
    model,
    variants: [{ version: 1 }, { version: 2 }],
    metrics: [
      { name: 'converted', kind: 'conversion', direction: 'increase' },
      ...(opts.guardrail ? [{ name: 'latency_ms', kind: 'continuous', direction: 'decrease', guardrail: true }] : []),
    ],
  });
  const test = await createAbTest(t.db, actor, projectId, def, { start: opts.start });
  return { model, test };
}

const variantOf = (testId: string, unit: string) => ['A', 'B'][assignVariant(testId, unit, [50, 50])]!;

async function counts(testId: string) {
  const [events, sums, exposures] = await Promise.all([
    t.db.select().from(abEvents).where(eq(abEvents.testId, testId)),
    t.db.select().from(abMetricSums).where(eq(abMetricSums.testId, testId)),
    t.db.select().from(abExposures).where(eq(abExposures.testId, testId)),
  ]);
  return { events: events.length, sums: JSON.stringify(sums), exposures: exposures.length };
}

describe('event batches are all or nothing', () => {
  it.each([
    [
      'a conversion value that is not 0 or 1',
      { unit_id: 'u', metric: 'converted', value: 0.5 },
      /^Event 2 field 'value': must be 0 or 1/,
    ],
    [
      'an unknown metric',
      { unit_id: 'u', metric: 'revenue', value: 1 },
      /^Event 2 field 'metric': 'revenue' is not a metric of this test/,
    ],
    ['a missing unit id', { metric: 'converted', value: 1 }, /^Event 2 field 'unit_id'/],
    [
      'a string value',
      { unit_id: 'u', metric: 'converted', value: '1' },
      /^Event 2 field 'value': must be a finite number/,
    ],
    [
      'a timestamp in the future',
      { unit_id: 'u', metric: 'converted', value: 1, timestamp: '2999-01-01T00:00:00Z' },
      /^Event 2 field 'timestamp': lies in the future/,
    ],
  ])(
    'refuses a batch whose third row has %s, naming row and field, and writes nothing',
    async (_label, bad, message) => {
      const { test } = await freshTest();
      await recordAbEvents(t.db, projectId, test.id, [{ unit_id: 'first', metric: 'converted', value: 1 }]);
      const before = await counts(test.id);
      const batch = [
        { unit_id: 'a', metric: 'converted', value: 1 },
        { unit_id: 'b', metric: 'converted', value: 0 },
        bad,
      ];
      await expect(recordAbEvents(t.db, projectId, test.id, batch)).rejects.toMatchObject({
        kind: 'invalid',
        message: expect.stringMatching(message),
      });
      expect(await counts(test.id)).toEqual(before);
    },
  );

  it('refuses more than 10,000 events, an empty batch and a body that is not an array', async () => {
    const { test } = await freshTest();
    const many = Array.from({ length: 10_001 }, (_, i) => ({ unit_id: `u${i}`, metric: 'converted', value: 1 }));
    await expect(recordAbEvents(t.db, projectId, test.id, many)).rejects.toThrow(
      /at most 10,000 events; this one has 10,001/,
    );
    await expect(recordAbEvents(t.db, projectId, test.id, [])).rejects.toThrow(/empty/);
    await expect(recordAbEvents(t.db, projectId, test.id, { unit_id: 'u' })).rejects.toThrow(/JSON array/);
    expect(await counts(test.id)).toEqual({ events: 0, sums: '[]', exposures: 0 });
  });

  it('takes a full batch of 10,000 events in one go', async () => {
    const { test } = await freshTest();
    const full = Array.from({ length: 10_000 }, (_, i) => ({
      unit_id: `u${i % 4000}`,
      metric: 'converted',
      value: i % 3 === 0 ? 1 : 0,
    }));
    expect(await recordAbEvents(t.db, projectId, test.id, full)).toEqual({ accepted: 10_000, units: 4000 });
    const results = await getAbTestResults(t.db, await getAbTestConfig(t.db, projectId, test.id));
    expect(results.metrics[0]!.variants.reduce((s, v) => s + v.n, 0)).toBe(4000);
  });
});

describe('sample-ratio mismatch', () => {
  it('is flagged when the serving path loses units of one arm, and then shipping needs a confirmation', async () => {
    const { test, model } = await freshTest();
    // Every A unit reaches assign, only a third of the B units do (say B's model times out before logging).
    const units = Array.from({ length: 600 }, (_, i) => `visitor-${i}`);
    let keptB = 0;
    for (const u of units) {
      if (variantOf(test.id, u) === 'B' && keptB++ % 3 !== 0) continue;
      await assignUnit(t.db, projectId, test.id, u);
    }
    const config = await getAbTestConfig(t.db, projectId, test.id);
    const results = await getAbTestResults(t.db, config);
    expect(results.srm.flagged).toBe(true);
    expect(results.srm.p_value).toBeLessThan(0.001);

    await expect(
      shipAbTestVariant(t.db, actor, projectId, test.id, {
        variant: 'B',
        expectedVersion: config.test.version,
        confirm: false,
        reason: '',
      }),
    ).rejects.toMatchObject({
      field: 'confirm',
      message: expect.stringMatching(/needs your confirmation: the sample-ratio mismatch/),
    });
    expect((await getLatestVersions(t.db, projectId, model, ['Production'])).map((v) => v.version)).toEqual([1]);

    await shipAbTestVariant(t.db, actor, projectId, test.id, {
      variant: 'B',
      expectedVersion: config.test.version,
      confirm: true,
      reason: 'Loss is logging, not users',
    });
    const [latest] = await listModelTransitions(t.db, config.test.modelId);
    expect(latest!.reason).toMatch(
      /^A\/B test decision \d+: shipped B \(version 2\); .*confirmed despite: the sample-ratio mismatch.*; Loss is logging, not users$/,
    );
  });

  it('is not flagged for a split that follows the weights', async () => {
    const { test } = await freshTest();
    for (let i = 0; i < 400; i++) await assignUnit(t.db, projectId, test.id, `fair-${i}`);
    const results = await getAbTestResults(t.db, await getAbTestConfig(t.db, projectId, test.id));
    expect(results.srm.flagged).toBe(false);
    expect(results.variants.reduce((s, v) => s + v.assigned, 0)).toBe(400);
  });
});

describe('decisions', () => {
  it('ship promotes the version to Production in the registry, archives the holder, ends the test and logs it', async () => {
    const { test, model } = await freshTest();
    const events = Array.from({ length: 400 }, (_, i) => ({
      unit_id: `d${i}`,
      metric: 'converted',
      value: variantOf(test.id, `d${i}`) === 'B' ? (i % 10 < 6 ? 1 : 0) : i % 10 < 3 ? 1 : 0,
    }));
    await recordAbEvents(t.db, projectId, test.id, events);
    const config = await getAbTestConfig(t.db, projectId, test.id);
    const after = await shipAbTestVariant(t.db, actor, projectId, test.id, {
      variant: 'B',
      expectedVersion: config.test.version,
      confirm: false,
      reason: '',
    });
    expect(after).toMatchObject({
      status: 'stopped',
      shippedVariant: 'B',
      decidedBy: actor.id,
      version: config.test.version + 1,
    });
    expect(after.decisionReason).toMatch(
      /^A\/B test decision \d+: shipped B \(version 2\); converted: B vs A \+\d+\.\d% \(95% CI \+[\d.]+% to \+[\d.]+%\), p < 0\.001, significantly better$/,
    );

    const versions = await getLatestVersions(t.db, projectId, model, []);
    expect(versions.map((v) => [v.version, v.stage])).toEqual([
      [1, 'Archived'],
      [2, 'Production'],
    ]);
    const [promotion] = await listModelTransitions(t.db, config.test.modelId);
    expect(promotion).toMatchObject({ version: 2, toStage: 'Production', reason: after.decisionReason });
    const activity = await listProjectActivity(t.db, projectId, { entityType: 'ab-test' });
    expect(activity[0]).toMatchObject({ entityId: test.id, action: 'ship' });

    // After shipping, everyone is served the shipped version and nothing more is recorded.
    const exposuresBefore = (await counts(test.id)).exposures;
    expect(await assignUnit(t.db, projectId, test.id, 'newcomer')).toEqual({ variant: 'B', version: 2 });
    expect((await counts(test.id)).exposures).toBe(exposuresBefore);
    await expect(
      recordAbEvents(t.db, projectId, test.id, [{ unit_id: 'late', metric: 'converted', value: 1 }]),
    ).rejects.toMatchObject({ kind: 'conflict' });
    await expect(
      shipAbTestVariant(t.db, actor, projectId, test.id, {
        variant: 'A',
        expectedVersion: after.version,
        confirm: true,
        reason: '',
      }),
    ).rejects.toThrow(/already shipped/);
  });

  it('a guardrail the variant fails needs a confirmation; shipping the control does not', async () => {
    const { test } = await freshTest({ guardrail: true });
    const events = Array.from({ length: 200 }, (_, i) => ({
      unit_id: `g${i}`,
      metric: 'latency_ms',
      value: (variantOf(test.id, `g${i}`) === 'B' ? 150 : 100) + (i % 7),
    }));
    await recordAbEvents(t.db, projectId, test.id, events);
    const config = await getAbTestConfig(t.db, projectId, test.id);
    const results = await getAbTestResults(t.db, config);
    expect(results.metrics[1]!.variants[1]).toMatchObject({ variant: 'B', guardrail_failed: true, verdict: 'worse' });
    await expect(
      shipAbTestVariant(t.db, actor, projectId, test.id, {
        variant: 'B',
        expectedVersion: config.test.version,
        confirm: false,
        reason: '',
      }),
    ).rejects.toThrow(/needs your confirmation: it fails the guardrail latency_ms/);
    const shipped = await shipAbTestVariant(t.db, actor, projectId, test.id, {
      variant: 'A',
      expectedVersion: config.test.version,
      confirm: false,
      reason: 'Keep the champion',
    });
    expect(shipped.shippedVariant).toBe('A');
  });

  it('draft → start → stop, with stale versions refused and the control served outside the running window', async () => {
    const { test } = await freshTest({ start: false });
    expect(test.status).toBe('draft');
    expect(await assignUnit(t.db, projectId, test.id, 'early')).toEqual({ variant: 'A', version: 1 });
    await expect(
      recordAbEvents(t.db, projectId, test.id, [{ unit_id: 'early', metric: 'converted', value: 1 }]),
    ).rejects.toThrow(/not started/);
    await expect(
      shipAbTestVariant(t.db, actor, projectId, test.id, {
        variant: 'B',
        expectedVersion: test.version,
        confirm: true,
        reason: '',
      }),
    ).rejects.toThrow(/not started/);
    const started = await startAbTest(t.db, actor, projectId, test.id, test.version);
    expect(started.status).toBe('running');
    await expect(
      stopAbTest(t.db, actor, projectId, test.id, { expectedVersion: test.version, reason: 'stale' }),
    ).rejects.toMatchObject({ kind: 'conflict' });
    await recordAbEvents(t.db, projectId, test.id, [
      { unit_id: 'on-time', metric: 'converted', value: 1, timestamp: '2024-03-01T10:00:00Z' },
    ]);
    expect(await getAbTestDaily(t.db, test.id, 'converted')).toEqual([
      expect.objectContaining({ day: '2024-03-01', n: 1, shift: 1, s1: 0, s2: 0 }),
    ]);
    const stopped = await stopAbTest(t.db, actor, projectId, test.id, {
      expectedVersion: started.version,
      reason: 'No effect after four weeks',
    });
    expect(stopped).toMatchObject({
      status: 'stopped',
      shippedVariant: null,
      decisionReason: 'No effect after four weeks',
    });
    expect(await assignUnit(t.db, projectId, test.id, 'after')).toEqual({ variant: 'A', version: 1 });
    const listed = (await listAbTests(t.db, projectId)).find((x) => x.id === test.id)!;
    // The one unit that sent an event counts as exposed; nothing after the stop does.
    expect(listed).toMatchObject({ status: 'stopped', primaryMetric: 'converted', assigned: 1 });
    const actions = (await listProjectActivity(t.db, projectId, { entityType: 'ab-test' }))
      .filter((a) => a.entityId === test.id)
      .map((a) => a.action);
    expect(actions).toEqual(['stop', 'start', 'create']);
  });

  it('refuses a definition naming a missing model or version, or a taken name', async () => {
    const { model, test } = await freshTest();
    const def = (over: Record<string, unknown>) =>
      abTestDefinitionSchema.parse({
        name: 'x',
        model,
        variants: [{ version: 1 }, { version: 2 }],
        metrics: [{ name: 'm', kind: 'conversion', direction: 'increase' }],
        ...over,
      });
    await expect(createAbTest(t.db, actor, projectId, def({ model: 'nope' }))).rejects.toMatchObject({
      field: 'model',
    });
    await expect(
      createAbTest(t.db, actor, projectId, def({ variants: [{ version: 1 }, { version: 9 }] })),
    ).rejects.toMatchObject({ field: 'variants.1.version' });
    await expect(createAbTest(t.db, actor, projectId, def({ name: test.name }))).rejects.toMatchObject({
      kind: 'exists',
      field: 'name',
    });
  });
});
