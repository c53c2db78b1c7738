import fs from 'node:fs';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dayOutcomes, demoRunConfig, predictHeldOutDays } from '@/scripts/demo/ab-scoring';
import { parseWeatherCsv } from '@/scripts/demo/ml/weather';
import { WELL_KNOWN_TAGS } from '@/lib/tracking/vocabulary';
import { abExposures, abTests } from '../../db/schema/index';
import { type TestDb, openTestDb } from '../../db/test-db';
import { DEMO_AB_TEST_NAME, seedDemoAbTest } from './ab-tests';
import { getAbTestConfig, getAbTestResults } from '../../db/queries/ab-tests';
import { getExperimentByName } from '../../db/queries/experiments';
import { createProject } from '../../db/queries/projects';
import {
  createModelVersion,
  createRegisteredModel,
  getLatestVersions,
  listModelTransitions,
  transitionModelVersionStage,
} from '../../db/queries/registry';
import { createRun } from '../../db/queries/runs';

const days = parseWeatherCsv(
  fs.readFileSync(path.join(process.cwd(), 'node_modules/vega-datasets/data/seattle-weather.csv'), 'utf8'),
);
// Small versions of the demo plan's models, so the test trains in seconds; the configs have the seed's shape.
const CONFIGS = [
  {
    feature_set: 'basic',
    balance: 'none',
    seed: 42,
    model: { kind: 'logistic-regression', learningRate: 1e-4, iterations: 200, every: 25 },
  },
  {
    feature_set: 'history',
    balance: 'none',
    seed: 42,
    model: { kind: 'random-forest', nEstimators: 10, maxDepth: 6, maxFeatures: 0.6 },
  },
];

let t: TestDb;
let projectId: string;

beforeAll(async () => {
  t = await openTestDb();
  projectId = (await createProject(t.db, null, { slug: 'demo', name: 'Demo', problemStatement: '' }, null)).id;
  const experimentId = (await getExperimentByName(t.db, projectId, 'Default')).id;
  await createRegisteredModel(t.db, null, projectId, { name: 'rain-tomorrow' });
  for (const [i, config] of CONFIGS.entries()) {
    const run = await createRun(t.db, null, projectId, {
      experimentId,
      runName: `demo ${i}`,
      tags: [{ key: WELL_KNOWN_TAGS.config, value: JSON.stringify(config) }],
    });
    await createModelVersion(t.db, null, projectId, { name: 'rain-tomorrow', runId: run.id });
  }
  await transitionModelVersionStage(t.db, null, projectId, {
    name: 'rain-tomorrow',
    version: 1,
    stage: 'Production',
    archiveExisting: true,
    reason: 'baseline',
  });
}, 120_000);
afterAll(() => t.cleanup());

describe('seedDemoAbTest', () => {
  it('replays the two versions on the held-out days, from real forecasts, and finishes with a decision', async () => {
    const test = await seedDemoAbTest(t.db, projectId, null, { days });
    expect(test).toMatchObject({ name: DEMO_AB_TEST_NAME, status: 'stopped' });
    expect(test.decisionReason).toMatch(/Replayed on \d{3} held-out days/);

    const config = await getAbTestConfig(t.db, projectId, test.id);
    expect(config.variants.map((v) => v.version)).toEqual([1, 2]);
    expect(config.test.startedAt!.toISOString()).toBe('2014-01-01T18:00:00.000Z');
    const predictions = CONFIGS.map((c) => predictHeldOutDays(demoRunConfig(c)!, days));
    const heldOut = predictions[0]!.length;
    expect(heldOut).toBeGreaterThan(700);
    const exposures = await t.db.select().from(abExposures).where(eq(abExposures.testId, test.id));
    expect(exposures).toHaveLength(heldOut);

    // Each variant's conversion rate is the accuracy of that version's own forecasts on the days it served.
    const results = await getAbTestResults(t.db, config);
    const primary = results.metrics.find((m) => m.primary)!;
    expect(primary.name).toBe('correct_forecast');
    for (const [i, arm] of primary.variants.entries()) {
      const served = new Set(exposures.filter((e) => e.variant === arm.variant).map((e) => e.unitId));
      const own = predictions[i]!.filter((p) => served.has(p.date));
      expect(arm.n).toBe(own.length);
      expect(arm.mean).toBeCloseTo(own.filter((p) => dayOutcomes(p).correct === 1).length / own.length, 12);
      expect(arm.mean).toBeGreaterThan(0.6);
    }
    expect(results.srm.flagged).toBe(false);

    const production = (await getLatestVersions(t.db, projectId, 'rain-tomorrow', ['Production']))[0]!;
    if (test.shippedVariant === 'B') {
      expect(production.version).toBe(2);
      expect((await listModelTransitions(t.db, config.test.modelId))[0]!.reason).toMatch(
        /^A\/B test Held-out replay: challenger vs champion: shipped B \(version 2\)/,
      );
    } else {
      expect(production.version).toBe(1);
      expect(test.decisionReason).toMatch(/version 2 is not significantly better than version 1/);
    }
  });

  it('is idempotent: a second call returns the same test and adds nothing', async () => {
    const before = await t.db.select().from(abTests).where(eq(abTests.projectId, projectId));
    const again = await seedDemoAbTest(t.db, projectId, null, { days });
    expect(again.id).toBe(before[0]!.id);
    expect(await t.db.select().from(abTests).where(eq(abTests.projectId, projectId))).toHaveLength(1);
  });

  it('says what is missing when the project has no two demo-trained versions', async () => {
    const empty = (await createProject(t.db, null, { slug: 'empty-demo', name: 'Empty', problemStatement: '' }, null))
      .id;
    await expect(seedDemoAbTest(t.db, empty, null, { days })).rejects.toThrow(
      /needs a registered model with two versions/,
    );
  });
});
