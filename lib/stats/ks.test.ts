import { describe, expect, it } from 'vitest';
import { kolmogorovSf, ksAsymptoticPValue, ksTwoSample, smirnovExactPValue } from './ks';

/** numpy.linspace / R seq(length.out=): start + (stop − start)·i/(n − 1). */
const linspace = (start: number, stop: number, n: number) =>
  Array.from({ length: n }, (_, i) => start + ((stop - start) * i) / (n - 1));
const repeat = (pairs: [number, number][]) => pairs.flatMap(([v, times]) => Array<number>(times).fill(v));
const relClose = (actual: number, expected: number, rel: number) =>
  expect(Math.abs(actual - expected)).toBeLessThanOrEqual(rel * Math.abs(expected));

describe('ksTwoSample — exact, no ties (SciPy test_stats.py TestKSTwoSamples)', () => {
  it('testTwoVsThree', () => {
    const d2 = [1, 2, 3];
    // SciPy: ks_2samp([1.01, 2.01], [1, 2, 3]) → D = 1/3, p = 1.0
    const plus = ksTwoSample([1.01, 2.01], d2);
    expect(plus.statistic).toBeCloseTo(1 / 3, 12);
    expect(plus.p_value).toBeCloseTo(1, 12);
    // SciPy: ks_2samp([0.99, 1.99], [1, 2, 3]) → D = 2/3, p = 0.6
    const minus = ksTwoSample([0.99, 1.99], d2);
    expect(minus.statistic).toBeCloseTo(2 / 3, 12);
    expect(minus.p_value).toBeCloseTo(0.6, 12);
    expect(minus.method).toBe('exact');
  });

  it('testTwoVsFour', () => {
    // SciPy: D = 2/4, p = 14/15 and D = 3/4, p = 6/15
    const plus = ksTwoSample([1.01, 2.01], [1, 2, 3, 4]);
    expect(plus.statistic).toBeCloseTo(0.5, 12);
    expect(plus.p_value).toBeCloseTo(14 / 15, 12);
    const minus = ksTwoSample([0.99, 1.99], [1, 2, 3, 4]);
    expect(minus.statistic).toBeCloseTo(0.75, 12);
    expect(minus.p_value).toBeCloseTo(6 / 15, 12);
  });

  it('test100_100 and test100_110', () => {
    const x100 = linspace(1, 100, 100);
    // SciPy: D = 3/100, p = 0.9999999999962055
    const a = ksTwoSample(
      x100,
      x100.map((v) => v + 2 + 0.1),
    );
    expect(a.statistic).toBeCloseTo(0.03, 12);
    relClose(a.p_value, 0.9999999999962055, 1e-12);
    const x110 = linspace(1, 100, 110);
    // SciPy: D = 232/1100, p = 0.015739183865607353
    const b = ksTwoSample(
      x100,
      x110.map((v) => v + 20 + 0.1),
    );
    expect(b.statistic).toBeCloseTo(232 / 1100, 12);
    relClose(b.p_value, 0.015739183865607353, 1e-9);
    // SciPy: D = 229/1100, p = 0.017803803861026313
    const c = ksTwoSample(
      x100,
      x110.map((v) => v + 20 - 0.1),
    );
    expect(c.statistic).toBeCloseTo(229 / 1100, 12);
    relClose(c.p_value, 0.017803803861026313, 1e-9);
  });

  it('testLarge (10000 × 110) keeps relative accuracy at 1e-26', () => {
    const delta = 1 / 10000 / 110 / 2 / 2;
    const x = linspace(1, 200, 10000).map((v) => v - delta);
    const y = linspace(2, 100, 110);
    const res = ksTwoSample(x, y, 'exact');
    // SciPy: D = 55275/110000 (its two-sided p floors at 4.2e-15, a precision limit it documents);
    // R's lattice recursion gives 6.2634656622608498e-26 (frozen in Stats::LikeR's R 4.6.1 table).
    expect(res.statistic).toBeCloseTo(55275 / 110000, 12);
    expect(res.method).toBe('exact');
    // 1.1 million lattice cells is past the 'auto' budget
    expect(ksTwoSample(x, y).method).toBe('asymptotic');
    relClose(res.p_value, 6.2634656622608498e-26, 1e-9);
  });
});

describe('ksTwoSample — R ks.test references', () => {
  it('Hollander & Wolfe Example 5.4 (R tests/reg-tests-1a.R: D = 0.6, p = 15/286)', () => {
    const x = [-0.15, 8.6, 5, 3.71, 4.29, 7.74, 2.48, 3.25, -1.15, 8.38];
    const y = [2.55, 12.07, 0.46, 0.35, 2.69, -0.94, 1.73, 0.73, -0.35, -0.37];
    const res = ksTwoSample(x, y);
    expect(res.statistic).toBeCloseTo(0.6, 12);
    relClose(res.p_value, 15 / 286, 1e-12);
  });

  it('ks.test(1:5, c(2.5, 4.5)) (R tests/reg-tests-1b.R: p = 20/21)', () => {
    relClose(ksTwoSample([1, 2, 3, 4, 5], [2.5, 4.5]).p_value, 20 / 21, 1e-12);
  });

  it('the Oxford lecture example: R gives D = 0.6, p-value = 0.04987', () => {
    const res = ksTwoSample(
      [1.2, 1.4, 1.9, 3.7, 4.4, 4.8, 9.7, 17.3, 21.1, 28.4],
      [5.6, 6.5, 6.6, 6.9, 9.2, 10.4, 10.6, 19.3],
    );
    expect(res.statistic).toBeCloseTo(0.6, 12);
    expect(res.p_value).toBeCloseTo(0.04987, 5);
  });

  it('fully separated samples of 10 and 20: R gives D = 1, p-value = 6.657e-08 (= 2 / C(30, 10))', () => {
    const res = ksTwoSample(linspace(0, 1, 10), linspace(5, 9, 20));
    expect(res.statistic).toBe(1);
    relClose(res.p_value, 2 / 30045015, 1e-10);
    relClose(res.p_value, 6.657e-8, 1e-3);
  });
});

describe('ksTwoSample — ties, conditional exact distribution (R ≥ 4.3 psmirnov(z = …))', () => {
  it('Schröer & Trenkler (1995), R ?ks.test: D = 3/7, exact p = 8/33', () => {
    const res = ksTwoSample([1, 2, 2, 3, 3], [1, 2, 3, 3, 4, 5, 6]);
    expect(res.statistic).toBeCloseTo(3 / 7, 12);
    relClose(res.p_value, 8 / 33, 1e-12);
  });

  it('airquality Ozone, May vs August (R ?ks.test prints D = 0.53846, p-value = 0.0006919)', () => {
    const NA = Number.NaN;
    const may = [
      41,
      36,
      12,
      18,
      NA,
      28,
      23,
      19,
      8,
      NA,
      7,
      16,
      11,
      14,
      18,
      14,
      34,
      6,
      30,
      11,
      1,
      11,
      4,
      32,
      NA,
      NA,
      NA,
      23,
      45,
      115,
      37,
    ];
    const aug = [
      39,
      9,
      16,
      78,
      35,
      66,
      122,
      89,
      110,
      NA,
      NA,
      44,
      28,
      65,
      NA,
      22,
      59,
      23,
      31,
      44,
      21,
      9,
      NA,
      45,
      168,
      73,
      NA,
      76,
      118,
      84,
      85,
    ];
    const res = ksTwoSample(may, aug);
    expect(res.n1).toBe(26);
    expect(res.statistic).toBeCloseTo(0.53846, 5);
    // full precision from R 4.6.1 (Stats::LikeR's frozen table): 0.00069188504868380476
    relClose(res.p_value, 0.00069188504868380476, 1e-9);
  });

  it('Switzer (1976) knee angles, R ?qqplot: D = 0.225, p-value = 0.212', () => {
    const f = [
      -31, -30, -25, -25, -23, -23, -22, -20, -20, -18, -18, -18, -16, -15, -15, -14, -13, -11, -10, -9, -8, -7, -7, -7,
      -6, -6, -4, -4, -3, -2, -2, -1, 1, 1, 4, 5, 11, 12, 16, 34,
    ];
    const m = [
      -31, -20, -18, -16, -16, -16, -15, -14, -14, -14, -14, -13, -13, -11, -11, -10, -9, -9, -8, -7, -7, -6, -6, -5,
      -5, -5, -4, -2, -2, -2, 0, 0, 1, 1, 2, 4, 5, 5, 6, 17,
    ];
    const res = ksTwoSample(f, m);
    expect(res.statistic).toBeCloseTo(0.225, 12);
    relClose(res.p_value, 0.21198990394624936, 1e-9);
  });

  it('SciPy testRepeatedValues data: same D as SciPy, R-conditional p (SciPy ignores ties: 0.4263)', () => {
    const x2233 = repeat([
      [2, 3],
      [3, 4],
      [5, 5],
      [6, 4],
    ]);
    const res = ksTwoSample(
      x2233,
      x2233.map((v) => v + 1),
    );
    expect(res.statistic).toBeCloseTo(5 / 16, 12);
    // R 4.6.1 exact (tie-conditional), per Stats::LikeR's R table
    relClose(res.p_value, 0.19820988337350354, 1e-9);
    expect(res.p_value).toBeLessThan(0.4262934613454952);
    // without the tie pattern the recursion is SciPy's unconditional one: SciPy p = 0.4262934613454952
    relClose(smirnovExactPValue(16, 16, 5 * 16, undefined), 0.4262934613454952, 1e-9);
  });

  it('identical samples give D = 0 and p = 1', () => {
    const res = ksTwoSample([0, 0, 0, 0, 0], [0, 0, 0, 0, 0]);
    expect(res).toMatchObject({ statistic: 0, p_value: 1 });
  });

  it('matches brute-force enumeration of every relabelling for a small tied case', () => {
    const pooled = [1, 1, 2, 2, 2, 3, 4, 4];
    const m = 3;
    const n = pooled.length - m;
    const dOf = (mask: number) => {
      const x = pooled.filter((_, i) => mask & (1 << i));
      const y = pooled.filter((_, i) => !(mask & (1 << i)));
      return ksTwoSample(x, y, 'asymptotic').statistic;
    };
    const observed = dOf(0b00000111);
    let hits = 0;
    let total = 0;
    for (let mask = 0; mask < 1 << pooled.length; mask++) {
      if (mask.toString(2).split('1').length - 1 !== m) continue;
      total++;
      if (dOf(mask) >= observed - 1e-12) hits++;
    }
    expect(smirnovExactPValue(m, n, Math.round(observed * m * n), pooled)).toBeCloseTo(hits / total, 12);
  });
});

describe('asymptotic branch', () => {
  it('kolmogorovSf matches scipy.special.kolmogorov docs: [1, 0.96394524, 0.26999967] at [0, 0.5, 1]', () => {
    expect(kolmogorovSf(0)).toBe(1);
    expect(kolmogorovSf(0.5)).toBeCloseTo(0.96394524, 8);
    expect(kolmogorovSf(1)).toBeCloseTo(0.26999967, 8);
  });

  it('Stephens-corrected p-values match the SciPy ≤ 1.4 ks_2samp docstring (n1 = 200, n2 = 300)', () => {
    // (0.20833333333333337, 4.6674975515806989e-005)
    relClose(ksAsymptoticPValue(0.20833333333333337, 200, 300), 4.6674975515806989e-5, 1e-9);
    // (0.10333333333333333, 0.14498781825751686)
    relClose(ksAsymptoticPValue(0.10333333333333333, 200, 300), 0.14498781825751686, 1e-9);
    // (0.07999999999999996, 0.41126949729859719)
    relClose(ksAsymptoticPValue(0.07999999999999996, 200, 300), 0.41126949729859719, 1e-9);
  });

  it("'auto' goes asymptotic past the exact budget, and the two methods agree there", () => {
    const x = linspace(0, 1, 4000);
    const y = linspace(0.03, 1.03, 3000);
    const auto = ksTwoSample(x, y);
    expect(auto.method).toBe('asymptotic');
    const exact = ksTwoSample(x, y, 'exact');
    expect(exact.statistic).toBe(auto.statistic);
    relClose(auto.p_value, exact.p_value, 0.05);
  });

  it('rejects empty samples', () => {
    expect(() => ksTwoSample([], [1])).toThrow(RangeError);
    expect(() => ksTwoSample([Number.NaN], [1])).toThrow(RangeError);
  });
});
