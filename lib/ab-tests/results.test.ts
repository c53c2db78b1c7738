import { describe, expect, it } from 'vitest';
import { assignVariant, shiftedSumsOf } from '@/lib/stats';
import reference from '@/lib/stats/fixtures/reference.json';
import type { AbMetricConfig } from './definition';
import { describeMetricOutcome, formatPValue, formatSignedPercent } from './format';
import { cumulativeLift } from './lift-series';
import { analyseAbTest, describeShipWarnings, shipWarnings, sumsKey } from './results';

// gbstats tests/frequentist/test_tests.py fixtures: control = stat_a, treatment = stat_b.
const plain = (n: number, sum: number, sumSquares: number) => ({ n, shift: 0, s1: sum, s2: sumSquares });
const gbControl = plain(3407, 1396.87, 52377.9767);
const gbTreatment = plain(3461, 2422.7, 134698.29);
/** n values with this mean and sample sd, as shifted sums around the mean. */
const spread = (n: number, mean: number, sd: number) => ({ n, shift: mean, s1: 0, s2: (n - 1) * sd * sd });

const metrics: AbMetricConfig[] = [
  { name: 'revenue', kind: 'continuous', direction: 'increase', guardrail: false },
  { name: 'latency_ms', kind: 'continuous', direction: 'decrease', guardrail: true },
];
const variants = (assigned: [number, number], weights: [number, number] = [50, 50]) => [
  { key: 'A', version: 1, weight: weights[0], assigned: assigned[0] },
  { key: 'B', version: 2, weight: weights[1], assigned: assigned[1] },
];

describe('denominators: every exposed unit, 0 without an event (GrowthBook)', () => {
  const conversion: AbMetricConfig[] = [
    { name: 'converted', kind: 'conversion', direction: 'increase', guardrail: false },
  ];
  const revenue: AbMetricConfig[] = [{ name: 'revenue', kind: 'continuous', direction: 'increase', guardrail: false }];

  it('a client that reports only conversions gets converted / exposed, and SciPy’s p', () => {
    const ref = reference.denominators.conversion;
    const sums = new Map([
      [sumsKey('A', 'converted'), shiftedSumsOf(Array<number>(ref.x_c).fill(1))],
      [sumsKey('B', 'converted'), shiftedSumsOf(Array<number>(ref.x_t).fill(1))],
    ]);
    const b = analyseAbTest(variants([ref.n_c, ref.n_t]), conversion, sums).metrics[0]!.variants[1]!;
    expect(b).toMatchObject({ n: 100, mean: 0.5, significant: true });
    expect(b.statistic).toBeCloseTo(ref.z, 10);
    expect(b.p_value).toBeCloseTo(ref.p_value, 12);
  });

  it('a continuous metric averages over every exposed unit (Welch t on the zero-filled arms)', () => {
    const ref = reference.denominators.continuous;
    const sent = (values: number[]) => shiftedSumsOf(values.filter((v) => v !== 0));
    const sums = new Map([
      [sumsKey('A', 'revenue'), sent(ref.control)],
      [sumsKey('B', 'revenue'), sent(ref.treatment)],
    ]);
    const res = analyseAbTest(variants([ref.control.length, ref.treatment.length]), revenue, sums).metrics[0]!;
    const [a, b] = res.variants;
    expect(a!.n).toBe(12);
    expect(a!.mean).toBeCloseTo(ref.control_stats.mean, 12);
    expect(b!.statistic).toBeCloseTo(ref.statistic, 10);
    expect(b!.df).toBeCloseTo(ref.df, 8);
    expect(b!.p_value).toBeCloseTo(ref.p_value, 10);
  });
});

describe('the outcome text that goes into the registry on Ship', () => {
  it('says a rise of a negative control mean is a positive lift: (μT − μC)/|μC|', () => {
    const ref = reference.welch.negative_control;
    const metric: AbMetricConfig[] = [{ name: 'margin', kind: 'continuous', direction: 'increase', guardrail: false }];
    const sums = new Map([
      [sumsKey('A', 'margin'), shiftedSumsOf(ref.control)],
      [sumsKey('B', 'margin'), shiftedSumsOf(ref.treatment)],
    ]);
    const res = analyseAbTest(variants([30, 30]), metric, sums);
    expect(describeMetricOutcome(res.metrics[0]!, 'B', 'A')).toMatch(
      /^margin: B vs A \+21\.0% .*significantly better$/,
    );
  });
});

describe('analyseAbTest', () => {
  const sums = new Map([
    [sumsKey('A', 'revenue'), gbControl],
    [sumsKey('B', 'revenue'), gbTreatment],
    // Latency up by 10 ms with small spread: a clear guardrail failure for a lower-is-better metric.
    [sumsKey('A', 'latency_ms'), spread(3407, 100, 2)],
    [sumsKey('B', 'latency_ms'), spread(3461, 110, 2)],
  ]);

  it('reports GrowthBook’s published absolute and relative (delta-method) results for the treatment', () => {
    const res = analyseAbTest(variants([3407, 3461]), metrics, sums);
    const revenue = res.metrics[0]!;
    expect(revenue).toMatchObject({ name: 'revenue', primary: true, guardrail: false });
    const b = revenue.variants[1]!;
    expect(b).toMatchObject({
      variant: 'B',
      version: 2,
      n: 3461,
      test: 'welch_t',
      significant: true,
      verdict: 'better',
      guardrail_failed: null,
    });
    expect(b.absolute!.estimate).toBeCloseTo(0.29, 5);
    expect(b.absolute!.ci_lower).toBeCloseTo(0.04538, 5);
    expect(b.absolute!.ci_upper).toBeCloseTo(0.53462, 5);
    expect(b.p_value).toBeCloseTo(0.02016, 5);
    expect(b.relative!.estimate).toBeCloseTo(0.70732, 5);
    expect(b.relative!.ci_lower).toBeCloseTo(-0.03526, 5);
    expect(b.relative!.ci_upper).toBeCloseTo(1.44989, 5);
    const a = revenue.variants[0]!;
    expect(a).toMatchObject({ variant: 'A', n: 3407, test: null, p_value: null, absolute: null, verdict: null });
    expect(a.mean).toBeCloseTo(1396.87 / 3407, 12);
  });

  it('fails a guardrail whose CI lies wholly on the harmful side, and says so before shipping', () => {
    const res = analyseAbTest(variants([3407, 3461]), metrics, sums);
    expect(res.metrics[1]!.variants[1]).toMatchObject({ guardrail_failed: true, verdict: 'worse' });
    expect(shipWarnings(res, 'B')).toEqual({ srm: false, failedGuardrails: ['latency_ms'] });
    expect(shipWarnings(res, 'A')).toEqual({ srm: false, failedGuardrails: [] });
    expect(describeShipWarnings(shipWarnings(res, 'B'))).toBe('it fails the guardrail latency_ms');
    expect(describeShipWarnings(shipWarnings(res, 'A'))).toBeNull();
  });

  it('runs SRM against the configured weights: R chisq.test(c(1000, 1200), p = c(.5, .5)) gives X-squared = 18.182, p-value = 2.008e-05', () => {
    const skewed = analyseAbTest(variants([1000, 1200]), metrics, sums);
    expect(skewed.srm.chi2).toBeCloseTo(200 / 11, 10);
    expect(skewed.srm.df).toBe(1);
    // df = 1: P(χ² > x) = erfc(√(x/2)) = 2.007865612e-5 (Python math.erfc).
    expect(skewed.srm.p_value).toBeCloseTo(2.007865612e-5, 12);
    expect(skewed.srm.flagged).toBe(true);
    expect(describeShipWarnings(shipWarnings(skewed, 'A'))).toMatch(
      /^the sample-ratio mismatch check flags the traffic split/,
    );
    // The same counts fit a 10:12 split exactly.
    expect(analyseAbTest(variants([1000, 1200], [10, 12]), metrics, sums).srm).toMatchObject({
      chi2: 0,
      flagged: false,
    });
  });

  it('gives empty arms zero counts and no statistics rather than failing', () => {
    const res = analyseAbTest(variants([0, 0]), metrics, new Map());
    expect(res.srm).toMatchObject({ chi2: 0, p_value: 1, flagged: false });
    expect(res.metrics[0]!.variants.map((v) => [v.n, v.p_value, v.mean_ci_half_width])).toEqual([
      [0, null, null],
      [0, null, null],
    ]);
  });

  it('words the outcome for the decision record', () => {
    const res = analyseAbTest(variants([3407, 3461]), metrics, sums);
    expect(describeMetricOutcome(res.metrics[0]!, 'B', 'A')).toBe(
      'revenue: B vs A +70.7% (95% CI \u22123.5% to +145.0%), p = 0.020, significantly better',
    );
    expect(describeMetricOutcome(res.metrics[0]!, 'A', 'A')).toBe('revenue: A is the control');
    const empty = analyseAbTest(variants([0, 0]), metrics, new Map());
    expect(describeMetricOutcome(empty.metrics[0]!, 'B', 'A')).toBe(
      'revenue: B vs A not tested (Needs at least 2 units in each arm.)',
    );
    expect([formatPValue(0.0004), formatPValue(null), formatSignedPercent(0), formatSignedPercent(-0.00001)]).toEqual([
      'p < 0.001',
      'p n/a',
      '0.0%',
      '0.0%',
    ]);
  });
});

// Every unit that sent an event was exposed on that day, and no other unit was.
const exposedAsSent = (daily: readonly { day: string; variant: string; n: number }[]) =>
  daily.map(({ day, variant, n }) => ({ day, variant, n }));

describe('cumulativeLift', () => {
  it('counts the units exposed by each day that sent no event as 0 (GrowthBook’s denominators)', () => {
    // Only converters send events: 10 in A and 15 in B by day 1, out of 100 exposed each; 10 more exposed per arm on day 2.
    const daily = [
      { day: '2025-01-01', variant: 'A', n: 10, shift: 1, s1: 0, s2: 0 },
      { day: '2025-01-01', variant: 'B', n: 15, shift: 1, s1: 0, s2: 0 },
      { day: '2025-01-02', variant: 'B', n: 7, shift: 1, s1: 0, s2: 0 },
    ];
    const exposures = [
      { day: '2025-01-01', variant: 'A', n: 100 },
      { day: '2025-01-01', variant: 'B', n: 100 },
      { day: '2025-01-02', variant: 'A', n: 10 },
      { day: '2025-01-02', variant: 'B', n: 10 },
    ];
    const series = cumulativeLift(daily, exposures, 'A', ['B'], 'conversion');
    expect(series.map((p) => p.units)).toEqual([200, 220]);
    // Day 1: 15% vs 10% → +50%; day 2: 22/110 vs 10/110 → +120%.
    expect(series[0]!.lifts.B!.lift).toBeCloseTo(50, 10);
    expect(series[1]!.lifts.B!.lift).toBeCloseTo(120, 10);
  });

  it('adds the daily sums up day by day and ends at the final result', () => {
    const daily = [
      { day: '2025-01-01', variant: 'A', n: 100, shift: 0, s1: 10, s2: 10 },
      { day: '2025-01-01', variant: 'B', n: 100, shift: 0, s1: 12, s2: 12 },
      { day: '2025-01-02', variant: 'A', n: 100, shift: 0, s1: 20, s2: 20 },
      { day: '2025-01-02', variant: 'B', n: 100, shift: 0, s1: 30, s2: 30 },
    ];
    const series = cumulativeLift(daily, exposedAsSent(daily), 'A', ['B'], 'conversion');
    expect(series.map((p) => [p.day, p.units])).toEqual([
      ['2025-01-01', 200],
      ['2025-01-02', 400],
    ]);
    expect(series[0]!.lifts.B!.lift).toBeCloseTo(20, 10);
    // Day 2: A 30/200, B 42/200 → +40%.
    expect(series[1]!.lifts.B!.lift).toBeCloseTo(40, 10);
    expect(series[1]!.lifts.B!.lower).toBeLessThan(40);
    expect(series[1]!.lifts.B!.upper).toBeGreaterThan(40);
  });

  it('leaves out the first days until every arm has enough units, unless nothing would be left', () => {
    const daily = [
      { day: '2025-01-01', variant: 'A', n: 10, shift: 0, s1: 1, s2: 1 },
      { day: '2025-01-01', variant: 'B', n: 40, shift: 0, s1: 4, s2: 4 },
      { day: '2025-01-02', variant: 'A', n: 25, shift: 0, s1: 2, s2: 2 },
    ];
    const exposed = exposedAsSent(daily);
    expect(cumulativeLift(daily, exposed, 'A', ['B'], 'conversion', 30).map((p) => p.day)).toEqual(['2025-01-02']);
    expect(cumulativeLift(daily, exposed, 'A', ['B'], 'conversion', 50).map((p) => p.day)).toEqual([
      '2025-01-01',
      '2025-01-02',
    ]);
  });

  it('leaves a day without a measurable control mean empty', () => {
    const daily = [{ day: '2025-01-01', variant: 'B', n: 3, shift: 0, s1: 1, s2: 1 }];
    const series = cumulativeLift(daily, exposedAsSent(daily), 'A', ['B'], 'conversion');
    expect(series[0]!.lifts.B).toBeNull();
  });
});

describe('assignment of test ids (UUIDs) to a traffic split', () => {
  it.each([[[50, 50]], [[20, 80]], [[1, 1, 2]]])(
    'honours %j within ±1 percentage point over 100,000 units, and is sticky',
    (weights) => {
      const testId = '3f2b8c1e-9a4d-4e6f-8b7a-1c2d3e4f5a6b';
      const counts = weights.map(() => 0);
      for (let i = 0; i < 100_000; i++) counts[assignVariant(testId, `unit-${i}`, weights)]!++;
      const total = weights.reduce((s, w) => s + w, 0);
      counts.forEach((c, i) => expect(Math.abs(c / 100_000 - weights[i]! / total)).toBeLessThan(0.01));
      for (let i = 0; i < 1000; i += 37)
        expect(assignVariant(testId, `unit-${i}`, weights)).toBe(assignVariant(testId, `unit-${i}`, weights));
    },
  );
});
