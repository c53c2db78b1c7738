import { describe, expect, it } from 'vitest';
import {
  countOf,
  formatDate,
  formatDateTime,
  formatDay,
  formatDayTime,
  parseDay,
  parseDayTime,
  formatDuration,
  formatMetric,
  formatTimestamp,
} from './format';

describe('formatters', () => {
  it('prints UTC timestamps', () => {
    expect(formatTimestamp(Date.parse('2026-01-31T14:05:09.500Z'))).toBe('31 Jan 2026, 14:05 UTC');
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

describe('dates', () => {
  const at = Date.parse('2026-12-03T23:30:00Z');
  it('has one date format, in UTC unless a zone is given', () => {
    expect(formatDate(at)).toBe('3 Dec 2026');
    expect(formatDateTime(at)).toBe('3 Dec 2026, 23:30');
    expect(formatDate(at, 'Europe/Berlin')).toBe('4 Dec 2026');
    expect(formatDateTime(at, 'Europe/Berlin')).toBe('4 Dec 2026, 00:30');
    expect(formatDateTime(at, 'America/New_York')).toBe('3 Dec 2026, 18:30');
    expect(formatDateTime(Date.parse('2026-01-05T00:05:00Z'))).toBe('5 Jan 2026, 00:05');
  });
  it('writes stored calendar days the same way', () => {
    expect(formatDay('2026-03-04')).toBe('4 Mar 2026');
    expect(formatDay(null)).toBe('—');
    expect(formatDate(null)).toBe('—');
    expect(formatDateTime(Number.NaN)).toBe('—');
  });
  it('reads a typed day in the interface format, ISO or month-first, and refuses ambiguous or unreal days', () => {
    for (const typed of [
      '3 Dec 2026',
      '03 dec 2026',
      'Thu 3 Dec 2026',
      '3 December 2026',
      'Dec 3, 2026',
      'December 3 2026',
      ' 2026-12-03 ',
      '2026-12-3',
    ])
      expect(parseDay(typed), typed).toBe('2026-12-03');
    expect(parseDay('29 Feb 2028')).toBe('2028-02-29');
    expect(parseDay('1 Sept 2026')).toBe('2026-09-01');
    expect(parseDay('')).toBe('');
    for (const typed of [
      '03/12/2026',
      '30 Feb 2026',
      '3 De 2026',
      '3 Dec 26',
      '2026-13-01',
      'tomorrow',
      '3 Dec 2026 x',
    ])
      expect(parseDay(typed), typed).toBeNull();
    expect(formatDay(parseDay('Dec 3, 2026'))).toBe('3 Dec 2026');
  });
  it('reads a typed day and time (24-hour, UTC minutes as datetime-local holds them)', () => {
    expect(parseDayTime('3 Dec 2026, 14:05')).toBe('2026-12-03T14:05');
    expect(parseDayTime('2026-12-03T14:05')).toBe('2026-12-03T14:05');
    expect(parseDayTime('2026-12-03 9:05')).toBe('2026-12-03T09:05');
    expect(parseDayTime('3 Dec 2026')).toBe('2026-12-03T00:00');
    expect(parseDayTime('')).toBe('');
    expect(parseDayTime('3 Dec 2026, 24:00')).toBeNull();
    expect(parseDayTime('3 Dec 2026, 12:60')).toBeNull();
    expect(parseDayTime('2026-12-03T14')).toBeNull();
    expect(formatDayTime('2026-12-03T14:05')).toBe('3 Dec 2026, 14:05');
    expect(formatDayTime('')).toBe('—');
  });
});
