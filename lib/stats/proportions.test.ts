import { describe, expect, it } from 'vitest';
import { oneProportionLowerP, twoProportionZTest } from './proportions';

const relClose = (actual: number, expected: number, rel: number) =>
  expect(Math.abs(actual - expected)).toBeLessThanOrEqual(rel * Math.abs(expected));

describe('twoProportionZTest', () => {
  it('R prop.test(c(30, 50), c(100, 100), correct = FALSE): X-squared 8.3333333333333339, p 0.0038924171227786306', () => {
    const res = twoProportionZTest(30, 100, 50, 100);
    expect(res.z * res.z).toBeCloseTo(8.3333333333333339, 10);
    expect(res.z).toBeLessThan(0);
    relClose(res.p_value, 0.0038924171227786306, 1e-10);
    expect(res.difference).toBeCloseTo(-0.2, 12);
    // R conf.int: -0.33293122498191674 -0.067068775018083282
    // Newcombe's score interval (SciPy Wilson intervals combined: scripts/stats-reference.py), not Wald's
    expect(res.ci[0]).toBeCloseTo(-0.3257682908764214, 10);
    expect(res.ci[1]).toBeCloseTo(-0.06422327745160022, 10);
  });

  it('statsmodels proportions_ztest docs: count [5, 12], nobs [83, 99] → p-value 0.159', () => {
    expect(twoProportionZTest(5, 83, 12, 99).p_value).toBeCloseTo(0.159, 3);
  });

  it('returns p = 1 when neither arm varies, and rejects impossible counts', () => {
    expect(twoProportionZTest(0, 50, 0, 40)).toMatchObject({ z: 0, p_value: 1 });
    expect(twoProportionZTest(50, 50, 40, 40)).toMatchObject({ z: 0, p_value: 1 });
    expect(() => twoProportionZTest(6, 5, 1, 5)).toThrow(RangeError);
    expect(() => twoProportionZTest(1, 0, 1, 5)).toThrow(RangeError);
  });
});

describe('oneProportionLowerP', () => {
  it('R prop.test(30, 100, p = 0.5, correct = FALSE): X-squared = 16, two-sided p 6.3342483666239835e-05', () => {
    const res = oneProportionLowerP(30, 100, 0.5);
    expect(res.z).toBeCloseTo(-4, 12);
    // the lower tail is half the two-sided p-value for this symmetric z statistic
    relClose(res.p_value, 6.3342483666239835e-5 / 2, 1e-10);
  });
});
