import { describe, expect, it } from 'vitest';
import type { FeatureReport } from './drift-report';
import { chooseFeature, driftSeries, performanceSeries, rankedFeatures } from './chart-data';
import type { PerformanceResult } from './performance';

const f = (
  feature: string,
  psi: number | null,
  drifted: boolean,
  test: FeatureReport['test'] = 'ks',
): FeatureReport => ({
  feature,
  kind: 'numeric',
  test,
  statistic: psi,
  p_value: drifted ? 0.01 : 0.5,
  threshold: 0.05,
  psi,
  psi_band: psi === null ? null : psi >= 0.2 ? 'significant' : psi >= 0.1 ? 'moderate' : 'stable',
  drifted,
  reference_size: 100,
  current_size: 100,
  distribution: null,
});
const perf = (value: number, status: PerformanceResult['status'] = 'ok'): PerformanceResult => ({
  metric: 'accuracy',
  value,
  n: 100,
  baseline: 0.9,
  baseline_source: 'reference',
  threshold: 0.855,
  z: 1,
  p_value: 0.2,
  degraded: status === 'degraded',
  status,
});
const check = (
  id: string,
  day: number,
  status: string,
  features: FeatureReport[],
  performance: PerformanceResult[] = [],
) => ({
  id,
  status,
  windowStart: new Date(Date.UTC(2024, 4, day)),
  windowEnd: new Date(Date.UTC(2024, 4, day + 1)),
  features,
  performance,
});

describe('driftSeries', () => {
  it('follows one feature over finished checks, oldest first, skipping untested windows', () => {
    const checks = [
      check('c3', 3, 'done', [f('age', 0.3, true)]),
      check('c1', 1, 'done', [f('age', 0.05, false)]),
      check('c2', 2, 'done', [f('age', null, false, 'not_enough_data')]),
      check('c4', 4, 'failed', []),
      check('c5', 5, 'done', [f('city', 0.1, false)]),
    ];
    expect(driftSeries(checks, 'age').map((p) => [p.psi, p.drifted])).toEqual([
      [0.05, false],
      [0.3, true],
    ]);
    expect(driftSeries(checks, 'age')[0]!.window).toBe('1 May 2024, 00:00 – 2 May 2024, 00:00 UTC');
  });
});

describe('performanceSeries', () => {
  it('keeps checks with a value and enough labelled rows', () => {
    const checks = [
      check('a', 1, 'done', [], [perf(0.9)]),
      check('b', 2, 'done', [], [perf(0.5, 'not_enough_data')]),
      check('c', 3, 'done', [], [perf(0.7, 'degraded')]),
    ];
    expect(performanceSeries(checks, 'accuracy').map((p) => [p.value, p.degraded, p.threshold])).toEqual([
      [0.9, false, 0.855],
      [0.7, true, 0.855],
    ]);
    expect(performanceSeries(checks, 'f1')).toEqual([]);
  });
});

describe('rankedFeatures and chooseFeature', () => {
  const features = [
    f('a', 0.05, false),
    f('b', 0.4, true),
    f('c', null, false, 'not_enough_data'),
    f('d', 0.15, false),
  ];

  it('ranks tested features drifted first, then by PSI', () => {
    expect(rankedFeatures(features).map((r) => [r.feature, r.band])).toEqual([
      ['b', 'significant'],
      ['d', 'moderate'],
      ['a', 'stable'],
    ]);
  });

  it('shows the asked-for feature when it exists, else the most drifted', () => {
    expect(chooseFeature(features, 'a')).toEqual({ options: ['b', 'd', 'a', 'c'], chosen: 'a' });
    expect(chooseFeature(features, 'zzz').chosen).toBe('b');
    expect(chooseFeature([], undefined)).toEqual({ options: [], chosen: null });
  });
});
