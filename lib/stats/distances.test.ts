import { describe, expect, it } from 'vitest';
import { jensenShannonDistance, populationStd, wassersteinDistance, wassersteinNormed } from './distances';

describe('wassersteinDistance (scipy.stats.wasserstein_distance docstring)', () => {
  it('wasserstein_distance([0, 1, 3], [5, 6, 8]) = 5.0', () => {
    expect(wassersteinDistance([0, 1, 3], [5, 6, 8])).toBeCloseTo(5, 12);
  });

  it('wasserstein_distance([0, 1], [0, 1], [3, 1], [2, 2]) = 0.25', () => {
    expect(wassersteinDistance([0, 1], [0, 1], [3, 1], [2, 2])).toBeCloseTo(0.25, 12);
  });

  it('weighted example = 4.0781331438047861', () => {
    expect(wassersteinDistance([3.4, 3.9, 7.5, 7.8], [4.5, 1.4], [1.4, 0.9, 3.1, 7.2], [3.2, 3.5])).toBeCloseTo(
      4.0781331438047861,
      12,
    );
  });

  it('is symmetric, zero for identical samples, and equals a pure shift', () => {
    const a = [1, 2, 2, 3, 7, 9];
    expect(wassersteinDistance(a, a)).toBe(0);
    expect(
      wassersteinDistance(
        a,
        a.map((v) => v + 2.5),
      ),
    ).toBeCloseTo(2.5, 12);
    expect(wassersteinDistance([1, 5], a)).toBeCloseTo(wassersteinDistance(a, [1, 5]), 12);
  });

  it('rejects empty input and bad weights', () => {
    expect(() => wassersteinDistance([], [1])).toThrow(RangeError);
    expect(() => wassersteinDistance([1, 2], [1], [1, -1])).toThrow(RangeError);
  });
});

describe('wassersteinNormed (Evidently: W₁ ÷ max(np.std(reference), 0.001))', () => {
  it('divides by the population standard deviation of the reference', () => {
    // np.std([2, 4, 4, 4, 5, 5, 7, 9]) = 2.0 (the textbook population-sd example)
    expect(populationStd([2, 4, 4, 4, 5, 5, 7, 9])).toBeCloseTo(2, 12);
    const ref = [2, 4, 4, 4, 5, 5, 7, 9];
    expect(
      wassersteinNormed(
        ref,
        ref.map((v) => v + 0.5),
      ),
    ).toBeCloseTo(0.25, 12);
  });

  it('floors the divisor at 0.001 for a constant reference', () => {
    expect(wassersteinNormed([3, 3, 3], [3, 3, 3.002])).toBeCloseTo(0.002 / 3 / 0.001, 9);
  });
});

describe('jensenShannonDistance (scipy.spatial.distance.jensenshannon docstring)', () => {
  it('jensenshannon([1.0, 0.0, 0.0], [0.0, 1.0, 0.0], 2.0) = 1.0', () => {
    expect(jensenShannonDistance([1, 0, 0], [0, 1, 0], 2)).toBeCloseTo(1, 12);
  });

  it('jensenshannon([1.0, 0.0], [0.5, 0.5]) = 0.46450140402245893 (natural log)', () => {
    expect(jensenShannonDistance([1, 0], [0.5, 0.5])).toBeCloseTo(0.46450140402245893, 12);
  });

  it('jensenshannon([1.0, 0.0, 0.0], [1.0, 0.0, 0.0]) = 0.0', () => {
    expect(jensenShannonDistance([1, 0, 0], [1, 0, 0])).toBe(0);
  });

  it('normalises counts: the axis=0 example gives [0.1954288, 0.1447697, 0.1138377, 0.0927636]', () => {
    const a = [
      [1, 2, 3, 4],
      [5, 6, 7, 8],
      [9, 10, 11, 12],
    ];
    const b = [
      [13, 14, 15, 16],
      [17, 18, 19, 20],
      [21, 22, 23, 24],
    ];
    const expected = [0.1954288, 0.1447697, 0.1138377, 0.0927636];
    expected.forEach((e, col) => {
      expect(
        jensenShannonDistance(
          a.map((r) => r[col]!),
          b.map((r) => r[col]!),
        ),
      ).toBeCloseTo(e, 7);
    });
  });

  it('rejects mismatched or empty distributions', () => {
    expect(() => jensenShannonDistance([1], [1, 2])).toThrow(RangeError);
    expect(() => jensenShannonDistance([0, 0], [1, 2])).toThrow(RangeError);
  });
});
