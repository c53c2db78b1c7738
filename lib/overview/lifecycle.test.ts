import { describe, expect, it } from 'vitest';
import {
  type LifecycleFacts,
  attributeGains,
  criteriaForMove,
  exitCriteria,
  isBackwardMove,
  iterationStarts,
  moveBlocker,
  reasonHint,
} from './lifecycle';
import type { MetricTarget } from '../success-metrics/status';

const none: LifecycleFacts = {
  hasProblemStatement: false,
  successMetrics: 0,
  primaryMetrics: 0,
  primaryMeasured: 0,
  risks: 0,
  datasets: 0,
  finishedRuns: 0,
  modelVersions: 0,
  productionVersions: 0,
  monitoringData: 0,
};
const all: LifecycleFacts = {
  hasProblemStatement: true,
  successMetrics: 2,
  primaryMetrics: 1,
  primaryMeasured: 1,
  risks: 3,
  datasets: 1,
  finishedRuns: 4,
  modelVersions: 2,
  productionVersions: 1,
  monitoringData: 120,
};

describe('exitCriteria', () => {
  it('define needs a problem statement, a primary success metric and a risk assessment', () => {
    expect(exitCriteria('define', none).map((c) => [c.id, c.met])).toEqual([
      ['problem-statement', false],
      ['primary-metric', false],
      ['risk-assessment', false],
    ]);
    expect(exitCriteria('define', all).every((c) => c.met)).toBe(true);
    // a secondary metric alone is not enough
    expect(exitCriteria('define', { ...all, primaryMetrics: 0 }).find((c) => c.id === 'primary-metric')!.met).toBe(
      false,
    );
  });

  it('baseline needs a finished run, deploy a Production version, monitor monitoring data', () => {
    expect(exitCriteria('baseline', none)[0]).toMatchObject({ id: 'finished-run', met: false, href: 'experiments' });
    expect(exitCriteria('baseline', { ...none, finishedRuns: 1 })[0]!.met).toBe(true);
    expect(exitCriteria('deploy', { ...none, modelVersions: 3 })[0]).toMatchObject({
      id: 'production-version',
      met: false,
    });
    expect(exitCriteria('deploy', { ...none, productionVersions: 1 })[0]!.met).toBe(true);
    expect(exitCriteria('monitor', none)[0]).toMatchObject({ id: 'monitoring-data', met: false });
    expect(exitCriteria('monitor', { ...none, monitoringData: 1 })[0]!.met).toBe(true);
  });

  it('evaluate needs every primary metric measured, and at least one primary metric', () => {
    expect(exitCriteria('evaluate', { ...none, primaryMetrics: 2, primaryMeasured: 1 })[0]!.met).toBe(false);
    expect(exitCriteria('evaluate', { ...none, primaryMetrics: 2, primaryMeasured: 2 })[0]!.met).toBe(true);
    expect(exitCriteria('evaluate', none)[0]!.met).toBe(false);
  });

  it('collect data needs a dataset version; improve a registered model version', () => {
    expect(exitCriteria('collect_data', { ...none, datasets: 1 })[0]!.met).toBe(true);
    expect(exitCriteria('improve', { ...none, modelVersions: 1 })[0]!.met).toBe(true);
  });
});

describe('criteriaForMove and moveBlocker', () => {
  it('a step forward checks the stage being left', () => {
    expect(criteriaForMove('baseline', 'evaluate', none).map((c) => c.id)).toEqual(['finished-run']);
  });

  it('jumping ahead checks every stage skipped as well', () => {
    expect(criteriaForMove('collect_data', 'evaluate', none).map((c) => c.id)).toEqual(['dataset', 'finished-run']);
  });

  it('going back (iterating) needs nothing, except leaving monitor, which closes the loop', () => {
    expect(criteriaForMove('improve', 'baseline', none)).toEqual([]);
    expect(criteriaForMove('monitor', 'improve', none).map((c) => c.id)).toEqual(['monitoring-data']);
  });

  it('asks for a reason only when a criterion is unmet and no reason is given', () => {
    expect(moveBlocker('baseline', 'evaluate', { ...none, finishedRuns: 1 }, '')).toBeNull();
    expect(moveBlocker('baseline', 'evaluate', none, 'Ran it on a laptop')).toBeNull();
    expect(moveBlocker('baseline', 'evaluate', none, '   ')).toBe(
      'Exit criteria not met: A finished run (Baseline). Say why the project moves on anyway.',
    );
    expect(moveBlocker('define', 'collect_data', { ...all, risks: 0, hasProblemStatement: false }, '')).toBe(
      'Exit criteria not met: A problem statement (Define problem); A risk assessment (Define problem). Say why the project moves on anyway.',
    );
  });
});

describe('iterations', () => {
  it('counts a new iteration at every move back in the loop', () => {
    expect(isBackwardMove(null, 'define')).toBe(false);
    expect(isBackwardMove('improve', 'baseline')).toBe(true);
    expect(isBackwardMove('baseline', 'evaluate')).toBe(false);
    const starts = iterationStarts([
      { fromStage: null, toStage: 'define', at: 0 },
      { fromStage: 'define', toStage: 'baseline', at: 10 },
      { fromStage: 'improve', toStage: 'baseline', at: 50 },
      { fromStage: 'baseline', toStage: 'evaluate', at: 60 },
      { fromStage: 'monitor', toStage: 'collect_data', at: 90 },
    ]);
    expect(starts).toEqual([Number.NEGATIVE_INFINITY, 50, 90]);
  });
});

describe('attributeGains', () => {
  const acc: MetricTarget = { direction: 'higher_better', target: 0.9, rangeMin: null, rangeMax: null };
  const latency: MetricTarget = { direction: 'lower_better', target: 100, rangeMin: null, rangeMax: null };

  it('credits each improvement of the best so far to its run’s approach, per iteration', () => {
    const result = attributeGains(
      acc,
      [
        { at: 1, value: 0.7, approach: 'model-centric' }, // baseline: no gain
        { at: 2, value: 0.75, approach: 'data-centric' }, // +0.05 data
        { at: 3, value: 0.72, approach: 'model-centric' }, // worse: nothing
        { at: 4, value: 0.8, approach: 'model-centric' }, // +0.05 model
        { at: 11, value: 0.9, approach: 'data-centric' }, // iteration 2: +0.1 data
        { at: 12, value: 0.95, approach: null }, // +0.05 unspecified
      ],
      [Number.NEGATIVE_INFINITY, 10],
    );
    expect(result).toHaveLength(2);
    expect(result[0]).toMatchObject({ iteration: 1, startedAt: null, runs: 4 });
    expect(result[0]!.total).toBeCloseTo(0.1);
    expect(result[0]!.shares['data-centric']).toBeCloseTo(0.5);
    expect(result[0]!.shares['model-centric']).toBeCloseTo(0.5);
    expect(result[1]).toMatchObject({ iteration: 2, startedAt: 10, runs: 2 });
    expect(result[1]!.shares['data-centric']).toBeCloseTo(2 / 3);
    expect(result[1]!.shares.unspecified).toBeCloseTo(1 / 3);
  });

  it('follows the direction: lower latency is the gain', () => {
    const [it1] = attributeGains(
      latency,
      [
        { at: 1, value: 200, approach: 'hybrid' },
        { at: 2, value: 150, approach: 'hybrid' },
        { at: 3, value: 180, approach: 'data-centric' },
      ],
      [Number.NEGATIVE_INFINITY],
    );
    expect(it1!.gains).toEqual({ 'data-centric': 0, 'model-centric': 0, hybrid: 50, unspecified: 0 });
    expect(it1!.shares.hybrid).toBe(1);
  });

  it('an iteration without improvement has zero shares, not NaN', () => {
    const result = attributeGains(
      acc,
      [{ at: 1, value: 0.7, approach: 'data-centric' }],
      [Number.NEGATIVE_INFINITY, 5],
    );
    expect(result[0]!.shares).toEqual({ 'data-centric': 0, 'model-centric': 0, hybrid: 0, unspecified: 0 });
    expect(result[1]).toMatchObject({ runs: 0, total: 0 });
  });
});

describe('reasonHint', () => {
  it('counts unmet criteria in proper English', () => {
    expect(reasonHint(2)).toBe('Needed to move on with 2 criteria unmet.');
    expect(reasonHint(1)).toBe('Needed to move on with 1 criterion unmet.');
    expect(reasonHint(0)).toBe('Optional: every exit criterion is met.');
  });
});
