import { describe, expect, it } from 'vitest';
import { safeNextPath } from './validation';

describe('safeNextPath', () => {
  it.each([
    ['/demo/runs?x=1#a', '/demo/runs?x=1#a'],
    [undefined, '/'],
    ['https://evil.example/', '/'],
    ['//evil.example', '/'],
    ['/\\evil.example', '/'],
    ['/\t/evil.example', '/'],
    ['demo', '/'],
  ])('%s → %s', (next, expected) => {
    expect(safeNextPath(next)).toBe(expected);
  });
});
