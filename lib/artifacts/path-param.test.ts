import { describe, expect, it } from 'vitest';
import { artifactPathParam } from './path-param';

describe('artifactPathParam', () => {
  it('accepts relative paths and the root', () => {
    expect(artifactPathParam.parse(undefined)).toBe('');
    expect(artifactPathParam.parse('reports/deep/')).toBe('reports/deep');
  });
  it.each(['..', 'a/../b', '%2e%2e', 'a//b', 'a\\b', './a', 'C:'])('refuses %j', (p) => {
    expect(artifactPathParam.safeParse(p).success).toBe(false);
  });
});
