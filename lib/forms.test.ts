import { describe, expect, it } from 'vitest';
import { checkbox, dateField, optionalDate, optionalNumber, ownerField } from './forms';

describe('workspace form fields', () => {
  it('optionalNumber: blank is null, numbers parse, words are refused with a message', () => {
    expect(optionalNumber.parse('')).toBeNull();
    expect(optionalNumber.parse(' 0.93 ')).toBe(0.93);
    expect(optionalNumber.parse('-5')).toBe(-5);
    const bad = optionalNumber.safeParse('fast');
    expect(bad.success).toBe(false);
    expect(bad.error?.issues[0]?.message).toBe('Enter a number');
  });

  it('dates must be real calendar days', () => {
    expect(dateField.parse('2026-02-28')).toBe('2026-02-28');
    expect(dateField.safeParse('2026-02-30').success).toBe(false);
    expect(dateField.safeParse('tomorrow').success).toBe(false);
    expect(optionalDate.parse('')).toBeNull();
  });

  it('owner and checkbox', () => {
    expect(ownerField.parse('')).toBeNull();
    expect(ownerField.parse('u1')).toBe('u1');
    expect(checkbox.parse('on')).toBe(true);
    expect(checkbox.parse(undefined)).toBe(false);
  });
});
