import { describe, expect, it } from 'vitest';
import type { FeatureReport } from './drift-report';
import { type Finding, alertKey, canTransition, dedupeFindings, findingsOf, mergedSeverity } from './alerts';
import type { PerformanceResult } from './performance';

const feature = (name: string, drifted: boolean, band: FeatureReport['psi_band'] = 'moderate'): FeatureReport => ({
  feature: name,
  kind: 'numeric',
  test: 'ks',
  statistic: 0.4,
  p_value: drifted ? 0.001 : 0.4,
  threshold: 0.05,
  psi: band === 'significant' ? 0.5 : 0.15,
  psi_band: band,
  drifted,
  reference_size: 100,
  current_size: 100,
  distribution: null,
});
const perf = (degraded: boolean): PerformanceResult => ({
  metric: 'accuracy',
  value: 0.7,
  n: 500,
  baseline: 0.9,
  baseline_source: 'reference',
  threshold: 0.855,
  z: 5,
  p_value: 1e-6,
  degraded,
  status: degraded ? 'degraded' : 'ok',
});

describe('findingsOf', () => {
  it('raises one finding per drifted feature, dataset drift and degraded metric', () => {
    const findings = findingsOf({
      features: [feature('age', true, 'significant'), feature('city', false), feature('income', true)],
      dataset: { dataset_drift: true, share: 2 / 3, drifted_features: 2, tested_features: 3 },
      performance: [perf(true), { ...perf(false), metric: 'f1' }],
    });
    expect(findings.map((f) => [f.kind, f.subject, f.severity])).toEqual([
      ['drift', 'age', 'critical'],
      ['drift', 'income', 'warning'],
      ['dataset_drift', '*', 'critical'],
      ['performance', 'accuracy', 'critical'],
    ]);
    expect(findings[0]!.message).toBe('age drifted: ks p = 0.001, PSI 0.5 (significant).');
    expect(findings[2]!.message).toBe('Dataset drift: 2 of 3 features drifted (67% ≥ 50%).');
  });

  it('finds nothing in a calm check', () => {
    expect(
      findingsOf({
        features: [feature('age', false)],
        dataset: { dataset_drift: false, share: 0, drifted_features: 0, tested_features: 1 },
        performance: [perf(false)],
      }),
    ).toEqual([]);
  });
});

describe('dedupeFindings', () => {
  const f = (subject: string, severity: Finding['severity'], message: string): Finding => ({
    kind: 'drift',
    subject,
    severity,
    message,
    details: {},
  });

  it('keeps one finding per model key, the most severe', () => {
    const out = dedupeFindings([
      f('age', 'critical', 'first'),
      f('age', 'warning', 'second'),
      f('city', 'warning', 'a'),
      f('city', 'warning', 'b'),
    ]);
    expect(out.map((x) => [x.subject, x.severity, x.message])).toEqual([
      ['age', 'critical', 'first'],
      ['city', 'warning', 'b'],
    ]);
  });

  it('keys on kind and subject together', () => {
    expect(alertKey({ kind: 'drift', subject: 'accuracy' })).not.toBe(
      alertKey({ kind: 'performance', subject: 'accuracy' }),
    );
  });
});

describe('alert lifecycle', () => {
  it('moves open → acknowledged → resolved, never back', () => {
    expect(canTransition('open', 'acknowledged')).toBe(true);
    expect(canTransition('open', 'resolved')).toBe(true);
    expect(canTransition('acknowledged', 'resolved')).toBe(true);
    expect(canTransition('acknowledged', 'open')).toBe(false);
    expect(canTransition('resolved', 'open')).toBe(false);
    expect(canTransition('resolved', 'acknowledged')).toBe(false);
  });

  it('never lowers the severity of an alert that stays open', () => {
    expect(mergedSeverity('critical', 'warning')).toBe('critical');
    expect(mergedSeverity('warning', 'critical')).toBe('critical');
  });
});
