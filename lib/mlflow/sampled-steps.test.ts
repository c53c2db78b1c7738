import { describe, expect, it } from 'vitest';
import {
  bulkIntervalSteps,
  isEvenlySpaced,
  listOf,
  progression,
  sampledIndices,
  sampleSteps,
  stepRange,
  unionOfRuns,
} from './sampled-steps';

const range = (from: number, to: number, by = 1) =>
  Array.from({ length: (to - from) / by + 1 }, (_, i) => from + i * by);

describe('sampledIndices (MLflow _get_sampled_steps_from_steps)', () => {
  it('keeps every index when there are at most maxResults', () => {
    expect(sampledIndices(2, 7, 5)).toEqual([2, 3, 4, 5, 6]);
    expect(sampledIndices(3, 3, 5)).toEqual([]);
  });
  it('takes int(i * n / max) and the last: 100 steps, 5 results → 0, 20, 40, 60, 80, 99', () => {
    expect(sampledIndices(0, 100, 5)).toEqual([0, 20, 40, 60, 80, 99]);
    expect(sampledIndices(0, 10, 3)).toEqual([0, 3, 6, 9]);
  });
  it('drops picks at or past the count of steps in range when steps lie below the range, as MLflow does', () => {
    // 10 steps in range starting at index 5: picks 5, 8, 11 → 11 ≥ 10 is dropped; the last (14) is always kept.
    expect(sampledIndices(5, 15, 3)).toEqual([5, 8, 14]);
  });
});

describe('step lists', () => {
  it('bisects a progression like the list it stands for', () => {
    const steps = range(3, 48, 5);
    const p = progression(3, 5, steps.length);
    const l = listOf(steps);
    for (const x of [-10, 2, 3, 4, 7, 8, 9, 47, 48, 49, 100]) {
      expect([p.bisectLeft(x), p.bisectRight(x)]).toEqual([l.bisectLeft(x), l.bisectRight(x)]);
    }
    expect(steps.map((_, i) => p.at(i))).toEqual(steps);
  });
  it('treats a single step as a progression of gap 0', () => {
    const p = progression(7, 0, 1);
    expect([p.bisectLeft(7), p.bisectRight(7), p.bisectLeft(8), p.bisectRight(6)]).toEqual([0, 1, 1, 0]);
  });
});

describe('isEvenlySpaced', () => {
  it('needs the distinct count to fill the span at the gcd', () => {
    expect(isEvenlySpaced({ firstStep: 0, lastStep: 99, stepCount: 100, stepGcd: 1 })).toBe(true);
    expect(isEvenlySpaced({ firstStep: 0, lastStep: 90, stepCount: 10, stepGcd: 10 })).toBe(true);
    expect(isEvenlySpaced({ firstStep: 0, lastStep: 99, stepCount: 99, stepGcd: 1 })).toBe(false);
    expect(isEvenlySpaced({ firstStep: 0, lastStep: 95, stepCount: 11, stepGcd: 5 })).toBe(false);
    expect(isEvenlySpaced({ firstStep: 4, lastStep: 4, stepCount: 1, stepGcd: 0 })).toBe(true);
    expect(isEvenlySpaced({ firstStep: 0, lastStep: 99, stepCount: null, stepGcd: 1 })).toBe(false);
  });
});

describe('unionOfRuns', () => {
  const run = (firstStep: number, lastStep: number, stepGcd: number) => ({
    firstStep,
    lastStep,
    stepGcd,
    stepCount: stepGcd ? (lastStep - firstStep) / stepGcd + 1 : 1,
  });
  const stepsOf = (u: ReturnType<typeof unionOfRuns>) =>
    u ? Array.from({ length: u.length }, (_, i) => u.at(i)) : null;

  it('joins overlapping and adjacent runs of the same spacing', () => {
    expect(stepsOf(unionOfRuns([run(0, 10, 2), run(12, 20, 2), run(4, 8, 4)]))).toEqual(range(0, 20, 2));
  });
  it('gives up on gaps, misaligned grids and runs reaching past the covered span', () => {
    expect(unionOfRuns([run(0, 10, 2), run(14, 20, 2)])).toBeNull();
    expect(unionOfRuns([run(0, 10, 2), run(1, 11, 2)])).toBeNull();
    expect(unionOfRuns([run(0, 10, 2), run(8, 16, 4)])).toBeNull();
    expect(unionOfRuns([run(0, 10, 2), { firstStep: 0, lastStep: 10, stepCount: 3, stepGcd: 2 }])).toBeNull();
  });
  it('lists single-step runs as they are', () => {
    expect(stepsOf(unionOfRuns([run(5, 5, 0), run(2, 2, 0), run(5, 5, 0)]))).toEqual([2, 5]);
  });
});

describe('bulkIntervalSteps', () => {
  it('adds each run’s first and last step inside the range', () => {
    const runs = [
      { firstStep: 0, lastStep: 99 },
      { firstStep: 3, lastStep: 41 },
    ];
    const r = stepRange(runs, {});
    expect(r).toEqual({ start: 0, end: 99 });
    const sampled = sampleSteps(progression(0, 1, 100), r.start, r.end, 5);
    expect(bulkIntervalSteps(sampled, runs, r)).toEqual([0, 3, 20, 40, 41, 60, 80, 99]);
    expect(bulkIntervalSteps([50], runs, { start: 10, end: 60 })).toEqual([41, 50]);
  });
});
