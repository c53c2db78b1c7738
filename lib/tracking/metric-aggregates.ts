import { ROLLUP_WIDTHS } from './vocabulary';

export type Point = { key: string; step: number; timestamp: number; value: number };

/** Aggregate of a set of points: count, min/max (NaN left out) and the last point by (step, timestamp). */
export type Aggregate = {
  count: number;
  min: number | null;
  max: number | null;
  lastStep: number;
  lastTimestamp: number;
  lastValue: number;
};

function fold(agg: Aggregate | undefined, p: Point): Aggregate {
  const finite = !Number.isNaN(p.value);
  if (!agg) {
    return {
      count: 1,
      min: finite ? p.value : null,
      max: finite ? p.value : null,
      lastStep: p.step,
      lastTimestamp: p.timestamp,
      lastValue: p.value,
    };
  }
  agg.count += 1;
  if (finite) {
    if (agg.min === null || p.value < agg.min) agg.min = p.value;
    if (agg.max === null || p.value > agg.max) agg.max = p.value;
  }
  // MLflow's "latest" is the highest step, then the latest timestamp; a later arrival wins a full tie.
  if (p.step > agg.lastStep || (p.step === agg.lastStep && p.timestamp >= agg.lastTimestamp)) {
    agg.lastStep = p.step;
    agg.lastTimestamp = p.timestamp;
    agg.lastValue = p.value;
  }
  return agg;
}

/** Per-key summary of a batch, merged into run_metrics on ingest. */
export function summariseByKey(points: Point[]): Map<string, Aggregate> {
  const out = new Map<string, Aggregate>();
  for (const p of points) out.set(p.key, fold(out.get(p.key), p));
  return out;
}

export type RollupRow = Aggregate & { key: string; width: number; bucket: number };

/** Per key, width and step bucket (floor(step / width)): the rows merged into metric_rollups on ingest. */
export function rollupBatch(points: Point[], widths: readonly number[] = ROLLUP_WIDTHS): RollupRow[] {
  const groups = new Map<string, RollupRow>();
  for (const p of points) {
    for (const width of widths) {
      const bucket = Math.floor(p.step / width);
      const id = `${p.key}\u0000${width}\u0000${bucket}`;
      const row = groups.get(id);
      if (row) fold(row, p);
      else groups.set(id, { key: p.key, width, bucket, ...fold(undefined, p) });
    }
  }
  // A stable order makes concurrent upserts take row locks in the same order (no deadlocks).
  return [...groups.values()].sort((a, b) =>
    a.key < b.key ? -1 : a.key > b.key ? 1 : a.width - b.width || a.bucket - b.bucket,
  );
}

const gcd = (a: number, b: number): number => {
  let x = Math.abs(a);
  let y = Math.abs(b);
  while (y) [x, y] = [y, x % y];
  return x;
};

/** Per key of a batch: lowest step, distinct steps, and the gcd of the steps' distances to the lowest (run_metrics). */
export function stepStatsByKey(
  points: Point[],
): Map<string, { firstStep: number; stepCount: number; stepGcd: number }> {
  const steps = new Map<string, Set<number>>();
  for (const p of points) {
    const set = steps.get(p.key);
    if (set) set.add(p.step);
    else steps.set(p.key, new Set([p.step]));
  }
  const out = new Map<string, { firstStep: number; stepCount: number; stepGcd: number }>();
  for (const [key, set] of steps) {
    let first = Infinity;
    for (const s of set) if (s < first) first = s;
    let g = 0;
    for (const s of set) g = gcd(g, s - first);
    out.set(key, { firstStep: first, stepCount: set.size, stepGcd: g });
  }
  return out;
}
