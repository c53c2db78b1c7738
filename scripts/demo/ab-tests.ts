import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { and, asc, eq } from 'drizzle-orm';
import { abTestDefinitionSchema } from '@/lib/ab-tests/definition';
import {
  type DemoRunConfig,
  type HeldOutPrediction,
  dayOutcomes,
  demoRunConfig,
  predictHeldOutDays,
} from '@/scripts/demo/ab-scoring';
import { MAX_EVENTS_PER_BATCH } from '@/lib/ab-tests/events';
import { formatSignedPercent } from '@/lib/ab-tests/format';
import { describeShipWarnings, shipWarnings } from '@/lib/ab-tests/results';
import { DomainError } from '@/lib/errors';
import { type WeatherDay, parseWeatherCsv } from '@/scripts/demo/ml/weather';
import { assignVariant } from '@/lib/stats';
import type { Db } from '../../db/client';
import { abTests, modelVersions, registeredModels, runs } from '../../db/schema/index';
import type { Actor } from '../../db/queries/activity';
import { recordAbEvents, recordExposures } from '../../db/queries/ab-ingest';
import {
  createAbTest,
  getAbTestConfig,
  getAbTestResults,
  shipAbTestVariant,
  stopAbTest,
} from '../../db/queries/ab-tests';

export const DEMO_AB_TEST_NAME = 'Held-out replay: challenger vs champion';

type Candidate = { model: string; version: number; stage: string; accuracy: number | null; config: DemoRunConfig };

function loadWeatherDays(): WeatherDay[] {
  // vega-datasets exports only its JS entry (build/index.js); the data folder sits beside build/.
  const entry = createRequire(import.meta.url).resolve('vega-datasets');
  return parseWeatherCsv(fs.readFileSync(path.join(path.dirname(entry), '..', 'data', 'seattle-weather.csv'), 'utf8'));
}

/** Versions whose runs the demo seed trained, grouped by model; the model with the most such versions wins. */
async function demoCandidates(db: Db, projectId: string): Promise<Candidate[]> {
  const rows = await db
    .select({
      model: registeredModels.name,
      version: modelVersions.version,
      stage: modelVersions.stage,
      metrics: modelVersions.metrics,
      config: runs.config,
    })
    .from(modelVersions)
    .innerJoin(registeredModels, eq(registeredModels.id, modelVersions.modelId))
    .innerJoin(runs, eq(runs.id, modelVersions.runId))
    .where(eq(registeredModels.projectId, projectId))
    .orderBy(asc(registeredModels.name), asc(modelVersions.version));
  const usable = rows.flatMap((r) => {
    const config = demoRunConfig(r.config);
    return config
      ? [{ model: r.model, version: r.version, stage: r.stage, accuracy: r.metrics.val_accuracy ?? null, config }]
      : [];
  });
  const byModel = new Map<string, Candidate[]>();
  for (const c of usable) byModel.set(c.model, [...(byModel.get(c.model) ?? []), c]);
  return [...byModel.values()].sort((a, b) => b.length - a.length)[0] ?? [];
}

/** The champion is the Production version (else the oldest); the challenger the best other one by validation accuracy. */
function pickVariants(candidates: Candidate[]): [Candidate, Candidate] {
  const champion = candidates.find((c) => c.stage === 'Production') ?? candidates[0]!;
  const others = candidates.filter((c) => c !== champion);
  const challenger = [...others].sort((a, b) => (b.accuracy ?? -1) - (a.accuracy ?? -1) || b.version - a.version)[0]!;
  return [champion, challenger];
}

const evening = (date: string, plusDays = 0) => new Date(Date.parse(`${date}T18:00:00Z`) + plusDays * 86_400_000);

/**
 * The demo project's one finished A/B test, from real outcomes: two registered versions of the demo model are
 * retrained from their runs' configs and replayed on the held-out days (2014–2015). Each day is a unit assigned
 * by hash; its outcomes are whether the serving version's forecast was right (primary, conversion) and its log
 * loss (guardrail). The challenger ships if it is significantly better and nothing warns; else the test stops.
 * Idempotent: a project that already has the test keeps it.
 */
export async function seedDemoAbTest(
  db: Db,
  projectId: string,
  actor: Actor | null,
  opts: { days?: WeatherDay[] } = {},
) {
  const [existing] = await db
    .select()
    .from(abTests)
    .where(and(eq(abTests.projectId, projectId), eq(abTests.name, DEMO_AB_TEST_NAME)));
  if (existing) return existing;
  const candidates = await demoCandidates(db, projectId);
  if (candidates.length < 2) {
    throw new DomainError(
      'invalid',
      'The demo A/B test needs a registered model with two versions from the demo seed’s runs; register them first.',
    );
  }
  const [champion, challenger] = pickVariants(candidates);
  const days = opts.days ?? loadWeatherDays();
  const forecasts = [champion, challenger].map(
    (c) => new Map(predictHeldOutDays(c.config, days).map((p) => [p.date, p])),
  );
  const dates = [...forecasts[0]!.keys()].filter((d) => forecasts[1]!.has(d)).sort();
  const def = abTestDefinitionSchema.parse({
    name: DEMO_AB_TEST_NAME,
    description: `Version ${challenger.version} (${challenger.config.model.kind}, ${challenger.config.feature_set} features) against version ${champion.version} (${champion.config.model.kind}, ${champion.config.feature_set} features), replayed on ${dates.length} held-out days: each evening one version forecasts whether it rains tomorrow.`,
    model: champion.model,
    variants: [{ version: champion.version }, { version: challenger.version }],
    metrics: [
      { name: 'correct_forecast', kind: 'conversion', direction: 'increase' },
      { name: 'log_loss', kind: 'continuous', direction: 'decrease', guardrail: true },
    ],
  });
  const test = await createAbTest(db, actor, projectId, def, { start: true, at: evening(dates[0]!) });
  const weights = def.variants.map((v) => v.weight);
  const served = dates.map((date) => ({ date, variant: assignVariant(test.id, date, weights) }));
  await recordExposures(
    db,
    test.id,
    served.map((s) => ({ unitId: s.date, variant: s.variant === 0 ? 'A' : 'B', at: evening(s.date) })),
  );
  const events = served.flatMap(({ date, variant }) => {
    const outcome = dayOutcomes(forecasts[variant]!.get(date) as HeldOutPrediction);
    // The outcome is known the next evening, once tomorrow's rain is measured.
    const timestamp = evening(date, 1).toISOString();
    return [
      { unit_id: date, metric: 'correct_forecast', value: outcome.correct, timestamp },
      { unit_id: date, metric: 'log_loss', value: outcome.logLoss, timestamp },
    ];
  });
  for (let i = 0; i < events.length; i += MAX_EVENTS_PER_BATCH)
    await recordAbEvents(db, projectId, test.id, events.slice(i, i + MAX_EVENTS_PER_BATCH));

  const config = await getAbTestConfig(db, projectId, test.id);
  const results = await getAbTestResults(db, config);
  const b = results.metrics.find((m) => m.primary)!.variants[1]!;
  const at = evening(dates.at(-1)!, 2);
  const replay = `Replayed on ${dates.length} held-out days`;
  if (b.verdict === 'better' && !describeShipWarnings(shipWarnings(results, 'B'))) {
    return shipAbTestVariant(db, actor, projectId, test.id, {
      variant: 'B',
      expectedVersion: config.test.version,
      confirm: false,
      reason: replay,
      at,
    });
  }
  const lift = b.relative ? formatSignedPercent(b.relative.estimate) : 'no measurable change';
  return stopAbTest(db, actor, projectId, test.id, {
    expectedVersion: config.test.version,
    reason: `${replay}: version ${challenger.version} is not significantly better than version ${champion.version} at forecasting rain (${lift}, ${b.p_value === null ? 'no test' : `p = ${b.p_value.toFixed(3)}`}); version ${champion.version} stays.`,
    at,
  });
}
