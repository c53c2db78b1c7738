import { ROLLUP_WIDTHS } from './vocabulary';

/** One chart bucket: the last point in it (x = its step/timestamp, y = value) plus the min/max envelope. */
export type Bucket = {
  step: number;
  timestamp: number;
  value: number;
  min: number | null;
  max: number | null;
  count: number;
};

/**
 * Rows read per series at most (16 per output bucket): bounds chart queries regardless of history length while
 * leaving enough rows that, with rollup levels 32× apart, a long series still fills ~1,000 buckets.
 */
export const READ_FACTOR = 16;

/**
 * The rollup width to read for a step range: the finest that needs at most maxBuckets × READ_FACTOR rows,
 * or 1 (raw points) when the range is that short already.
 */
export function chooseWidth(fromStep: number, toStep: number, maxBuckets: number): number {
  const span = Math.max(0, toStep - fromStep) + 1;
  const budget = maxBuckets * READ_FACTOR;
  if (span <= budget) return 1;
  for (const w of ROLLUP_WIDTHS) if (span / w <= budget) return w;
  return ROLLUP_WIDTHS[ROLLUP_WIDTHS.length - 1]!;
}

/**
 * The step grid one chart shares across all its lines: buckets of `gridWidth` steps aligned to multiples of it,
 * so every line of the chart has the same resolution whatever its own length. The grid is built from
 * `readWidth` rows (raw points when 1, else that rollup), read as chooseWidth would for one series of the whole
 * range; `gridWidth` is a multiple of `readWidth` so each row falls in exactly one bucket.
 */
export function sharedGrid(fromStep: number, toStep: number, maxBuckets: number) {
  const span = Math.max(0, toStep - fromStep) + 1;
  const readWidth = chooseWidth(fromStep, toStep, maxBuckets);
  // One bucket more than the span needs covers a range that does not start on a bucket boundary.
  const perBucket = Math.ceil(span / Math.max(1, maxBuckets - 1));
  const gridWidth = readWidth * Math.max(1, Math.ceil(perBucket / readWidth));
  return { readWidth, gridWidth };
}

/**
 * Merges consecutive step-ordered buckets into at most maxBuckets, keeping each group's min, max, count
 * and last point. No sampling: every input contributes to exactly one output.
 */
export function mergeBuckets(input: Bucket[], maxBuckets: number): Bucket[] {
  if (input.length <= maxBuckets) return input;
  const per = Math.ceil(input.length / maxBuckets);
  const out: Bucket[] = [];
  for (let i = 0; i < input.length; i += per) {
    const group = input.slice(i, i + per);
    const last = group[group.length - 1]!;
    let min: number | null = null;
    let max: number | null = null;
    let count = 0;
    for (const b of group) {
      if (b.min !== null && (min === null || b.min < min)) min = b.min;
      if (b.max !== null && (max === null || b.max > max)) max = b.max;
      count += b.count;
    }
    out.push({ step: last.step, timestamp: last.timestamp, value: last.value, min, max, count });
  }
  return out;
}

/** Puts the exact first and last points of the range at the ends, so the line starts and ends where the data does. */
export function withEndpoints(buckets: Bucket[], first: Bucket | null, last: Bucket | null): Bucket[] {
  const out = buckets.slice();
  if (first && (out.length === 0 || out[0]!.step > first.step || out[0]!.count > 1)) {
    if (out[0] && out[0].step === first.step && out[0].count === 1) out.shift();
    out.unshift(first);
  }
  if (last && out[out.length - 1] !== last) {
    const tail = out[out.length - 1];
    if (!(tail && tail.step === last.step && tail.timestamp === last.timestamp && tail.value === last.value))
      out.push(last);
  }
  return out;
}

/**
 * Debiased exponential moving average (as TensorBoard and W&B smooth): weight in [0, 1);
 * dividing by 1 − weightⁿ removes the pull towards zero at the start.
 */
export function smoothEma(values: number[], weight: number): number[] {
  if (weight <= 0) return values.slice();
  let acc = 0;
  let n = 0;
  return values.map((v) => {
    if (!Number.isFinite(v)) return v;
    n += 1;
    acc = acc * weight + (1 - weight) * v;
    return acc / (1 - weight ** n);
  });
}
