import LogisticRegression from 'ml-logistic-regression';
import { Matrix } from 'ml-matrix';
import { RandomForestClassifier } from 'ml-random-forest';
import { accuracy, logLoss, threshold } from './classifier-scores';

export type Split = { X: number[][]; y: (0 | 1)[] };
/** One logged point of a learning curve: the values of several metrics at one step. */
export type CurvePoint = { step: number; timestamp: number; values: Record<string, number> };
/** What the final model learned, as plain JSON (the run's model artifact). */
export type LearnedParameters =
  | { kind: 'logistic-regression'; intercept: number; coefficients: number[] }
  | {
      kind: 'random-forest';
      /** Mean impurity decrease per feature, normalized to sum to 1 (the library's featureImportance()). */
      featureImportance: number[];
      /** RandomForestClassifier.toJSON(): RandomForestClassifier.load() rebuilds the same forest. */
      forest: unknown;
    };
/** The learning curve, the final model's P(class 1) for any rows, and its learned parameters. */
export type TrainedModel = { curve: CurvePoint[]; predict: (X: number[][]) => number[]; parameters: LearnedParameters };

function assertBothClasses(train: Split) {
  if (!train.y.includes(0) || !train.y.includes(1))
    throw new RangeError('The training rows must contain both classes.');
}

// ml-logistic-regression fits no intercept, so every row gets a constant 1 column.
const withBias = (X: number[][]) => new Matrix(X.map((r) => [1, ...r]));

export type LogisticConfig = { learningRate: number; iterations: number; every: number };

/**
 * Full-batch gradient descent (ml-logistic-regression; its step is learningRate × the summed gradient, from zero
 * weights). The library fits in one call, so the curve retrains from scratch for every checkpoint: descent is
 * deterministic, so k steps from zero are exactly the first k steps of the full fit, and each point is measured.
 */
export function trainLogisticRegression(
  train: Split,
  valid: Split,
  cfg: LogisticConfig,
  now: () => number = Date.now,
): TrainedModel {
  assertBothClasses(train);
  const Xtrain = withBias(train.X);
  const Xvalid = withBias(valid.X);
  const Y = Matrix.columnVector(train.y);
  const checkpoints: number[] = [];
  for (let k = cfg.every; k < cfg.iterations; k += cfg.every) checkpoints.push(k);
  checkpoints.push(cfg.iterations);
  const curve: CurvePoint[] = [];
  let predict: TrainedModel['predict'] = () => [];
  let weights: number[] = [];
  for (const steps of checkpoints) {
    const model = new LogisticRegression({ numSteps: steps, learningRate: cfg.learningRate });
    model.train(Xtrain, Y);
    // With classes {0, 1}, classifier 0 is trained with target 1 for "not class 0", so its score is P(class 1).
    const scorer = model.classifiers[0]!;
    predict = (X) => scorer.testScores(withBias(X));
    weights = scorer.weights?.to1DArray() ?? [];
    const trainProba = scorer.testScores(Xtrain);
    const validProba = scorer.testScores(Xvalid);
    curve.push({
      step: steps,
      timestamp: now(),
      values: {
        train_log_loss: logLoss(train.y, trainProba),
        val_log_loss: logLoss(valid.y, validProba),
        val_accuracy: accuracy(valid.y, threshold(validProba)),
      },
    });
  }
  return {
    curve,
    predict,
    parameters: { kind: 'logistic-regression', intercept: weights[0] ?? 0, coefficients: weights.slice(1) },
  };
}

// ml-random-forest 2.1 has featureImportance() in its code but not in its bundled types.
const featureImportance = (model: RandomForestClassifier) =>
  (model as unknown as { featureImportance(): number[] }).featureImportance();

export type ForestConfig = { nEstimators: number; maxDepth: number; maxFeatures: number; seed: number };

/** Trees vote; the class-1 share of k votes becomes a probability with Laplace smoothing, (votes + 1) / (k + 2), so log loss stays finite. */
const smoothed = (votes: number, k: number) => (votes + 1) / (k + 2);

function cumulativeVotes(model: RandomForestClassifier, X: number[][]): number[][] {
  const perTree = model.predictionValues(X);
  const out: number[][] = [];
  for (let i = 0; i < perTree.rows; i++) {
    let votes = 0;
    const row: number[] = [];
    for (let k = 0; k < perTree.columns; k++) {
      votes += perTree.get(i, k) === 1 ? 1 : 0;
      row.push(votes);
    }
    out.push(row);
  }
  return out;
}

/**
 * ml-random-forest with bagged rows and, per tree, a random subset of features (the library samples features per
 * tree, not per split). The curve is the forest's validation score as trees are added: step k uses the first k trees.
 */
export function trainRandomForest(
  train: Split,
  valid: Split,
  cfg: ForestConfig,
  now: () => number = Date.now,
): TrainedModel {
  assertBothClasses(train);
  const model = new RandomForestClassifier({
    nEstimators: cfg.nEstimators,
    maxFeatures: cfg.maxFeatures,
    replacement: false,
    useSampleBagging: true,
    noOOB: true,
    seed: cfg.seed,
    treeOptions: { maxDepth: cfg.maxDepth },
  });
  model.train(train.X, train.y);
  const validVotes = cumulativeVotes(model, valid.X);
  const curve: CurvePoint[] = [];
  for (let k = 1; k <= cfg.nEstimators; k++) {
    const proba = validVotes.map((row) => smoothed(row[k - 1]!, k));
    curve.push({
      step: k,
      timestamp: now(),
      values: { val_log_loss: logLoss(valid.y, proba), val_accuracy: accuracy(valid.y, threshold(proba)) },
    });
  }
  const n = cfg.nEstimators;
  return {
    curve,
    predict: (X) => cumulativeVotes(model, X).map((row) => smoothed(row[n - 1]!, n)),
    parameters: { kind: 'random-forest', featureImportance: featureImportance(model), forest: model.toJSON() },
  };
}
