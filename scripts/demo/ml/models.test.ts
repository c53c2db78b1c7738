import { describe, expect, it } from 'vitest';
import { evaluate } from './classifier-scores';
import { type Split, trainLogisticRegression, trainRandomForest } from './models';
import { createRng } from './random';

// Two noisy clusters: class 1 around (+1, +1), class 0 around (-1, -1).
function blobs(n: number, seed: number): Split {
  const rng = createRng(seed);
  const X: number[][] = [];
  const y: (0 | 1)[] = [];
  for (let i = 0; i < n; i++) {
    const label = (i % 2) as 0 | 1;
    const c = label ? 1 : -1;
    X.push([c + (rng() - 0.5) * 2.4, c + (rng() - 0.5) * 2.4]);
    y.push(label);
  }
  return { X, y };
}
const train = blobs(120, 1);
const valid = blobs(80, 2);
const fixedClock = () => 1_700_000_000_000;

describe('trainLogisticRegression', () => {
  it('logs a checkpoint every N iterations up to the last, each a real fit of that many steps', () => {
    const { curve } = trainLogisticRegression(
      train,
      valid,
      { learningRate: 1e-3, iterations: 50, every: 20 },
      fixedClock,
    );
    expect(curve.map((p) => p.step)).toEqual([20, 40, 50]);
    const twenty = trainLogisticRegression(train, valid, { learningRate: 1e-3, iterations: 20, every: 20 }, fixedClock);
    expect(curve[0]).toEqual(twenty.curve[0]);
  });

  it('learns: the training loss falls and separable-ish clusters are mostly classified right', () => {
    const { curve, predict } = trainLogisticRegression(train, valid, {
      learningRate: 1e-3,
      iterations: 200,
      every: 50,
    });
    const losses = curve.map((p) => p.values.train_log_loss!);
    expect(losses[0]).toBeLessThan(Math.log(2)); // zero weights predict 0.5: loss ln 2
    for (let i = 1; i < losses.length; i++) expect(losses[i]).toBeLessThan(losses[i - 1]!);
    const e = evaluate(valid.y, predict(valid.X));
    expect(e.accuracy).toBeGreaterThan(0.8);
    expect(curve.at(-1)!.values.val_accuracy).toBe(e.accuracy);
    expect(curve.at(-1)!.values.val_log_loss).toBeCloseTo(e.logLoss, 12);
  });

  it('needs both classes in the training rows', () => {
    expect(() =>
      trainLogisticRegression({ X: [[1], [2]], y: [1, 1] }, valid, { learningRate: 1e-3, iterations: 10, every: 5 }),
    ).toThrow(/both classes/);
  });
});

describe('trainRandomForest', () => {
  const cfg = { nEstimators: 6, maxDepth: 3, maxFeatures: 1.0, seed: 42 };

  it('scores the forest as it grows: step k uses the first k trees', () => {
    const { curve, predict } = trainRandomForest(train, valid, cfg, fixedClock);
    expect(curve.map((p) => p.step)).toEqual([1, 2, 3, 4, 5, 6]);
    const e = evaluate(valid.y, predict(valid.X));
    expect(curve.at(-1)!.values.val_accuracy).toBe(e.accuracy);
    expect(e.accuracy).toBeGreaterThan(0.8);
    // Laplace-smoothed votes never reach 0 or 1, so the loss stays finite.
    expect(Number.isFinite(e.logLoss)).toBe(true);
    for (const p of predict(valid.X)) {
      expect(p).toBeGreaterThan(0);
      expect(p).toBeLessThan(1);
    }
  });

  it('is reproducible for a seed and changes with it', () => {
    const a = trainRandomForest(train, valid, cfg, fixedClock);
    const b = trainRandomForest(train, valid, cfg, fixedClock);
    expect(b.curve).toEqual(a.curve);
    expect(b.predict(valid.X)).toEqual(a.predict(valid.X));
    const others = [1, 2, 3].map((seed) =>
      trainRandomForest(train, valid, { ...cfg, seed }, fixedClock)
        .predict(valid.X)
        .join(),
    );
    expect(others.some((p) => p !== a.predict(valid.X).join())).toBe(true);
  });
});
