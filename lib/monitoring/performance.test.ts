import { describe, expect, it } from 'vitest';
import { accuracy, f1Macro, mae, maeStandardError, rmse, rmseStandardError } from '@/lib/stats/performance';
import {
  type ConfusionCell,
  type ErrorMoments,
  classificationMetrics,
  judgeMetric,
  regressionMetrics,
} from './performance';

function confusionOf(actual: (string | number)[], predicted: (string | number)[]): ConfusionCell[] {
  const m = new Map<string, ConfusionCell>();
  actual.forEach((a, i) => {
    const key = `${predicted[i]}|${a}`;
    const cell = m.get(key) ?? { predicted: String(predicted[i]), actual: String(a), count: 0 };
    cell.count++;
    m.set(key, cell);
  });
  return [...m.values()];
}

/** What the database computes: mean and sample sd (n − 1) of |e| and e². */
function momentsOf(actual: number[], predicted: number[]): ErrorMoments {
  const e = actual.map((a, i) => a - predicted[i]!);
  const stats = (xs: number[]) => {
    const mean = xs.reduce((s, x) => s + x, 0) / xs.length;
    return { mean, sd: Math.sqrt(xs.reduce((s, x) => s + (x - mean) ** 2, 0) / (xs.length - 1)) };
  };
  const abs = stats(e.map(Math.abs));
  const sq = stats(e.map((x) => x * x));
  return { n: e.length, meanAbs: abs.mean, sdAbs: abs.sd, meanSq: sq.mean, sdSq: sq.sd };
}

const value = (ms: ReturnType<typeof classificationMetrics>, metric: string) =>
  ms.find((m) => m.metric === metric)?.value;

describe('classificationMetrics', () => {
  it('matches scikit-learn’s documented examples', () => {
    // sklearn.metrics.f1_score docs: y_true=[0,1,2,0,1,2], y_pred=[0,2,1,0,0,1], average='macro' → 0.2666…
    expect(value(classificationMetrics(confusionOf([0, 1, 2, 0, 1, 2], [0, 2, 1, 0, 0, 1])), 'f1')).toBeCloseTo(
      0.26666666666666666,
      12,
    );
    // sklearn.metrics.accuracy_score docs: y_pred=[0,2,1,3], y_true=[0,1,2,3] → 0.5
    expect(value(classificationMetrics(confusionOf([0, 1, 2, 3], [0, 2, 1, 3])), 'accuracy')).toBe(0.5);
  });

  it('agrees with lib/stats on the rows the table summarises', () => {
    const actual = ['rain', 'dry', 'dry', 'rain', 'rain', 'dry', 'snow', 'rain'];
    const predicted = ['rain', 'rain', 'dry', 'dry', 'rain', 'dry', 'rain', 'rain'];
    const ms = classificationMetrics(confusionOf(actual, predicted));
    expect(value(ms, 'accuracy')).toBeCloseTo(accuracy(actual, predicted), 12);
    expect(value(ms, 'f1')).toBeCloseTo(f1Macro(actual, predicted), 12);
    expect(ms[0]!.n).toBe(8);
    expect(classificationMetrics([])).toEqual([]);
  });
});

describe('regressionMetrics', () => {
  it('agrees with lib/stats MAE, RMSE and their standard errors', () => {
    const actual = [3, -0.5, 2, 7, 4.2, 1, 0, 5.5];
    const predicted = [2.5, 0, 2, 8, 3.9, 2.2, -0.4, 5];
    const [m, r] = regressionMetrics(momentsOf(actual, predicted));
    expect(m!.value).toBeCloseTo(mae(actual, predicted), 12);
    expect(m!.se).toBeCloseTo(maeStandardError(actual, predicted), 12);
    expect(r!.value).toBeCloseTo(rmse(actual, predicted), 12);
    expect(r!.se).toBeCloseTo(rmseStandardError(actual, predicted), 12);
  });

  it('matches scikit-learn’s documented MAE example', () => {
    // sklearn.metrics.mean_absolute_error docs: y_true=[3,-0.5,2,7], y_pred=[2.5,0.0,2,8] → 0.5
    expect(regressionMetrics(momentsOf([3, -0.5, 2, 7], [2.5, 0, 2, 8]))[0]!.value).toBe(0.5);
  });
});

describe('judgeMetric', () => {
  const base = { value: 0.9, source: 'reference' as const };

  it('flags a drop below 95% of the baseline that exceeds sampling noise', () => {
    const r = judgeMetric({ metric: 'accuracy', value: 0.8, n: 500 }, 'accuracy', base);
    expect(r).toMatchObject({ status: 'degraded', degraded: true, baseline: 0.9, baseline_source: 'reference' });
    expect(r.threshold).toBeCloseTo(0.855, 12);
    expect(r.p_value!).toBeLessThan(0.05);
  });

  it('does not flag a big swing on few rows, nor a small dip on many', () => {
    expect(judgeMetric({ metric: 'accuracy', value: 0.84, n: 30 }, 'accuracy', base)).toMatchObject({
      status: 'ok',
      degraded: false,
    });
    expect(judgeMetric({ metric: 'accuracy', value: 0.87, n: 100_000 }, 'accuracy', base).status).toBe('ok');
  });

  it('mirrors the rule for losses, with their own standard error', () => {
    const worse = judgeMetric({ metric: 'mae', value: 1.2, n: 400, se: 0.05 }, 'mae', {
      value: 1,
      source: 'registered',
    });
    expect(worse.threshold).toBeCloseTo(1 / 0.95, 12);
    expect(worse.status).toBe('degraded');
    expect(
      judgeMetric({ metric: 'mae', value: 1.04, n: 400, se: 0.01 }, 'mae', { value: 1, source: 'registered' }).status,
    ).toBe('ok');
  });

  it('says why there is no verdict', () => {
    expect(judgeMetric({ metric: 'f1', value: 0.1, n: 29 }, 'f1', base).status).toBe('not_enough_data');
    expect(judgeMetric(undefined, 'f1', base).status).toBe('not_enough_data');
    expect(judgeMetric({ metric: 'f1', value: 0.1, n: 300 }, 'f1', null).status).toBe('no_baseline');
  });
});
