import { describe, expect, it } from 'vitest';
import { assignVariant, bucketHash, bucketRanges, fnv1a32 } from './assign';
import { chiSquareHomogeneity } from './chi2';

describe('fnv1a32', () => {
  it('matches the FNV-1a 32-bit reference vectors (offset basis, "a", "foobar")', () => {
    expect(fnv1a32('')).toBe(0x811c9dc5);
    expect(fnv1a32('a')).toBe(0xe40c292c);
    expect(fnv1a32('foobar')).toBe(0xbf9cf968);
  });
  it('hashes the UTF-8 bytes of non-ASCII input', () => {
    // "é" is the two bytes C3 A9: the same as hashing them one FNV step at a time
    const step = (h: number, byte: number) => Math.imul(h ^ byte, 0x01000193) >>> 0;
    expect(fnv1a32('é')).toBe(step(step(0x811c9dc5, 0xc3), 0xa9));
  });
});

describe('bucketHash (GrowthBook sdk-js test/cases.json "hash" cases)', () => {
  it.each([
    ['', 'a', 0.22],
    ['', 'b', 0.077],
    ['b', 'a', 0.946],
    ['ef', 'd', 0.652],
    ['asdf', '8952klfjas09ujk', 0.549],
    ['', '123', 0.011],
    ['', '___)((*":&', 0.563],
  ])('v1 hash(%j, %j) = %d', (seed, value, expected) => {
    expect(bucketHash(seed, value, 1)).toBe(expected);
  });

  it('v2 hash("seed", "a") = 0.0505', () => {
    expect(bucketHash('seed', 'a', 2)).toBe(0.0505);
  });
});

describe('bucketRanges', () => {
  it('normalises the weights into contiguous ranges ending at 1', () => {
    expect(bucketRanges([50, 50])).toEqual([
      [0, 0.5],
      [0.5, 1],
    ]);
    const three = bucketRanges([1, 1, 1]);
    expect(three[2]![1]).toBe(1);
    expect(three[1]![0]).toBeCloseTo(1 / 3, 12);
  });
  it('rejects negative or all-zero weights', () => {
    expect(() => bucketRanges([1, -1])).toThrow(RangeError);
    expect(() => bucketRanges([0, 0])).toThrow(RangeError);
  });
});

describe('assignVariant', () => {
  const UNITS = 100_000;
  const split = (testId: string, weights: number[]) => {
    const counts = weights.map(() => 0);
    for (let i = 0; i < UNITS; i++) counts[assignVariant(testId, `user-${i}`, weights)]!++;
    return counts.map((c) => c / UNITS);
  };

  it.each([
    ['50/50', [50, 50]],
    ['90/10', [90, 10]],
    ['3-way', [1, 1, 1]],
    ['50/30/20', [50, 30, 20]],
  ])('splits %s within ±1 percentage point over 100,000 units', (_, weights) => {
    const total = weights.reduce((s, w) => s + w, 0);
    split(`exp-${weights.join('-')}`, weights).forEach((share, i) => {
      expect(Math.abs(share - weights[i]! / total)).toBeLessThan(0.01);
    });
  });

  it('is sticky: the same test and unit always get the same variant', () => {
    for (let i = 0; i < 1000; i++) {
      const first = assignVariant('checkout-test', `u${i}`, [1, 1, 1]);
      expect(assignVariant('checkout-test', `u${i}`, [1, 1, 1])).toBe(first);
    }
  });

  it('assigns independently across tests', () => {
    const table = [
      [0, 0],
      [0, 0],
    ];
    for (let i = 0; i < UNITS; i++) {
      const a = assignVariant('test-a', `user-${i}`, [1, 1]);
      const b = assignVariant('test-b', `user-${i}`, [1, 1]);
      table[a]![b]!++;
    }
    table.flat().forEach((count) => expect(Math.abs(count / UNITS - 0.25)).toBeLessThan(0.01));
    expect(chiSquareHomogeneity(table).p_value).toBeGreaterThan(0.001);
  });

  it('puts everyone in the only arm with weight', () => {
    expect(assignVariant('t', 'u', [0, 1, 0])).toBe(1);
  });
});
