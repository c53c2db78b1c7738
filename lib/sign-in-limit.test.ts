import { describe, expect, it } from 'vitest';
import {
  PEER_ADDRESS_HEADER,
  SIGN_IN_LIMITS,
  SIGN_IN_WINDOW_SECONDS,
  clientIp,
  retryMessage,
  signInKeys,
  signInVerdict,
  trustedProxyHops,
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

  const peer = PEER_ADDRESS_HEADER;
  it.each([
    // No trusted proxy: the connection's address, whatever the client forwards.
    [0, { [peer]: '198.51.100.7', 'x-forwarded-for': '203.0.113.9' }, '198.51.100.7'],
    [0, { [peer]: ' 2001:DB8::1 ' }, '2001:db8::1'],
    [0, { 'x-forwarded-for': '203.0.113.9', 'x-real-ip': '203.0.113.9' }, null],
    // Behind one proxy: the address it appended, not the one the client wrote before it.
    [1, { [peer]: '10.0.0.2', 'x-forwarded-for': '203.0.113.66, 203.0.113.9' }, '203.0.113.9'],
    [1, { [peer]: '10.0.0.2', 'x-forwarded-for': '203.0.113.9' }, '203.0.113.9'],
    [2, { [peer]: '10.0.0.3', 'x-forwarded-for': '203.0.113.66, 203.0.113.9, 10.0.0.2' }, '203.0.113.9'],
    [2, { [peer]: '10.0.0.3', 'x-forwarded-for': '10.0.0.2' }, '10.0.0.3'],
    [1, { [peer]: '10.0.0.2', 'x-forwarded-for': "'; drop table users; --" }, null],
    [1, { [peer]: '10.0.0.2' }, '10.0.0.2'],
  ])('%i trusted hops, %o → %s', (hops, headers, ip) => {
    expect(clientIp(new Headers(headers), hops)).toBe(ip);
  });

  it.each([
    [undefined, 0],
    ['2', 2],
    ['-1', 0],
    ['one', 0],
    ['1.5', 0],
  ])('RUNBOARD_TRUSTED_PROXY_HOPS=%s → %i', (value, hops) => {
    expect(trustedProxyHops(value)).toBe(hops);
  });
});
