// Binary classification metrics, with the positive class 1, defined as scikit-learn defines them.

export type Confusion = { tp: number; fp: number; tn: number; fn: number };

function assertSameLength(a: readonly unknown[], b: readonly unknown[]) {
  if (a.length !== b.length)
    throw new RangeError(`Expected as many predictions as labels (${b.length} vs ${a.length}).`);
  if (a.length === 0) throw new RangeError('Expected at least one label.');
}

export function confusion(yTrue: readonly number[], yPred: readonly number[]): Confusion {
  assertSameLength(yTrue, yPred);
  const c: Confusion = { tp: 0, fp: 0, tn: 0, fn: 0 };
  yTrue.forEach((t, i) => {
    const predicted = yPred[i] === 1;
    if (t === 1) c[predicted ? 'tp' : 'fn']++;
    else c[predicted ? 'fp' : 'tn']++;
  });
  return c;
}

export function accuracy(yTrue: readonly number[], yPred: readonly number[]): number {
  const c = confusion(yTrue, yPred);
  return (c.tp + c.tn) / yTrue.length;
}

/** Precision, recall and F1 of class 1; a ratio with a zero denominator is 0 (scikit-learn's zero_division=0). */
export function precisionRecallF1(yTrue: readonly number[], yPred: readonly number[]) {
  const c = confusion(yTrue, yPred);
  const precision = c.tp + c.fp ? c.tp / (c.tp + c.fp) : 0;
  const recall = c.tp + c.fn ? c.tp / (c.tp + c.fn) : 0;
  const f1 = 2 * c.tp + c.fp + c.fn ? (2 * c.tp) / (2 * c.tp + c.fp + c.fn) : 0;
  return { precision, recall, f1 };
}

/** Mean negative log-likelihood of the labels under P(class 1); probabilities are clipped to [eps, 1 - eps]. */
export function logLoss(yTrue: readonly number[], pPositive: readonly number[], eps = 1e-15): number {
  assertSameLength(yTrue, pPositive);
  let sum = 0;
  yTrue.forEach((t, i) => {
    const p = Math.min(1 - eps, Math.max(eps, pPositive[i]!));
    sum -= t === 1 ? Math.log(p) : Math.log(1 - p);
  });
  return sum / yTrue.length;
}

export const threshold = (pPositive: readonly number[], at = 0.5) => pPositive.map((p) => (p >= at ? 1 : 0));

export type Evaluation = { accuracy: number; precision: number; recall: number; f1: number; logLoss: number };

export function evaluate(yTrue: readonly number[], pPositive: readonly number[]): Evaluation {
  const yPred = threshold(pPositive);
  return { accuracy: accuracy(yTrue, yPred), ...precisionRecallF1(yTrue, yPred), logLoss: logLoss(yTrue, pPositive) };
}
