import { describe, expect, it } from 'vitest';
import { safeNextPath, signInPath } from './next-path';

describe('safeNextPath', () => {
  it.each([
    ['/demo/runs?filter=metrics.loss%20%3C%201#a', '/demo/runs?filter=metrics.loss%20%3C%201#a'],
    ['/demo/runs', '/demo/runs'],
    ['/', '/'],
  ])('keeps the same-site path %s', (next, expected) => {
    expect(safeNextPath(next)).toBe(expected);
  });

  it.each([
    [undefined],
    [null],
    [''],
    ['demo'],
    ['//evil.com'],
    ['//evil.com/path'],
    ['/\\evil.com'],
    ['\\\\evil.com'],
    ['/\t/evil.com'],
    ['/\n/evil.com'],
    ['/\u007f/evil.com'],
    ['https://evil.com'],
    ['http:evil.com'],
    ['javascript:alert(1)'],
    ['JaVaScRiPt:alert(1)'],
    ['%2F%2Fevil.com'],
    ['/.//evil.com'],
    ['/a/..//evil.com'],
    ['/%2e//evil.com'],
    [' /demo'],
  ])('sends %j home', (next) => {
    expect(safeNextPath(next)).toBe('/');
  });

  it('keeps percent-encoded slashes encoded, so they stay inside the path', () => {
    expect(safeNextPath('/%2F%2Fevil.com')).toBe('/%2F%2Fevil.com');
    expect(safeNextPath('/%5Cevil.com')).toBe('/%5Cevil.com');
  });
});

describe('signInPath', () => {
  it('carries the page and its query as next', () => {
    expect(signInPath('/demo/runs?filter=a b&x=1')).toBe('/sign-in?next=%2Fdemo%2Fruns%3Ffilter%3Da%2520b%26x%3D1');
  });

  it('leaves next off for the home page and anything unsafe', () => {
    expect(signInPath('/')).toBe('/sign-in');
    expect(signInPath('//evil.com')).toBe('/sign-in');
    expect(signInPath(null)).toBe('/sign-in');
  });
});
