import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { LIMITS } from '../../../lib/tracking/vocabulary';
import { DEMO_EXPERIMENTS, type RunSpec, demoPlan, runDemoTraining } from './demo-plan';
import { parseWeatherCsv } from './weather';

const days = parseWeatherCsv(
  fs.readFileSync(path.join(process.cwd(), 'node_modules/vega-datasets/data/seattle-weather.csv'), 'utf8'),
);
const clock = () => 1_700_000_000_000;

describe('demoPlan', () => {
  const plan = demoPlan();

  it('holds at least ten runs, model- and data-centric, in both experiments, named uniquely per experiment', () => {
    expect(plan.length).toBeGreaterThanOrEqual(10);
    expect(new Set(plan.map((s) => s.approach))).toEqual(new Set(['model-centric', 'data-centric']));
    expect(new Set(plan.map((s) => s.experiment))).toEqual(new Set(Object.values(DEMO_EXPERIMENTS)));
    expect(new Set(plan.map((s) => `${s.experiment}/${s.name}`)).size).toBe(plan.length);
  });

  it('keeps model-centric runs on one feature set and data-centric logistic runs on one model', () => {
    expect(
      new Set(plan.filter((s) => s.approach === 'model-centric').map((s) => `${s.featureSet}/${s.balance}`)),
    ).toEqual(new Set(['basic/none']));
    const dataLr = plan.filter((s) => s.approach === 'data-centric' && s.model.kind === 'logistic-regression');
    expect(dataLr.length).toBeGreaterThanOrEqual(2);
    expect(new Set(dataLr.map((s) => JSON.stringify(s.model))).size).toBe(1);
  });
});

describe('runDemoTraining', () => {
  const forest = demoPlan().find((s) => s.model.kind === 'random-forest' && s.approach === 'model-centric')!;

  it('is deterministic for a fixed seed, and the seed matters', () => {
    const a = runDemoTraining(forest, days, clock);
    expect(runDemoTraining(forest, days, clock)).toEqual(a);
    const reseeded: RunSpec = { ...forest, seed: forest.seed + 1 };
    expect(runDemoTraining(reseeded, days, clock).metrics).not.toEqual(a.metrics);
  });

  it('logs learning curves and final scores within MLflow’s limits', () => {
    const spec = demoPlan().find((s) => s.model.kind === 'logistic-regression')!;
    const o = runDemoTraining(
      { ...spec, model: { kind: 'logistic-regression', learningRate: 1e-4, iterations: 60, every: 20 } },
      days,
      clock,
    );
    const steps = (key: string) => o.metrics.filter((m) => m.key === key).map((m) => m.step);
    expect(steps('val_accuracy')).toEqual([20, 40, 60]);
    expect(steps('train_log_loss')).toEqual([20, 40, 60]);
    expect(steps('val_f1')).toEqual([60]);
    expect(o.metrics.find((m) => m.key === 'val_accuracy' && m.step === 60)!.value).toBe(o.valid.accuracy);
    expect(o.valid.accuracy).toBeGreaterThan(0.6);
    expect(o.rows).toEqual({ train: 729, valid: 729 });
    expect(o.params.length).toBeLessThanOrEqual(LIMITS.paramsPerBatch);
    for (const p of o.params) expect(p.value.length).toBeLessThanOrEqual(LIMITS.paramValueLength);
    expect(JSON.stringify(o.config).length).toBeLessThanOrEqual(LIMITS.tagValueLength);
  });

  it('balances only the training rows when asked, and scores training on the real rows', () => {
    const spec = demoPlan().find((s) => s.balance === 'oversample-minority')!;
    const o = runDemoTraining(
      { ...spec, model: { kind: 'logistic-regression', learningRate: 1e-4, iterations: 20, every: 20 } },
      days,
      clock,
    );
    expect(o.rows.train).toBeGreaterThan(729);
    expect(o.rows.valid).toBe(729);
    expect(o.params).toContainEqual({ key: 'train_positive_rate', value: '0.5000' });
  });
});
