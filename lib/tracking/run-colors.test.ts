import { describe, expect, it } from 'vitest';
import { RUN_PALETTE, approachDash, approachShape, assignRunColors, runColor } from './run-colors';

describe('run colours', () => {
  it('gives 20 runs 20 different colours, in URL order', () => {
    const ids = Array.from({ length: 20 }, (_, i) => `run${i}`);
    const colors = assignRunColors(ids);
    expect(new Set(colors.values()).size).toBe(20);
    expect(colors.get('run0')).toBe(RUN_PALETTE[0]);
    expect(colors.get('run19')).toBe(RUN_PALETTE[19]);
  });
  it('keeps going past the palette without repeating a neighbour', () => {
    const extra = Array.from({ length: 30 }, (_, i) => runColor(20 + i));
    for (let i = 1; i < extra.length; i++) expect(extra[i]).not.toBe(extra[i - 1]);
    expect(extra[0]).toMatch(/^hsl\(\d+ 65% 45%\)$/);
  });
  it('is stable: the same order gives the same colours', () => {
    expect([...assignRunColors(['b', 'a']).entries()]).toEqual([...assignRunColors(['b', 'a']).entries()]);
  });
});

describe('approach marks', () => {
  it('tells data-centric and model-centric runs apart without colour', () => {
    expect(approachDash('model-centric')).toBeUndefined();
    expect(approachDash('data-centric')).not.toBe(approachDash('model-centric'));
    expect(approachShape('data-centric')).not.toBe(approachShape('model-centric'));
    expect(new Set(['data-centric', 'model-centric', 'hybrid', null].map((a) => approachShape(a as never))).size).toBe(
      4,
    );
  });
});
