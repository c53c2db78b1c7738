import { describe, expect, it } from 'vitest';
import {
  MAX_CATCH_UP,
  SCHEDULE_GRACE_MS,
  defaultWindow,
  dueWindows,
  suggestedCheckWindow,
  windowContaining,
} from './windows';

const t = (iso: string) => Date.parse(iso);
const iso = (w: { start: Date; end: Date }) => [w.start.toISOString(), w.end.toISOString()];

describe('windowContaining', () => {
  it('cuts whole UTC hours and days', () => {
    expect(iso(windowContaining('hourly', t('2024-05-01T10:59:59.999Z')))).toEqual([
      '2024-05-01T10:00:00.000Z',
      '2024-05-01T11:00:00.000Z',
    ]);
    expect(iso(windowContaining('hourly', t('2024-05-01T11:00:00Z')))).toEqual([
      '2024-05-01T11:00:00.000Z',
      '2024-05-01T12:00:00.000Z',
    ]);
    expect(iso(windowContaining('daily', t('2024-05-01T23:30:00Z')))).toEqual([
      '2024-05-01T00:00:00.000Z',
      '2024-05-02T00:00:00.000Z',
    ]);
  });
});

describe('dueWindows', () => {
  const since = t('2024-05-01T00:00:00Z');

  it('waits for the grace period after a window closes', () => {
    expect(dueWindows('hourly', t('2024-05-01T11:00:00Z') + SCHEDULE_GRACE_MS - 1, since).map(iso)[0]).toEqual([
      '2024-05-01T09:00:00.000Z',
      '2024-05-01T10:00:00.000Z',
    ]);
    expect(dueWindows('hourly', t('2024-05-01T11:00:00Z') + SCHEDULE_GRACE_MS, since).map(iso)[0]).toEqual([
      '2024-05-01T10:00:00.000Z',
      '2024-05-01T11:00:00.000Z',
    ]);
  });

  it('catches up newest first, no further back than scheduling began, at most MAX_CATCH_UP', () => {
    const now = t('2024-05-01T03:10:00Z');
    expect(dueWindows('hourly', now, since).map((w) => w.start.toISOString())).toEqual([
      '2024-05-01T02:00:00.000Z',
      '2024-05-01T01:00:00.000Z',
      '2024-05-01T00:00:00.000Z',
    ]);
    // scheduling began mid-window: that window is still checked
    expect(dueWindows('hourly', now, t('2024-05-01T01:30:00Z'))).toHaveLength(2);
    expect(dueWindows('hourly', t('2024-06-01T00:10:00Z'), since)).toHaveLength(MAX_CATCH_UP.hourly);
    expect(dueWindows('daily', t('2024-06-01T00:10:00Z'), since)).toHaveLength(MAX_CATCH_UP.daily);
  });

  it('has nothing due before the first window closes, or when off', () => {
    expect(dueWindows('daily', t('2024-05-01T23:59:00Z'), since)).toEqual([]);
    expect(dueWindows('off', t('2025-01-01T00:00:00Z'), since)).toEqual([]);
  });
});

describe('defaultWindow', () => {
  it('is the last day up to now', () => {
    expect(iso(defaultWindow(t('2024-05-02T12:00:00Z')))).toEqual([
      '2024-05-01T12:00:00.000Z',
      '2024-05-02T12:00:00.000Z',
    ]);
  });
});

describe('suggestedCheckWindow', () => {
  it('covers the day up to the latest prediction, or up to now without any', () => {
    expect(iso(suggestedCheckWindow(t('2024-05-02T12:00:00Z'), t('2025-01-01T00:00:00Z')))).toEqual([
      '2024-05-01T12:01:00.000Z',
      '2024-05-02T12:01:00.000Z',
    ]);
    expect(iso(suggestedCheckWindow(null, t('2025-01-01T00:00:00Z')))).toEqual([
      '2024-12-31T00:00:00.000Z',
      '2025-01-01T00:00:00.000Z',
    ]);
  });
});
