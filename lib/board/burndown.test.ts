import { describe, expect, it } from 'vitest';
import {
  addDays,
  averageVelocity,
  buildBurnSeries,
  committedScope,
  completionRate,
  daysBetween,
  freezeSprintNumbers,
  scopeChanges,
  snapshotOn,
} from './burndown';

const snap = (day: string, totalPoints: number, donePoints: number, cancelledPoints = 0) => ({
  day,
  totalPoints,
  donePoints,
  cancelledPoints,
});

describe('days', () => {
  it('counts both ends and crosses month and leap-day boundaries in UTC', () => {
    expect(daysBetween('2028-02-27', '2028-03-01')).toEqual(['2028-02-27', '2028-02-28', '2028-02-29', '2028-03-01']);
    expect(daysBetween('2026-03-02', '2026-03-01')).toEqual([]);
    // A two-week sprint: the start day plus 13.
    expect(daysBetween('2026-03-02', addDays('2026-03-02', 13))).toHaveLength(14);
  });

  it('refuses something that is not a day', () => {
    expect(() => addDays('02/03/2026', 1)).toThrow(/YYYY-MM-DD/);
  });
});

describe('burndown and burnup series', () => {
  const sprint = { startDate: '2026-03-02', endDate: '2026-03-06' };
  const snapshots = [
    snap('2026-03-02', 20, 0),
    // Day 3: a 5-point task was added and 8 points got done.
    snap('2026-03-04', 25, 8),
    // Day 4: a 3-point task was cancelled; it leaves the scope and is not "remaining".
    snap('2026-03-05', 25, 13, 3),
  ];

  it('carries days without a snapshot forward, keeps scope as its own line, and leaves the future empty', () => {
    const series = buildBurnSeries(sprint, snapshots, '2026-03-05');
    expect(series).toEqual([
      { day: '2026-03-02', scope: 20, completed: 0, remaining: 20, ideal: 20 },
      { day: '2026-03-03', scope: 20, completed: 0, remaining: 20, ideal: 15 },
      { day: '2026-03-04', scope: 25, completed: 8, remaining: 17, ideal: 10 },
      { day: '2026-03-05', scope: 22, completed: 13, remaining: 9, ideal: 5 },
      { day: '2026-03-06', scope: null, completed: null, remaining: null, ideal: 0 },
    ]);
    expect(scopeChanges(series)).toEqual([
      { day: '2026-03-04', delta: 5 },
      { day: '2026-03-05', delta: -3 },
    ]);
  });

  it('uses the last snapshot written before the sprint began as the commitment', () => {
    const planned = [snap('2026-02-27', 18, 0), snap('2026-03-03', 21, 2)];
    expect(committedScope(planned, sprint.startDate)).toBe(18);
    const series = buildBurnSeries(sprint, planned, '2026-03-06');
    expect(series[0]).toMatchObject({ scope: 18, remaining: 18, ideal: 18 });
    expect(series.at(-1)).toMatchObject({ scope: 21, completed: 2, remaining: 19, ideal: 0 });
  });

  it('shows no actuals before the first snapshot of a sprint that was filled late', () => {
    const late = [snap('2026-03-04', 12, 0)];
    const series = buildBurnSeries(sprint, late, '2026-03-06');
    expect(series.slice(0, 2).map((p) => p.remaining)).toEqual([null, null]);
    expect(series[2]).toMatchObject({ remaining: 12, ideal: 6 });
    // The ideal line starts from the first scope known, so the chart still has a target.
    expect(series[0]!.ideal).toBe(12);
  });

  it('finds the snapshot in force on a day regardless of input order', () => {
    const shuffled = [snapshots[2]!, snapshots[0]!, snapshots[1]!];
    expect(snapshotOn(shuffled, '2026-03-04')?.totalPoints).toBe(25);
    expect(snapshotOn(shuffled, '2026-03-01')).toBeNull();
  });

  it('draws a one-day sprint without dividing by zero', () => {
    const series = buildBurnSeries(
      { startDate: '2026-03-02', endDate: '2026-03-02' },
      [snap('2026-03-02', 4, 1)],
      '2026-03-02',
    );
    expect(series).toEqual([{ day: '2026-03-02', scope: 4, completed: 1, remaining: 3, ideal: 4 }]);
  });
});

describe('frozen numbers and velocity', () => {
  it('splits a closing sprint into completed, cancelled and carried-over work', () => {
    const frozen = freezeSprintNumbers(21, [
      { effort: 5, status: 'done' },
      { effort: 3, status: 'done' },
      { effort: 2, status: 'cancelled' },
      { effort: 8, status: 'open' },
    ]);
    expect(frozen).toEqual({
      committedPoints: 21,
      scopePoints: 16,
      completedPoints: 8,
      cancelledPoints: 2,
      carriedOverPoints: 8,
      completedTasks: 2,
      carriedOverTasks: 1,
    });
  });

  it('averages the last three sprints and reports completion against commitment', () => {
    const points = [
      { sprint: 'S1', committed: 20, completed: 10 },
      { sprint: 'S2', committed: 20, completed: 15 },
      { sprint: 'S3', committed: 18, completed: 18 },
      { sprint: 'S4', committed: 25, completed: 20 },
    ];
    expect(averageVelocity(points)).toBe(17.7);
    expect(averageVelocity(points, 10)).toBe(15.8);
    expect(averageVelocity([])).toBeNull();
    expect(completionRate(points[0]!)).toBe(50);
    expect(completionRate({ sprint: 'S0', committed: 0, completed: 3 })).toBeNull();
  });
});
