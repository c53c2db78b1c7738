import {
  DEMO_SPLIT,
  type ExampleTable,
  type FeatureSetName,
  type Standardizer,
  buildExamples,
  fitStandardizer,
  oversampleMinority,
  positiveRate,
  standardize,
  timeSplit,
} from './features';
import { type Evaluation, evaluate } from './classifier-scores';
import {
  type CurvePoint,
  type ForestConfig,
  type LearnedParameters,
  type LogisticConfig,
  type Split,
  type TrainedModel,
  trainLogisticRegression,
  trainRandomForest,
} from './models';
import type { WeatherDay } from './weather';

// The demo project's experiments: real fits on the Seattle weather data, model-centric runs (one feature set,
// varied model and hyper-parameters) and data-centric runs (one model, improved data).

export const DEMO_SEED = 42;
export const LABEL_DEFINITION = 'rain tomorrow: precipitation on the next day > 0 mm';

export const DEMO_EXPERIMENTS = {
  logreg: 'Logistic regression',
  forest: 'Random forest',
} as const;
export type DemoExperiment = (typeof DEMO_EXPERIMENTS)[keyof typeof DEMO_EXPERIMENTS];

export type ModelSpec =
  ({ kind: 'logistic-regression' } & LogisticConfig) | ({ kind: 'random-forest' } & Omit<ForestConfig, 'seed'>);

export type RunSpec = {
  /** Unique within its experiment: the seed finds runs it already logged by this name. */
  name: string;
  experiment: DemoExperiment;
  approach: 'model-centric' | 'data-centric';
  featureSet: FeatureSetName;
  balance: 'none' | 'oversample-minority';
  seed: number;
  model: ModelSpec;
  /** What the run tries, shown as its description. */
  note: string;
};

const lr = (learningRate: number, iterations: number, every: number): ModelSpec => ({
  kind: 'logistic-regression',
  learningRate,
  iterations,
  every,
});
const rf = (nEstimators: number, maxDepth: number): ModelSpec => ({
  kind: 'random-forest',
  nEstimators,
  maxDepth,
  maxFeatures: 0.6,
});
const lrName = (m: ModelSpec & { kind: 'logistic-regression' }) => `logreg lr=${m.learningRate} it=${m.iterations}`;
const rfName = (m: ModelSpec & { kind: 'random-forest' }) => `random-forest n=${m.nEstimators} depth=${m.maxDepth}`;

/** The fixed model the data-centric runs share: the plain logistic regression of the model-centric sweep. */
const DATA_CENTRIC_LR = lr(1e-4, 500, 25);

export function demoPlan(): RunSpec[] {
  const base = {
    featureSet: 'basic' as const,
    balance: 'none' as const,
    seed: DEMO_SEED,
    approach: 'model-centric' as const,
  };
  const logreg: RunSpec[] = [
    lr(1e-5, 500, 25),
    lr(1e-4, 500, 25),
    lr(1e-3, 500, 25),
    lr(1e-2, 500, 25),
    lr(1e-5, 1500, 150),
  ].map((m) => ({
    ...base,
    name: lrName(m as ModelSpec & { kind: 'logistic-regression' }),
    experiment: DEMO_EXPERIMENTS.logreg,
    model: m,
    note: 'Model-centric: the basic features, one learning rate / iteration budget of the sweep.',
  }));
  const forest: RunSpec[] = [10, 30].flatMap((n) =>
    [3, 6, 12].map((depth) => {
      const m = rf(n, depth) as ModelSpec & { kind: 'random-forest' };
      return {
        ...base,
        name: rfName(m),
        experiment: DEMO_EXPERIMENTS.forest,
        model: m,
        note: 'Model-centric: the basic features, one cell of the n_estimators × max_depth grid.',
      };
    }),
  );
  const dataCentric: RunSpec[] = [
    {
      featureSet: 'seasonal',
      balance: 'none',
      note: 'Data-centric: season as day-of-year sin/cos instead of the month number, plus the temperature range.',
    },
    {
      featureSet: 'history',
      balance: 'none',
      note: 'Data-centric: log-scaled precipitation (heavily skewed) and the two previous days.',
    },
    {
      featureSet: 'history',
      balance: 'oversample-minority',
      note: 'Data-centric: the history features with the rainy-tomorrow class oversampled to balance the training rows.',
    },
  ].map((d) => ({
    ...base,
    ...(d as Pick<RunSpec, 'featureSet' | 'balance' | 'note'>),
    approach: 'data-centric' as const,
    name: `logreg data: ${d.featureSet}${d.balance === 'none' ? '' : ' + balanced'}`,
    experiment: DEMO_EXPERIMENTS.logreg,
    model: DATA_CENTRIC_LR,
  }));
  const forestData: RunSpec = {
    ...base,
    approach: 'data-centric',
    featureSet: 'history',
    name: 'random-forest data: history n=30 depth=6',
    experiment: DEMO_EXPERIMENTS.forest,
    model: rf(30, 6),
    note: 'Data-centric: the same forest as n=30 depth=6, trained on the history features.',
  };
  return [...logreg, ...forest, ...dataCentric, forestData];
}

export type LoggedMetric = { key: string; value: number; step: number; timestamp: number };

export type RunOutcome = {
  params: { key: string; value: string }[];
  config: Record<string, unknown>;
  metrics: LoggedMetric[];
  valid: Evaluation;
  train: Evaluation;
  /** The derived table (every example, before the split, balancing and scaling), for its dataset digest. */
  table: ExampleTable;
  rows: { train: number; valid: number };
  /** The learning curve as measured (the logged metrics' points). */
  curve: CurvePoint[];
  /** The final model: what it learned, and the scaling fitted on its training rows that its inputs go through first. */
  model: { parameters: LearnedParameters; standardizer: Standardizer; featureNames: string[] };
  /** Every validation row (raw, unscaled features) with its label and the final model's P(rain tomorrow). */
  validation: { dates: string[]; features: number[][]; labels: (0 | 1)[]; probabilities: number[] };
};

function prepare(spec: RunSpec, days: WeatherDay[]) {
  const table = buildExamples(days, spec.featureSet);
  const { train, valid } = timeSplit(table.examples, DEMO_SPLIT.trainEnd);
  const fitted = spec.balance === 'oversample-minority' ? oversampleMinority(train, spec.seed) : train;
  const scaler = fitStandardizer(fitted.map((e) => e.features));
  const toSplit = (rows: typeof train): Split => ({
    X: standardize(
      rows.map((e) => e.features),
      scaler,
    ),
    y: rows.map((e) => e.label),
  });
  return {
    table,
    scaler,
    validRows: valid,
    fitted: toSplit(fitted),
    trainSplit: toSplit(train),
    validSplit: toSplit(valid),
  };
}

function modelParams(m: ModelSpec): Record<string, string | number> {
  if (m.kind === 'logistic-regression') {
    return {
      model: 'logistic-regression',
      library: 'ml-logistic-regression@2',
      learning_rate: m.learningRate,
      iterations: m.iterations,
      log_every: m.every,
    };
  }
  return {
    model: 'random-forest',
    library: 'ml-random-forest@2',
    n_estimators: m.nEstimators,
    max_depth: m.maxDepth,
    max_features: m.maxFeatures,
    proba_smoothing: 'laplace',
  };
}

/** Trains and evaluates one planned run; pure apart from the clock, which stamps the learning-curve points. */
export function runDemoTraining(spec: RunSpec, days: WeatherDay[], now: () => number = Date.now): RunOutcome {
  const data = prepare(spec, days);
  const model: TrainedModel =
    spec.model.kind === 'logistic-regression'
      ? trainLogisticRegression(data.fitted, data.validSplit, spec.model, now)
      : trainRandomForest(data.fitted, data.validSplit, { ...spec.model, seed: spec.seed }, now);
  // Training scores use the real training rows, so balanced and plain runs compare; the curve's train_log_loss
  // is the loss on the rows the model fitted (balanced ones when balancing).
  const validProba = model.predict(data.validSplit.X);
  const valid = evaluate(data.validSplit.y, validProba);
  const train = evaluate(data.trainSplit.y, model.predict(data.trainSplit.X));
  const last = model.curve.at(-1)!;
  const metrics: LoggedMetric[] = model.curve.flatMap((p) =>
    Object.entries(p.values).map(([key, value]) => ({ key, value, step: p.step, timestamp: p.timestamp })),
  );
  const finals: Record<string, number> = {
    val_f1: valid.f1,
    val_precision: valid.precision,
    val_recall: valid.recall,
    train_accuracy: train.accuracy,
    train_log_loss: train.logLoss,
  };
  const at = now();
  for (const [key, value] of Object.entries(finals)) {
    if (!(key in last.values)) metrics.push({ key, value, step: last.step, timestamp: at });
  }
  const config = {
    label: LABEL_DEFINITION,
    split: { train: `… to ${DEMO_SPLIT.trainEnd}`, valid: `after ${DEMO_SPLIT.trainEnd}` },
    feature_set: spec.featureSet,
    features: data.table.featureNames,
    scaling: 'standardize (mean/std of the training rows)',
    balance: spec.balance,
    seed: spec.seed,
    model: spec.model,
  };
  const params = Object.entries({
    ...modelParams(spec.model),
    feature_set: spec.featureSet,
    n_features: data.table.featureNames.length,
    balance: spec.balance,
    train_end: DEMO_SPLIT.trainEnd,
    train_rows: data.fitted.y.length,
    valid_rows: data.validSplit.y.length,
    train_positive_rate: positiveRate(data.fitted.y.map((label) => ({ label }))).toFixed(4),
  }).map(([key, value]) => ({ key, value: String(value) }));
  return {
    params,
    config,
    metrics,
    valid,
    train,
    table: data.table,
    rows: { train: data.fitted.y.length, valid: data.validSplit.y.length },
    curve: model.curve,
    model: { parameters: model.parameters, standardizer: data.scaler, featureNames: data.table.featureNames },
    validation: {
      dates: data.validRows.map((e) => e.date),
      features: data.validRows.map((e) => e.features),
      labels: data.validSplit.y,
      probabilities: validProba,
    },
  };
}
