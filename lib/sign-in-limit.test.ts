import { describe, expect, it } from 'vitest';
import {
  SIGN_IN_LIMITS,
  SIGN_IN_WINDOW_SECONDS,
  clientIp,
  retryMessage,
  signInKeys,
  signInVerdict,
} from './sign-in-limit';

const start = new Date('2026-05-01T10:00:00Z');
const windowEnd = new Date(start.getTime() + SIGN_IN_WINDOW_SECONDS * 1000);

describe('signInVerdict', () => {
  it('allows an attempt while both counters are within their limits, the limit itself included', () => {
    expect(
      signInVerdict([
        { key: 'email:a@example.com', failures: SIGN_IN_LIMITS.email, windowStartedAt: start },
        { key: 'ip:203.0.113.9', failures: SIGN_IN_LIMITS.ip, windowStartedAt: start },
      ]),
    ).toEqual({ limited: false });
  });

  it('refuses the attempt after the fifth failure for an email, until that window ends', () => {
    expect(signInVerdict([{ key: 'email:a@example.com', failures: 6, windowStartedAt: start }])).toEqual({
      limited: true,
      retryAt: windowEnd,
    });
  });

  it('refuses the attempt after thirty failures from one address, whatever the email', () => {
    expect(
      signInVerdict([
        { key: 'email:new@example.com', failures: 1, windowStartedAt: start },
        { key: 'ip:203.0.113.9', failures: 31, windowStartedAt: start },
      ]),
    ).toEqual({ limited: true, retryAt: windowEnd });
  });

  it('names the later window end when both counters are over', () => {
    const later = new Date(start.getTime() + 60_000);
    const verdict = signInVerdict([
      { key: 'email:a@example.com', failures: 9, windowStartedAt: start },
      { key: 'ip:203.0.113.9', failures: 40, windowStartedAt: later },
    ]);
    expect(verdict).toEqual({ limited: true, retryAt: new Date(later.getTime() + SIGN_IN_WINDOW_SECONDS * 1000) });
  });
});

describe('retryMessage', () => {
  it.each([
    [0, 'Try again in 1 minute.'],
    [30_000, 'Try again in 1 minute.'],
    [60_001, 'Try again in 2 minutes.'],
    [14 * 60_000 + 1, 'Try again in 15 minutes.'],
  ])('%i ms before the window ends → %s', (ms, text) => {
    expect(retryMessage(windowEnd, new Date(windowEnd.getTime() - ms))).toBe(
      `Too many failed sign-in attempts. ${text}`,
    );
  });
});

describe('signInKeys and clientIp', () => {
  it('normalizes the email so case and spaces do not make a fresh counter', () => {
    expect(signInKeys('  Alice@Example.COM ', '203.0.113.9')).toEqual({
      email: 'email:alice@example.com',
      ip: 'ip:203.0.113.9',
    });
    expect(signInKeys('a@example.com', null)).toEqual({ email: 'email:a@example.com', ip: null });
  });

  it.each([
    [{ 'x-forwarded-for': '203.0.113.9, 10.0.0.1' }, '203.0.113.9'],
    [{ 'x-forwarded-for': ' 2001:DB8::1 ' }, '2001:db8::1'],
    [{ 'x-real-ip': '198.51.100.7' }, '198.51.100.7'],
    [{ 'x-forwarded-for': 'not-an-ip', 'x-real-ip': '198.51.100.7' }, null],
    [{ 'x-forwarded-for': "'; drop table users; --" }, null],
    [{}, null],
  ])('%o → %s', (headers, ip) => {
    expect(clientIp(new Headers(headers))).toBe(ip);
  });
});
