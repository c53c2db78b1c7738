import { describe, expect, it } from 'vitest';
import {
  accuracy,
  assessDegradation,
  degraded,
  f1Binary,
  f1Macro,
  mae,
  maeStandardError,
  rmse,
  rmseStandardError,
} from './performance';

describe('classification metrics (scikit-learn docs examples)', () => {
  it('accuracy_score([0, 1, 2, 3], [0, 2, 1, 3]) = 0.5', () => {
    expect(accuracy([0, 1, 2, 3], [0, 2, 1, 3])).toBe(0.5);
  });

  const yTrue = [0, 1, 2, 0, 1, 2];
  const yPred = [0, 2, 1, 0, 0, 1];
  it("f1_score(average='macro') = 0.26666666666666666", () => {
    expect(f1Macro(yTrue, yPred)).toBeCloseTo(0.26666666666666666, 12);
  });
  it('f1_score(average=None) = [0.8, 0, 0]: the per-class (binary, one-vs-rest) scores', () => {
    expect(f1Binary(yTrue, yPred, 0)).toBeCloseTo(0.8, 12);
    expect(f1Binary(yTrue, yPred, 1)).toBe(0);
    expect(f1Binary(yTrue, yPred, 2)).toBe(0);
  });
  it('rejects unpaired or empty input', () => {
    expect(() => accuracy([1, 2], [1])).toThrow(RangeError);
    expect(() => f1Macro([], [])).toThrow(RangeError);
  });
});

describe('regression metrics (scikit-learn docs examples)', () => {
  const yTrue = [3, -0.5, 2, 7];
  const yPred = [2.5, 0.0, 2, 8];
  it('mean_absolute_error = 0.5', () => {
    expect(mae(yTrue, yPred)).toBeCloseTo(0.5, 12);
  });
  it('mean_squared_error = 0.375, so root_mean_squared_error = 0.6123724356957945', () => {
    expect(rmse(yTrue, yPred)).toBeCloseTo(Math.sqrt(0.375), 12);
    expect(rmse(yTrue, yPred)).toBeCloseTo(0.6123724356957945, 12);
  });
  it('standard errors: sd(|e|)/√n for MAE, delta method for RMSE', () => {
    // |e| = [0.5, 0.5, 0, 1]: mean 0.5, sample sd √(0.5/3)
    expect(maeStandardError(yTrue, yPred)).toBeCloseTo(Math.sqrt(0.5 / 3) / 2, 12);
    // e² = [0.25, 0.25, 0, 1]: mean 0.375, sample sd √(((0.125)²·2 + 0.375² + 0.625²)/3)
    const sdSquared = Math.sqrt((2 * 0.125 ** 2 + 0.375 ** 2 + 0.625 ** 2) / 3);
    expect(rmseStandardError(yTrue, yPred)).toBeCloseTo(sdSquared / 2 / (2 * Math.sqrt(0.375)), 12);
    expect(rmseStandardError([1, 2], [1, 2])).toBe(0);
  });
});

describe('degradation', () => {
  it('accuracy 30/100 against a 0.5 baseline: z = 4, p = half of R prop.test(30, 100, p = 0.5, correct = FALSE)', () => {
    const res = assessDegradation(0.3, 0.5, true, 100);
    expect(res.threshold).toBeCloseTo(0.475, 12);
    expect(res.practically_worse).toBe(true);
    expect(res.z).toBeCloseTo(4, 12);
    // R: X-squared = 16, p-value = 6.3342483666239835e-05 (two-sided)
    expect(res.p_value).toBeCloseTo(6.3342483666239835e-5 / 2, 15);
    expect(res.degraded).toBe(true);
  });

  it('needs both conditions: a big drop on few rows, or a tiny drop on many, is not degradation', () => {
    // 0.47 < 0.475 but z = 0.6 on 100 rows
    expect(assessDegradation(0.47, 0.5, true, 100)).toMatchObject({ practically_worse: true, degraded: false });
    // z ≈ 21 on 100,000 rows, but 0.88 is within 5 % of 0.9
    const tiny = assessDegradation(0.88, 0.9, true, 100_000);
    expect(tiny.p_value).toBeLessThan(1e-6);
    expect(tiny.degraded).toBe(false);
    expect(degraded(0.9, 0.9, true, 1000)).toBe(false);
    expect(degraded(0.95, 0.9, true, 1000)).toBe(false);
  });

  it('mirrors the rule for losses: current > baseline / 0.95 and significant with the given SE', () => {
    const res = assessDegradation(1.2, 1, false, 400, 0.05);
    expect(res.threshold).toBeCloseTo(1 / 0.95, 12);
    expect(res.z).toBeCloseTo(4, 12);
    expect(res.degraded).toBe(true);
    expect(degraded(1.05, 1, false, 400, 0.001)).toBe(false); // 1.05 < 1.0526
    expect(degraded(1.2, 1, false, 10, 0.5)).toBe(false); // within noise
    expect(degraded(0.5, 1, false, 400, 0.05)).toBe(false); // better
  });

  it('treats a zero standard error as certainty and rejects missing or bad inputs', () => {
    expect(assessDegradation(0.5, 1, true, 50)).toMatchObject({ z: Infinity, p_value: 0, degraded: true });
    expect(() => assessDegradation(1.2, 1, false, 100)).toThrow(RangeError);
    expect(() => assessDegradation(0.5, 0.9, true, 0)).toThrow(RangeError);
    expect(() => assessDegradation(Number.NaN, 0.9, true, 10)).toThrow(RangeError);
  });
});
