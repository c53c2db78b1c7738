import { z } from 'zod';
import {
  DEMO_SPLIT,
  FEATURE_SET_NAMES,
  type FeatureSetName,
  buildExamples,
  fitStandardizer,
  oversampleMinority,
  standardize,
  timeSplit,
} from '@/scripts/demo/ml/features';
import { type Split, trainLogisticRegression, trainRandomForest } from '@/scripts/demo/ml/models';
import type { WeatherDay } from '@/scripts/demo/ml/weather';

// The demo A/B test's outcomes: a registered version's model, retrained exactly as its run was (the fit is
// deterministic for a given config and seed), predicts each held-out day; that day's outcome for the variant
// serving it is whether the forecast was right, and how well-calibrated it was.

const modelSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('logistic-regression'),
    learningRate: z.number().positive(),
    iterations: z.number().int().positive(),
  }),
  z.object({
    kind: z.literal('random-forest'),
    nEstimators: z.number().int().positive(),
    maxDepth: z.number().int().positive(),
    maxFeatures: z.number().positive(),
  }),
]);

/** The parts of a demo run's `runboard.config` that define its model. */
const runConfigSchema = z.object({
  feature_set: z.enum(FEATURE_SET_NAMES as [FeatureSetName, ...FeatureSetName[]]),
  balance: z.enum(['none', 'oversample-minority']),
  seed: z.number().int(),
  model: modelSchema,
});
export type DemoRunConfig = z.output<typeof runConfigSchema>;

/** The model recipe of a run the demo seed trained, or null for any other run. */
export function demoRunConfig(config: Record<string, unknown> | null | undefined): DemoRunConfig | null {
  const parsed = runConfigSchema.safeParse(config ?? null);
  return parsed.success ? parsed.data : null;
}

export type HeldOutPrediction = { date: string; label: 0 | 1; pRain: number };

/** Fits the run's model on the training period and predicts P(rain tomorrow) for every held-out day. */
export function predictHeldOutDays(cfg: DemoRunConfig, days: WeatherDay[]): HeldOutPrediction[] {
  const { train, valid } = timeSplit(buildExamples(days, cfg.feature_set).examples, DEMO_SPLIT.trainEnd);
  const fitted = cfg.balance === 'oversample-minority' ? oversampleMinority(train, cfg.seed) : train;
  const scaler = fitStandardizer(fitted.map((e) => e.features));
  const toSplit = (rows: typeof train): Split => ({
    X: standardize(
      rows.map((e) => e.features),
      scaler,
    ),
    y: rows.map((e) => e.label),
  });
  const [fit, held] = [toSplit(fitted), toSplit(valid)];
  const m = cfg.model;
  // Only the final model matters here, so the learning curve gets a single checkpoint.
  const model =
    m.kind === 'logistic-regression'
      ? trainLogisticRegression(fit, held, {
          learningRate: m.learningRate,
          iterations: m.iterations,
          every: m.iterations,
        })
      : trainRandomForest(fit, held, {
          nEstimators: m.nEstimators,
          maxDepth: m.maxDepth,
          maxFeatures: m.maxFeatures,
          seed: cfg.seed,
        });
  const p = model.predict(held.X);
  return valid.map((e, i) => ({ date: e.date, label: e.label, pRain: p[i]! }));
}

const EPS = 1e-15;

/** The day's outcomes: 1 when the 0.5-threshold forecast was right, and the log loss of the probability. */
export function dayOutcomes(p: HeldOutPrediction): { correct: 0 | 1; logLoss: number } {
  const q = Math.min(1 - EPS, Math.max(EPS, p.pRain));
  return {
    correct: (p.pRain >= 0.5 ? 1 : 0) === p.label ? 1 : 0,
    logLoss: -(p.label * Math.log(q) + (1 - p.label) * Math.log(1 - q)),
  };
}
