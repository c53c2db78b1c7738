import { describe, expect, it } from 'vitest';
import {
  type MetricTarget,
  type StatusInput,
  bestSoFar,
  bestValue,
  deadlineInstant,
  describeTarget,
  distanceToTarget,
  expectedProgress,
  historyChartData,
  improvement,
  isAchieved,
  metricStatus,
  parseCheckInValue,
  plannedLine,
  projectSuccess,
} from './status';

const higher = (target: number): MetricTarget => ({
  direction: 'higher_better',
  target,
  rangeMin: null,
  rangeMax: null,
});
const lower = (target: number): MetricTarget => ({ direction: 'lower_better', target, rangeMin: null, rangeMax: null });
const range = (min: number, max: number): MetricTarget => ({
  direction: 'range',
  target: null,
  rangeMin: min,
  rangeMax: max,
});
const binary: MetricTarget = { direction: 'binary', target: null, rangeMin: null, rangeMax: null };

describe('isAchieved', () => {
  it('higher-better: at or above the target, not below', () => {
    expect(isAchieved(higher(0.9), 0.92)).toBe(true);
    expect(isAchieved(higher(0.9), 0.9)).toBe(true);
    expect(isAchieved(higher(0.9), 0.8999)).toBe(false);
  });

  it('lower-better: the seed’s latency 80 ms against 100 ms is achieved; exactly 100 too; 100.01 is not', () => {
    expect(isAchieved(lower(100), 80)).toBe(true);
    expect(isAchieved(lower(100), 100)).toBe(true);
    expect(isAchieved(lower(100), 100.01)).toBe(false);
    expect(isAchieved(lower(0.01), 0.008)).toBe(true);
  });

  it('range: inside and on both bounds, not outside either', () => {
    expect(isAchieved(range(50, 70), 60)).toBe(true);
    expect(isAchieved(range(50, 70), 50)).toBe(true);
    expect(isAchieved(range(50, 70), 70)).toBe(true);
    expect(isAchieved(range(50, 70), 49.999)).toBe(false);
    expect(isAchieved(range(50, 70), 70.001)).toBe(false);
  });

  it('binary: 1 (true) only', () => {
    expect(isAchieved(binary, 1)).toBe(true);
    expect(isAchieved(binary, 0)).toBe(false);
    expect(isAchieved(binary, 0.5)).toBe(false);
  });

  it('nothing measured, NaN or infinity is never achieved', () => {
    expect(isAchieved(higher(0), null)).toBe(false);
    expect(isAchieved(higher(0), undefined)).toBe(false);
    expect(isAchieved(higher(0), Number.NaN)).toBe(false);
    expect(isAchieved(lower(100), Number.NEGATIVE_INFINITY)).toBe(false);
  });
});

describe('distanceToTarget', () => {
  it('measures the shortfall in the metric’s unit for each direction', () => {
    expect(distanceToTarget(higher(0.9), 0.7)).toBeCloseTo(0.2);
    expect(distanceToTarget(lower(100), 130)).toBe(30);
    expect(distanceToTarget(range(50, 70), 45)).toBe(5);
    expect(distanceToTarget(range(50, 70), 75)).toBe(5);
    expect(distanceToTarget(binary, 0)).toBe(1);
  });
});

describe('bestValue and improvement', () => {
  it('picks the best by direction', () => {
    expect(bestValue(higher(1), [0.7, 0.9, 0.8])).toBe(0.9);
    expect(bestValue(lower(1), [120, 95, 101])).toBe(95);
    expect(bestValue(range(50, 70), [10, 75, 40])).toBe(75);
    expect(bestValue(binary, [0, 1, 0])).toBe(1);
    expect(bestValue(higher(1), [])).toBeNull();
    expect(bestValue(higher(1), [Number.NaN, 0.5])).toBe(0.5);
  });

  it('counts only moves towards the target', () => {
    expect(improvement(higher(1), 0.8, 0.85)).toBeCloseTo(0.05);
    expect(improvement(higher(1), 0.85, 0.8)).toBe(0);
    expect(improvement(lower(1), 120, 100)).toBe(20);
    expect(improvement(range(50, 70), 40, 45)).toBe(5);
    expect(improvement(range(50, 70), 40, 60)).toBe(10);
  });
});

describe('expectedProgress', () => {
  it('is the share of the time from creation to deadline, clamped to [0, 1]', () => {
    expect(expectedProgress(0, 100, 50)).toBe(0.5);
    expect(expectedProgress(0, 100, -5)).toBe(0);
    expect(expectedProgress(0, 100, 150)).toBe(1);
    expect(expectedProgress(100, 100, 100)).toBe(1);
  });
});

describe('metricStatus', () => {
  // Created at t=0, deadline at t=1000: halfway through, the line expects half the way to the target.
  const base = (t: MetricTarget, startValue: number | null, current: number | null, now = 500): StatusInput => ({
    ...t,
    startValue,
    current,
    createdAt: 0,
    deadline: 1000,
    now,
  });

  it('achieved wins over everything, even past the deadline', () => {
    expect(metricStatus(base(lower(100), 200, 80, 2000))).toBe('achieved');
    expect(metricStatus(base(higher(0.9), 0.5, 0.9))).toBe('achieved');
  });

  it('no value → no data', () => {
    expect(metricStatus(base(higher(0.9), 0.5, null))).toBe('no_data');
  });

  it('higher-better at the edges: 10% behind the line is on track, 25% behind is at risk, more is off track', () => {
    // start 0, target 100, halfway → expected 50
    expect(metricStatus(base(higher(100), 0, 50))).toBe('on_track');
    expect(metricStatus(base(higher(100), 0, 40))).toBe('on_track');
    expect(metricStatus(base(higher(100), 0, 39.9))).toBe('at_risk');
    expect(metricStatus(base(higher(100), 0, 25))).toBe('at_risk');
    expect(metricStatus(base(higher(100), 0, 24.9))).toBe('off_track');
  });

  it('lower-better mirrors it: coming down from 200 towards 100', () => {
    // expected halfway: 150
    expect(metricStatus(base(lower(100), 200, 150))).toBe('on_track');
    expect(metricStatus(base(lower(100), 200, 160))).toBe('on_track');
    expect(metricStatus(base(lower(100), 200, 160.1))).toBe('at_risk');
    expect(metricStatus(base(lower(100), 200, 175))).toBe('at_risk');
    expect(metricStatus(base(lower(100), 200, 175.1))).toBe('off_track');
  });

  it('range measures the distance to the band from either side', () => {
    // start 0, band [100, 120] → the way is 100 long; halfway expects 50
    expect(metricStatus(base(range(100, 120), 0, 40))).toBe('on_track');
    expect(metricStatus(base(range(100, 120), 0, 25))).toBe('at_risk');
    expect(metricStatus(base(range(100, 120), 0, 10))).toBe('off_track');
    // overshooting the band by 70 is as far as standing 70 short of it (30% of the way, 20% behind)
    expect(metricStatus(base(range(100, 120), 0, 190))).toBe('at_risk');
    expect(metricStatus(base(range(100, 120), 0, 30))).toBe('at_risk');
    expect(metricStatus(base(range(100, 120), 0, 150))).toBe('on_track');
  });

  it('binary runs on the line from 0 to 1: still 0 is on track only early on', () => {
    expect(metricStatus(base(binary, 0, 0, 100))).toBe('on_track');
    expect(metricStatus(base(binary, 0, 0, 250))).toBe('at_risk');
    expect(metricStatus(base(binary, 0, 0, 251))).toBe('off_track');
    expect(metricStatus(base(binary, 0, 1, 999))).toBe('achieved');
  });

  it('past the deadline without the target is off track; exactly at the deadline counts as past', () => {
    expect(metricStatus(base(higher(100), 0, 99, 1000))).toBe('off_track');
    expect(metricStatus(base(higher(100), 0, 99, 999))).toBe('on_track');
  });

  it('a guardrail that met its target at the start and misses it now is off track', () => {
    expect(metricStatus(base(lower(100), 80, 120))).toBe('off_track');
  });

  it('on the first day everything short of the target is on track', () => {
    expect(metricStatus(base(higher(100), 0, 0, 0))).toBe('on_track');
  });

  it('without a start value there is no line to measure against', () => {
    expect(metricStatus(base(higher(100), null, 10))).toBe('no_data');
  });
});

describe('plannedLine', () => {
  it('runs from the start at creation to the target (or nearest band edge) at the deadline', () => {
    expect(plannedLine({ ...higher(0.9), startValue: 0.7, createdAt: 0, deadline: 10 })).toEqual([
      { at: 0, value: 0.7 },
      { at: 10, value: 0.9 },
    ]);
    expect(plannedLine({ ...range(50, 70), startValue: 90, createdAt: 0, deadline: 10 })![1]).toEqual({
      at: 10,
      value: 70,
    });
    expect(plannedLine({ ...binary, startValue: null, createdAt: 0, deadline: 10 })![1]).toEqual({ at: 10, value: 1 });
    expect(plannedLine({ ...higher(1), startValue: null, createdAt: 0, deadline: 10 })).toBeNull();
  });
});

describe('projectSuccess', () => {
  it('needs every primary metric achieved and names those that are not; secondary ones do not count', () => {
    expect(
      projectSuccess([
        { name: 'accuracy', isPrimary: true, achieved: true },
        { name: 'latency', isPrimary: true, achieved: false },
        { name: 'cost', isPrimary: false, achieved: false },
      ]),
    ).toEqual({ success: false, primaryCount: 2, missing: ['latency'], behind: [] });
    expect(
      projectSuccess([
        { name: 'accuracy', isPrimary: true, achieved: true },
        { name: 'cost', isPrimary: false, achieved: false },
      ]).success,
    ).toBe(true);
  });

  it('is not a success without any primary metric', () => {
    expect(projectSuccess([{ name: 'cost', isPrimary: false, achieved: true }])).toEqual({
      success: false,
      primaryCount: 0,
      missing: [],
      behind: [],
    });
  });

  it('tells primary metrics on track to their target from those behind it', () => {
    expect(
      projectSuccess([
        { name: 'accuracy', isPrimary: true, achieved: false, status: 'on_track' },
        { name: 'latency', isPrimary: true, achieved: false, status: 'at_risk' },
        { name: 'recall', isPrimary: true, achieved: false, status: 'no_data' },
        { name: 'cost', isPrimary: false, achieved: false, status: 'off_track' },
      ]),
    ).toMatchObject({ missing: ['accuracy', 'latency', 'recall'], behind: ['latency', 'recall'] });
  });
});

describe('bestSoFar', () => {
  it('keeps only the points that improved the best, in time order', () => {
    const points = [
      { at: 3, value: 0.8 },
      { at: 1, value: 0.7 },
      { at: 2, value: 0.65 },
      { at: 4, value: 0.8 },
      { at: 5, value: 0.9 },
    ];
    expect(bestSoFar(higher(1), points)).toEqual([
      { at: 1, value: 0.7 },
      { at: 3, value: 0.8 },
      { at: 5, value: 0.9 },
    ]);
    expect(bestSoFar(lower(1), points).map((p) => p.value)).toEqual([0.7, 0.65]);
  });
});

describe('parseCheckInValue', () => {
  it('reads yes/no words for binary metrics and plain numbers otherwise', () => {
    expect(parseCheckInValue('binary', 'Yes')).toBe(1);
    expect(parseCheckInValue('binary', 'false')).toBe(0);
    expect(parseCheckInValue('binary', '2')).toBeNull();
    expect(parseCheckInValue('higher_better', ' 0.93 ')).toBe(0.93);
    expect(parseCheckInValue('lower_better', '')).toBeNull();
    expect(parseCheckInValue('lower_better', 'fast')).toBeNull();
  });
});

describe('describeTarget and deadlineInstant', () => {
  it('spell the target as people read it', () => {
    expect(describeTarget(lower(100), 'ms')).toBe('≤ 100 ms');
    expect(describeTarget(higher(0.9))).toBe('≥ 0.9');
    expect(describeTarget(range(50, 70), '%')).toBe('50–70 %');
    expect(describeTarget(binary)).toBe('yes');
  });

  it('a deadline lasts until the end of its day in UTC', () => {
    expect(deadlineInstant('2026-03-01')).toBe(Date.UTC(2026, 2, 2));
  });
});

describe('historyChartData', () => {
  it('merges recorded values and the planned line by instant, in time order', () => {
    expect(
      historyChartData(
        [
          { at: 5, value: 0.8 },
          { at: 0, value: 0.7 },
        ],
        [
          { at: 0, value: 0.7 },
          { at: 10, value: 0.9 },
        ],
      ),
    ).toEqual([
      { at: 0, actual: 0.7, planned: 0.7 },
      { at: 5, actual: 0.8 },
      { at: 10, planned: 0.9 },
    ]);
    expect(historyChartData([], null)).toEqual([]);
  });
});
