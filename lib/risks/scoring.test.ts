import { describe, expect, it } from 'vitest';
import {
  type RiskLevel,
  type RiskStatus,
  RISK_LEVELS,
  describeRisk,
  heatMap,
  isCritical,
  isReviewOverdue,
  matchesFilter,
  parseRiskFilter,
  residualScore,
  riskScore,
  severityOf,
  sortRisks,
} from './scoring';

describe('riskScore', () => {
  it('multiplies likelihood by impact with High 3, Medium 2, Low 1', () => {
    const table = RISK_LEVELS.map((l) => RISK_LEVELS.map((i) => riskScore(l, i)));
    expect(table).toEqual([
      [9, 6, 3],
      [6, 4, 2],
      [3, 2, 1],
    ]);
  });
});

describe('residualScore', () => {
  it('takes the mitigation share off the score', () => {
    expect(residualScore(9, 0)).toBe(9);
    expect(residualScore(9, 50)).toBe(4.5);
    expect(residualScore(9, 67)).toBe(2.97);
    expect(residualScore(6, 100)).toBe(0);
  });

  it('clamps mitigation to 0–100%', () => {
    expect(residualScore(4, 120)).toBe(0);
    expect(residualScore(4, -10)).toBe(4);
  });
});

describe('isCritical', () => {
  it('is High likelihood and High impact only, as the seed’s get_critical_risks', () => {
    expect(isCritical({ likelihood: 'High', impact: 'High' })).toBe(true);
    expect(isCritical({ likelihood: 'Medium', impact: 'High' })).toBe(false);
    expect(isCritical({ likelihood: 'High', impact: 'Medium' })).toBe(false);
  });
});

describe('isReviewOverdue', () => {
  it('is overdue the day after the review date, not on it; closed risks and unset dates never are', () => {
    expect(isReviewOverdue({ nextReviewDate: '2026-03-01', status: 'open' }, '2026-03-02')).toBe(true);
    expect(isReviewOverdue({ nextReviewDate: '2026-03-01', status: 'open' }, '2026-03-01')).toBe(false);
    expect(isReviewOverdue({ nextReviewDate: '2026-03-01', status: 'mitigating' }, '2026-04-01')).toBe(true);
    expect(isReviewOverdue({ nextReviewDate: '2026-03-01', status: 'closed' }, '2026-04-01')).toBe(false);
    expect(isReviewOverdue({ nextReviewDate: null, status: 'open' }, '2026-04-01')).toBe(false);
  });
});

describe('severityOf', () => {
  it('bands scores for the heat map at 3 and 6', () => {
    expect([1, 2, 3, 4, 6, 9].map(severityOf)).toEqual(['low', 'low', 'medium', 'medium', 'high', 'high']);
  });
});

type R = {
  title: string;
  likelihood: RiskLevel;
  impact: RiskLevel;
  mitigationPct: number;
  status: RiskStatus;
  nextReviewDate: string | null;
};
const risk = (title: string, likelihood: RiskLevel, impact: RiskLevel, extra: Partial<R> = {}): R => ({
  title,
  likelihood,
  impact,
  mitigationPct: 0,
  status: 'open',
  nextReviewDate: null,
  ...extra,
});

describe('sortRisks', () => {
  it('puts critical risks first even when mitigated, then by score, residual, overdue review and title; closed last', () => {
    const sorted = sortRisks(
      [
        risk('closed critical', 'High', 'High', { status: 'closed' }),
        risk('medium-high', 'Medium', 'High'),
        risk('high-medium mitigated', 'High', 'Medium', { mitigationPct: 50 }),
        risk('critical but mitigated', 'High', 'High', { mitigationPct: 90 }),
        risk('low', 'Low', 'Low'),
        risk('medium-high overdue', 'Medium', 'High', { nextReviewDate: '2026-01-01' }),
        risk('critical', 'High', 'High'),
      ],
      '2026-02-01',
    );
    expect(sorted.map((r) => r.title)).toEqual([
      'critical',
      'critical but mitigated',
      'medium-high overdue',
      'medium-high',
      'high-medium mitigated',
      'low',
      'closed critical',
    ]);
  });
});

describe('heatMap', () => {
  it('is 3×3 with likelihood rows High→Low and impact columns Low→High, counting open risks per cell', () => {
    const grid = heatMap([
      risk('a', 'High', 'High'),
      risk('b', 'High', 'High'),
      risk('c', 'High', 'High', { status: 'closed' }),
      risk('d', 'Low', 'Medium'),
    ]);
    expect(grid.map((row) => row.map((c) => `${c.likelihood[0]}${c.impact[0]}:${c.count}`))).toEqual([
      ['HL:0', 'HM:0', 'HH:2'],
      ['ML:0', 'MM:0', 'MH:0'],
      ['LL:0', 'LM:1', 'LH:0'],
    ]);
    expect(grid[0]![2]).toMatchObject({ score: 9, severity: 'high' });
    expect(grid[2]![0]).toMatchObject({ score: 1, severity: 'low' });
  });
});

describe('parseRiskFilter and matchesFilter', () => {
  it('reads ?l= and ?i= case-insensitively and ignores anything else', () => {
    expect(parseRiskFilter({ l: 'High', i: 'medium' })).toEqual({ likelihood: 'High', impact: 'Medium' });
    expect(parseRiskFilter({ l: 'Severe', i: ['Low', 'High'] })).toEqual({ impact: 'Low' });
    expect(parseRiskFilter({})).toEqual({});
  });

  it('matches on the chosen cell, row or column', () => {
    const r = risk('x', 'High', 'Medium');
    expect(matchesFilter(r, { likelihood: 'High', impact: 'Medium' })).toBe(true);
    expect(matchesFilter(r, { likelihood: 'High' })).toBe(true);
    expect(matchesFilter(r, { impact: 'High' })).toBe(false);
    expect(matchesFilter(r, {})).toBe(true);
  });
});

describe('describeRisk', () => {
  it('lists the fields a conflicting save would overwrite', () => {
    const text = describeRisk({
      ...risk('Label noise', 'High', 'Medium'),
      response: 'mitigate',
      ownerName: 'Ada',
      nextReviewDate: '2026-05-01',
    });
    expect(text).toBe(
      'title “Label noise”, likelihood High, impact Medium, mitigation 0%, response Mitigate, status Open, owner Ada, next review 2026-05-01',
    );
  });
});
