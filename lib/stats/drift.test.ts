import { describe, expect, it } from 'vitest';
import { type FeatureDrift, detectDatasetDrift, detectFeatureDrift, selectDriftTest } from './drift';
import { ksTwoSample } from './ks';

/** Seeded standard normals (mulberry32 + Box–Muller) so every run sees the same samples. */
function normals(seed: number, n: number, mean = 0, sd = 1): number[] {
  let a = seed >>> 0;
  const uniform = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return Array.from(
    { length: n },
    () => mean + sd * Math.sqrt(-2 * Math.log(1 - uniform())) * Math.cos(2 * Math.PI * uniform()),
  );
}
const repeat = (value: string, times: number) => Array<string>(times).fill(value);

describe('selectDriftTest (PRODUCT.md / Evidently defaults)', () => {
  it('small reference: KS for continuous numeric, χ² above two categories, z-test otherwise', () => {
    expect(selectDriftTest(1000, 'numeric', 6)).toBe('ks');
    expect(selectDriftTest(1000, 'numeric', 5)).toBe('chi_square');
    expect(selectDriftTest(1000, 'categorical', 3)).toBe('chi_square');
    expect(selectDriftTest(1000, 'categorical', 2)).toBe('z_test');
    expect(selectDriftTest(1000, 'numeric', 2)).toBe('z_test');
  });
  it('large reference: normed Wasserstein for continuous numeric, Jensen–Shannon otherwise', () => {
    expect(selectDriftTest(1001, 'numeric', 6)).toBe('wasserstein_normed');
    expect(selectDriftTest(1001, 'numeric', 5)).toBe('jensen_shannon');
    expect(selectDriftTest(1001, 'categorical', 40)).toBe('jensen_shannon');
  });
});

describe('detectFeatureDrift', () => {
  it('says "not enough data" under 30 usable rows in either window', () => {
    const res = detectFeatureDrift(normals(1, 29), normals(2, 500), 'numeric', 'age');
    expect(res).toMatchObject({ feature: 'age', test: 'not_enough_data', statistic: null, psi: null, drifted: false });
    const withMissing = detectFeatureDrift([...normals(1, 29), null, Number.NaN], normals(2, 500), 'numeric');
    expect(withMissing.test).toBe('not_enough_data');
    expect(withMissing.reference_size).toBe(29);
  });

  it('small numeric reference: KS, drift when p ≤ 0.05, with the KS statistic itself', () => {
    const ref = normals(11, 300);
    const shifted = normals(12, 300, 0.5);
    const res = detectFeatureDrift(ref, shifted, 'numeric', 'x');
    const direct = ksTwoSample(ref, shifted);
    expect(res).toMatchObject({
      test: 'ks',
      statistic: direct.statistic,
      p_value: direct.p_value,
      threshold: 0.05,
      drifted: true,
    });
    expect(res.psi).toBeGreaterThan(0.1);
    const same = detectFeatureDrift(ref, normals(13, 300), 'numeric');
    expect(same.drifted).toBe(same.p_value! <= 0.05);
    expect(same.p_value).toBeGreaterThan(0.05);
  });

  it('χ² path reproduces the SciPy chi2_contingency docstring table (p 0.2494 → no drift)', () => {
    const ref = [...repeat('a', 10), ...repeat('b', 10), ...repeat('c', 20)];
    const cur = [...repeat('a', 20), ...repeat('b', 20), ...repeat('c', 20)];
    const res = detectFeatureDrift(ref, cur, 'categorical');
    expect(res.test).toBe('chi_square');
    expect(res.statistic).toBeCloseTo(2.7777777777777777, 12);
    expect(res.p_value).toBeCloseTo(0.24935220877729619, 10);
    expect(res.drifted).toBe(false);
  });

  it('z path reproduces R prop.test(c(30, 50), c(100, 100), correct = FALSE): p 0.0038924 → drift', () => {
    const ref = [...repeat('yes', 30), ...repeat('no', 70)];
    const cur = [...repeat('yes', 50), ...repeat('no', 50)];
    const res = detectFeatureDrift(ref, cur, 'categorical', 'churned');
    expect(res.test).toBe('z_test');
    expect(res.statistic! ** 2).toBeCloseTo(8.3333333333333339, 10);
    expect(res.p_value).toBeCloseTo(0.0038924171227786306, 12);
    expect(res.drifted).toBe(true);
  });

  it('treats a numeric feature with ≤ 5 levels as categorical, and booleans as categories', () => {
    const ratings = (seed: number) => normals(seed, 200).map((v) => Math.min(5, Math.max(1, Math.round(v + 3))));
    expect(detectFeatureDrift(ratings(1), ratings(2), 'numeric').test).toBe('chi_square');
    const flags = detectFeatureDrift(
      Array.from({ length: 60 }, (_, i) => i % 2 === 0),
      Array.from({ length: 60 }, (_, i) => i % 3 === 0),
      'categorical',
    );
    expect(flags.test).toBe('z_test');
  });

  it('large numeric reference: normed Wasserstein, drift at ≥ 0.1 reference standard deviations', () => {
    const ref = normals(21, 2000);
    const small = detectFeatureDrift(ref, normals(22, 2000, 0.02), 'numeric');
    expect(small).toMatchObject({ test: 'wasserstein_normed', threshold: 0.1, drifted: false });
    expect(small.p_value).toBeUndefined();
    const big = detectFeatureDrift(ref, normals(23, 2000, 0.5), 'numeric');
    expect(big.drifted).toBe(true);
    expect(big.statistic).toBeGreaterThan(0.4);
    expect(big.psi_band).toBe('significant');
  });

  it('large categorical reference: Jensen–Shannon distance over category shares', () => {
    const ref = [...repeat('a', 1200), ...repeat('b', 800)];
    const cur = [...repeat('a', 100), ...repeat('b', 100)];
    const res = detectFeatureDrift(ref, cur, 'categorical');
    expect(res.test).toBe('jensen_shannon');
    // JS([0.6, 0.4], [0.5, 0.5]) in nats, from the definition
    const m = [0.55, 0.45];
    const expected = Math.sqrt(
      (0.6 * Math.log(0.6 / m[0]!) +
        0.4 * Math.log(0.4 / m[1]!) +
        0.5 * Math.log(0.5 / m[0]!) +
        0.5 * Math.log(0.5 / m[1]!)) /
        2,
    );
    expect(res.statistic).toBeCloseTo(expected, 12);
    expect(res.drifted).toBe(expected >= 0.1);
  });
});

describe('detectDatasetDrift', () => {
  const feature = (drifted: boolean, test: FeatureDrift['test'] = 'ks'): FeatureDrift => ({
    feature: 'f',
    test,
    statistic: test === 'not_enough_data' ? null : 0.1,
    threshold: 0.05,
    psi: null,
    psi_band: null,
    drifted,
    reference_size: 100,
    current_size: 100,
  });

  it('flags the dataset when at least half of the tested features drift', () => {
    expect(detectDatasetDrift([feature(true), feature(false)])).toEqual({
      dataset_drift: true,
      share: 0.5,
      drifted_features: 1,
      tested_features: 2,
    });
    expect(detectDatasetDrift([feature(true), feature(false), feature(false)]).dataset_drift).toBe(false);
  });

  it('leaves untestable features out of the share, and an empty set is not drift', () => {
    expect(
      detectDatasetDrift([feature(true), feature(false, 'not_enough_data'), feature(false, 'not_enough_data')]).share,
    ).toBe(1);
    expect(detectDatasetDrift([])).toEqual({ dataset_drift: false, share: 0, drifted_features: 0, tested_features: 0 });
  });
});
