import { describe, expect, it } from 'vitest';
import { accuracy, confusion, evaluate, logLoss, precisionRecallF1, threshold } from './classifier-scores';

describe('classification metrics', () => {
  // By hand: tp = 2 (rows 0, 4), fn = 1 (row 1), fp = 1 (row 2), tn = 1 (row 3).
  const yTrue = [1, 1, 0, 0, 1];
  const yPred = [1, 0, 1, 0, 1];

  it('counts the confusion matrix and accuracy', () => {
    expect(confusion(yTrue, yPred)).toEqual({ tp: 2, fp: 1, tn: 1, fn: 1 });
    expect(accuracy(yTrue, yPred)).toBe(3 / 5);
  });

  it('computes precision, recall and F1 of class 1', () => {
    const r = precisionRecallF1(yTrue, yPred);
    expect(r.precision).toBeCloseTo(2 / 3, 12);
    expect(r.recall).toBeCloseTo(2 / 3, 12);
    expect(r.f1).toBeCloseTo(2 / 3, 12);
    // Asymmetric case: tp 1, fp 2, fn 0 → precision 1/3, recall 1, F1 = 2·1 / (2·1 + 2 + 0) = 0.5.
    expect(precisionRecallF1([1, 0, 0], [1, 1, 1])).toEqual({ precision: 1 / 3, recall: 1, f1: 0.5 });
  });

  it('answers 0 where scikit-learn (zero_division=0) does: no predicted or no actual positives', () => {
    expect(precisionRecallF1([0, 0, 1], [0, 0, 0])).toEqual({ precision: 0, recall: 0, f1: 0 });
    expect(precisionRecallF1([0, 0], [0, 0])).toEqual({ precision: 0, recall: 0, f1: 0 });
  });

  it('matches scikit-learn’s documented log_loss example (0.21616…)', () => {
    // sklearn.metrics.log_loss(["spam", "ham", "ham", "spam"], [[.1, .9], [.9, .1], [.8, .2], [.35, .65]]) → 0.21616...
    expect(logLoss([1, 0, 0, 1], [0.9, 0.1, 0.2, 0.65])).toBeCloseTo(0.21616187468057912, 12);
  });

  it('clips certainty so a confident mistake costs -ln(1e-15), not infinity', () => {
    // 1 - (1 - 1e-15) is not exactly 1e-15 in binary floating point, hence two decimals.
    expect(logLoss([0], [1])).toBeCloseTo(-Math.log(1e-15), 2);
    expect(logLoss([1], [0])).toBeCloseTo(-Math.log(1e-15), 12);
    expect(logLoss([1], [1])).toBeCloseTo(0, 12);
  });

  it('thresholds at 0.5 inclusive and evaluates everything at once', () => {
    expect(threshold([0.49, 0.5, 0.9])).toEqual([0, 1, 1]);
    const e = evaluate([1, 0, 0, 1], [0.9, 0.1, 0.2, 0.65]);
    expect(e).toMatchObject({ accuracy: 1, precision: 1, recall: 1, f1: 1 });
    expect(e.logLoss).toBeCloseTo(0.21616187468057912, 12);
  });

  it('refuses mismatched or empty inputs', () => {
    expect(() => accuracy([1, 0], [1])).toThrow(RangeError);
    expect(() => logLoss([], [])).toThrow(RangeError);
  });
});
