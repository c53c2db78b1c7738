import { describe, expect, it } from 'vitest';
import { type AlertGroup, deriveProjectHealth, groupAlerts, stageMismatch } from './health';

const metric = (
  name: string,
  status: 'achieved' | 'on_track' | 'at_risk' | 'off_track' | 'no_data',
  isPrimary = true,
) => ({
  name,
  isPrimary,
  status,
});
const group = (over: Partial<AlertGroup>): AlertGroup => ({
  model: 'churn',
  kind: 'drift',
  severity: 'critical',
  open: 1,
  acknowledged: 0,
  count: 1,
  subjects: ['age'],
  lastSeenAt: 0,
  ...over,
});
const calm = { critical: 0, overdue: 0 };

describe('deriveProjectHealth', () => {
  it('is on track when every primary metric is achieved and nothing critical is open', () => {
    const v = deriveProjectHealth({ metrics: [metric('accuracy', 'achieved')], alerts: [], risks: calm });
    expect(v.health).toBe('on_track');
    expect(v.reasons).toEqual([
      { health: 'on_track', text: 'Every primary metric is achieved; no open critical alerts or critical risks' },
    ]);
  });

  it('is on track with a metric on track; warnings, acknowledged alerts and secondary metrics do not count', () => {
    const v = deriveProjectHealth({
      metrics: [metric('accuracy', 'on_track'), metric('cost', 'off_track', false)],
      alerts: [group({ severity: 'warning' }), group({ kind: 'performance', open: 0, acknowledged: 1 })],
      risks: { critical: 0, overdue: 2 },
    });
    expect(v.health).toBe('on_track');
    expect(v.reasons[0]!.text).toBe(
      'Every primary metric is achieved or on track; no open critical alerts or critical risks',
    );
  });

  it('is at risk for a primary metric at risk, one without a value, drift alerts and critical risks, each named', () => {
    const v = deriveProjectHealth({
      metrics: [metric('accuracy', 'at_risk'), metric('latency', 'no_data')],
      alerts: [group({ kind: 'dataset_drift', open: 1, subjects: ['dataset'] }), group({ open: 3, count: 3 })],
      risks: { critical: 2, overdue: 0 },
    });
    expect(v.health).toBe('at_risk');
    expect(v.reasons.map((r) => r.text)).toEqual([
      'Primary metric at risk: accuracy',
      'No value yet for: latency',
      'churn: 1 open critical dataset drift alert',
      'churn: 3 open critical feature drift alerts',
      '2 critical risks open in the register',
    ]);
    expect(v.reasons.every((r) => r.health === 'at_risk')).toBe(true);
  });

  it('is at risk when no primary metric is defined', () => {
    const v = deriveProjectHealth({ metrics: [metric('cost', 'achieved', false)], alerts: [], risks: calm });
    expect(v).toEqual({
      health: 'at_risk',
      reasons: [{ health: 'at_risk', text: 'No primary success metric is defined' }],
    });
  });

  it('is off track when a primary metric is off track, worst reason first', () => {
    const v = deriveProjectHealth({
      metrics: [metric('accuracy', 'off_track'), metric('recall', 'at_risk')],
      alerts: [],
      risks: calm,
    });
    expect(v.health).toBe('off_track');
    expect(v.reasons.map((r) => [r.health, r.text])).toEqual([
      ['off_track', 'Primary metric off track: accuracy'],
      ['at_risk', 'Primary metric at risk: recall'],
    ]);
  });

  it('is off track when a production model has an open critical performance alert, even with metrics on track', () => {
    const v = deriveProjectHealth({
      metrics: [metric('accuracy', 'achieved')],
      alerts: [group({ kind: 'performance', open: 2, count: 2, subjects: ['accuracy', 'f1'] })],
      risks: calm,
    });
    expect(v.health).toBe('off_track');
    expect(v.reasons).toEqual([
      { health: 'off_track', text: 'churn: 2 open critical performance alerts (accuracy, f1)' },
    ]);
  });
});

describe('groupAlerts', () => {
  it('makes one row per model and kind with counts, worst severity, subjects and the newest sighting', () => {
    const a = (model: string, kind: 'drift' | 'dataset_drift' | 'performance', subject: string, over = {}) => ({
      model,
      kind,
      subject,
      severity: 'warning' as const,
      status: 'open' as const,
      lastSeenAt: 1,
      ...over,
    });
    const groups = groupAlerts([
      a('churn', 'drift', 'age'),
      a('churn', 'drift', 'income', { severity: 'critical', lastSeenAt: 5 }),
      a('churn', 'drift', 'tenure', { status: 'acknowledged' }),
      a('churn', 'drift', 'zip', { status: 'resolved' }),
      a('churn', 'dataset_drift', '*', { status: 'acknowledged' }),
      a('fraud', 'performance', 'accuracy', { severity: 'critical', lastSeenAt: 3 }),
    ]);
    expect(groups).toEqual([
      {
        model: 'churn',
        kind: 'drift',
        severity: 'critical',
        open: 2,
        acknowledged: 1,
        count: 3,
        subjects: ['age', 'income', 'tenure'],
        lastSeenAt: 5,
      },
      {
        model: 'fraud',
        kind: 'performance',
        severity: 'critical',
        open: 1,
        acknowledged: 0,
        count: 1,
        subjects: ['accuracy'],
        lastSeenAt: 3,
      },
      {
        model: 'churn',
        kind: 'dataset_drift',
        severity: 'warning',
        open: 0,
        acknowledged: 1,
        count: 1,
        subjects: ['dataset'],
        lastSeenAt: 1,
      },
    ]);
  });
});

describe('stageMismatch', () => {
  it('calls out a stage before Deploy while a version is in Production', () => {
    expect(stageMismatch('define', 1)).toBe(
      'The stage is Define problem, but 1 model version is in Production. Move the project to Deploy or Monitor in Lifecycle.',
    );
  });
  it('says nothing when the stage is Deploy or later, or nothing is in Production', () => {
    expect(stageMismatch('deploy', 2)).toBeNull();
    expect(stageMismatch('monitor', 1)).toBeNull();
    expect(stageMismatch('define', 0)).toBeNull();
  });
});
