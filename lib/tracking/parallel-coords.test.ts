import { describe, expect, it } from 'vitest';
import { axisFraction, axisTicks, buildAxes, runSegments } from './parallel-coords';

const rows = [
  { lr: '0.1', opt: 'adam', acc: 0.9 },
  { lr: '0.01', opt: 'sgd', acc: 0.7 },
  { lr: '0.001', opt: 'adam', acc: null },
];
const cols = [
  { id: 'lr', label: 'lr' },
  { id: 'opt', label: 'optimizer' },
  { id: 'acc', label: 'acc' },
];

describe('buildAxes', () => {
  it('makes numeric axes from numeric strings and numbers, categorical otherwise', () => {
    expect(buildAxes(cols, rows)).toEqual([
      { id: 'lr', label: 'lr', kind: 'numeric', min: 0.001, max: 0.1 },
      { id: 'opt', label: 'optimizer', kind: 'categorical', categories: ['adam', 'sgd'] },
      { id: 'acc', label: 'acc', kind: 'numeric', min: 0.7, max: 0.9 },
    ]);
  });
  it('sorts categories naturally (layer2 before layer10)', () => {
    const [axis] = buildAxes([{ id: 'a', label: 'a' }], [{ a: 'layer10' }, { a: 'layer2' }, { a: 'x' }]);
    expect(axis).toMatchObject({ kind: 'categorical', categories: ['layer2', 'layer10', 'x'] });
  });
});

describe('axisFraction', () => {
  const [lr, opt, acc] = buildAxes(cols, rows);
  it('maps min to the bottom and max to the top', () => {
    expect(axisFraction(lr!, '0.001')).toBe(0);
    expect(axisFraction(lr!, '0.1')).toBe(1);
    expect(axisFraction(acc!, 0.8)).toBeCloseTo(0.5);
  });
  it('spreads categories evenly and returns null for missing values', () => {
    expect(axisFraction(opt!, 'adam')).toBe(0);
    expect(axisFraction(opt!, 'sgd')).toBe(1);
    expect(axisFraction(opt!, 'rmsprop')).toBeNull();
    expect(axisFraction(acc!, null)).toBeNull();
  });
  it('puts every run mid-axis when all values are equal', () => {
    const [flat] = buildAxes([{ id: 'a', label: 'a' }], [{ a: 3 }, { a: 3 }]);
    expect(axisFraction(flat!, 3)).toBe(0.5);
    expect(axisTicks(flat!)).toEqual([{ label: '3', fraction: 0.5 }]);
  });
});

describe('runSegments', () => {
  const axes = buildAxes(cols, rows);
  const layout = { left: 10, width: 200, top: 0, height: 100 };
  it('draws one polyline through every axis a run has a value on', () => {
    expect(runSegments(axes, rows[0]!, layout)).toEqual(['10,0 110,100 210,0']);
  });
  it('breaks the line where a value is missing', () => {
    expect(runSegments(axes, rows[2]!, layout)).toEqual(['10,100 110,100']);
    expect(runSegments(axes, { lr: null, opt: 'sgd', acc: 0.7 }, layout)).toEqual(['110,0 210,100']);
  });
});

describe('axisTicks', () => {
  it('gives five evenly spaced numeric ticks', () => {
    const [axis] = buildAxes([{ id: 'a', label: 'a' }], [{ a: 0 }, { a: 1 }]);
    expect(axisTicks(axis!).map((t) => t.label)).toEqual(['0', '0.25', '0.5', '0.75', '1']);
  });
});
