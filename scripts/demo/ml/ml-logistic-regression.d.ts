// ml-logistic-regression 2.0 ships no types; this covers the part scripts/demo/ml uses.
declare module 'ml-logistic-regression' {
  import type { Matrix } from 'ml-matrix';

  /** One-vs-all: classifier i is trained with target 0 for class i and 1 for every other class. */
  export default class LogisticRegression {
    constructor(options?: { numSteps?: number; learningRate?: number });
    numberClasses: number;
    classifiers: { weights: Matrix | null; testScores(features: Matrix): number[] }[];
    train(features: Matrix, labels: Matrix): void;
    predict(features: Matrix): number[];
  }
}
