import { describe, expect, it } from 'vitest';
import { countOf, formatDuration, formatMetric, formatTimestamp } from './format';

describe('formatters', () => {
  it('prints UTC timestamps', () => {
    expect(formatTimestamp(Date.parse('2026-01-31T14:05:09.500Z'))).toBe('2026-01-31 14:05:09 UTC');
    expect(formatTimestamp(null)).toBe('—');
  });
  it('prints durations at a sensible grain', () => {
    expect(formatDuration(850)).toBe('850ms');
    expect(formatDuration(12_400)).toBe('12.4s');
    expect(formatDuration(185_000)).toBe('3m 05s');
    expect(formatDuration(2 * 3_600_000 + 7 * 60_000)).toBe('2h 07m');
    expect(formatDuration(76 * 3_600_000)).toBe('3d 4h');
    expect(formatDuration(null)).toBe('—');
  });
  it('prints metrics with 6 significant digits and spells out special values', () => {
    expect(formatMetric(0.123456789)).toBe('0.123457');
    expect(formatMetric(1234567)).toBe('1.2346e+6');
    expect(formatMetric(0.00001234)).toBe('1.2340e-5');
    expect(formatMetric(Number.NaN)).toBe('NaN');
    expect(formatMetric(-Infinity)).toBe('−∞');
    expect(formatMetric(null)).toBe('—');
  });
});

describe('countOf', () => {
  it('puts the noun in the number the count needs', () => {
    expect(countOf(1, 'run')).toBe('1 run');
    expect(countOf(0, 'run')).toBe('0 runs');
    expect(countOf(2, 'criterion', 'criteria')).toBe('2 criteria');
    expect(countOf(1, 'criterion', 'criteria')).toBe('1 criterion');
  });
});
