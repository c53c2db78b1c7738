// MLflow's step sampling for get-history-bulk-interval (mlflow/server/handlers.py: _get_sampled_steps_from_steps
// and get_metric_history_bulk_interval_impl), over a sorted list of distinct steps that need not be in memory.

/** A sorted list of distinct steps, read by position. */
export type StepList = {
  length: number;
  at: (index: number) => number;
  /** Index of the first step >= x (Python's bisect_left). */
  bisectLeft: (x: number) => number;
  /** Index after the last step <= x (Python's bisect_right). */
  bisectRight: (x: number) => number;
};

/**
 * Indices into the step list that MLflow keeps for [startStep, endStep]: every step when there are at most
 * maxResults of them, else maxResults evenly spread ones plus the last. MLflow compares the sampled index with the
 * number of steps in range rather than with the end of the range, so with steps below startStep the later picks
 * drop out; that is kept, since clients see exactly these steps from MLflow.
 */
export function sampledIndices(startIdx: number, endIdx: number, maxResults: number): number[] {
  const out: number[] = [];
  if (endIdx - startIdx <= maxResults) {
    for (let i = startIdx; i < endIdx; i++) out.push(i);
    return out;
  }
  const numSteps = endIdx - startIdx;
  // Same floating-point division and truncation as Python's int(i * interval).
  const interval = numSteps / maxResults;
  for (let i = 0; i < maxResults; i++) {
    const idx = startIdx + Math.trunc(i * interval);
    if (idx < numSteps) out.push(idx);
  }
  out.push(endIdx - 1);
  return [...new Set(out)].sort((a, b) => a - b);
}

/** The distinct steps first, first + gap, …, last (gap 0: the single step first). */
export function progression(first: number, gap: number, length: number): StepList {
  const clamp = (i: number) => Math.min(length, Math.max(0, i));
  return {
    length,
    at: (i) => first + i * gap,
    bisectLeft: (x) => (gap === 0 ? (x <= first ? 0 : length) : clamp(Math.ceil((x - first) / gap))),
    bisectRight: (x) => (gap === 0 ? (x < first ? 0 : length) : clamp(Math.floor((x - first) / gap) + 1)),
  };
}

/** A step list held in memory (sorted, distinct). */
export function listOf(steps: number[]): StepList {
  const bisect = (x: number, right: boolean) => {
    let lo = 0;
    let hi = steps.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (steps[mid]! < x || (right && steps[mid] === x)) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  return {
    length: steps.length,
    at: (i) => steps[i]!,
    bisectLeft: (x) => bisect(x, false),
    bisectRight: (x) => bisect(x, true),
  };
}

/** One run's distinct steps as ingest summarises them: first, last, how many, and a common divisor of the gaps. */
export type StepSummary = { firstStep: number; lastStep: number; stepCount: number | null; stepGcd: number };

/** True when the summary proves the run's distinct steps are exactly first, first + gcd, …, last. */
export function isEvenlySpaced(s: StepSummary): boolean {
  if (s.stepCount === null) return false;
  if (s.firstStep === s.lastStep) return s.stepCount === 1;
  return (
    s.stepGcd > 0 &&
    (s.lastStep - s.firstStep) % s.stepGcd === 0 &&
    (s.lastStep - s.firstStep) / s.stepGcd + 1 === s.stepCount
  );
}

/**
 * The sorted union of several runs' distinct steps as a progression, when the summaries prove it is one;
 * null when only reading the steps can tell.
 */
export function unionOfRuns(runs: StepSummary[]): StepList | null {
  if (runs.length === 0) return progression(0, 0, 0);
  if (!runs.every(isEvenlySpaced)) return null;
  const multi = runs.filter((r) => r.firstStep !== r.lastStep);
  if (multi.length === 0) return listOf([...new Set(runs.map((r) => r.firstStep))].sort((a, b) => a - b));
  const gap = Math.min(...multi.map((r) => r.stepGcd));
  const onGrid = (x: number) => (((x - multi[0]!.firstStep) % gap) + gap) % gap === 0;
  if (!runs.every((r) => onGrid(r.firstStep) && (r.firstStep === r.lastStep || r.stepGcd % gap === 0))) return null;
  // Runs spaced by exactly `gap` cover their whole span; the union is one progression if those spans join up
  // and hold every other run.
  const spans = multi.filter((r) => r.stepGcd === gap).sort((a, b) => a.firstStep - b.firstStep);
  const from = spans[0]!.firstStep;
  let to = spans[0]!.lastStep;
  for (const s of spans.slice(1)) {
    if (s.firstStep > to + gap) return null;
    to = Math.max(to, s.lastStep);
  }
  if (!runs.every((r) => r.firstStep >= from && r.lastStep <= to)) return null;
  return progression(from, gap, (to - from) / gap + 1);
}

/** The step range MLflow samples over: as given, or without one [0, highest step of any run]. */
export function stepRange(
  runs: { lastStep: number }[],
  opts: { startStep?: number; endStep?: number },
): { start: number; end: number } {
  return {
    start: opts.startStep ?? 0,
    end: opts.endStep ?? (runs.length ? Math.max(...runs.map((r) => r.lastStep)) : 0),
  };
}

/** The sampled steps of a step list in [start, end]. */
export const sampleSteps = (steps: StepList, start: number, end: number, maxResults: number) =>
  sampledIndices(steps.bisectLeft(start), steps.bisectRight(end), maxResults).map(steps.at);

/**
 * The steps get-history-bulk-interval returns points at, MLflow's way: the sampled steps of the union of the runs'
 * distinct steps, plus each run's own first and last step when they fall in the range.
 */
export function bulkIntervalSteps(
  sampled: number[],
  runs: { firstStep: number; lastStep: number }[],
  range: { start: number; end: number },
): number[] {
  const chosen = new Set(sampled);
  for (const r of runs) {
    for (const s of [r.firstStep, r.lastStep]) if (s >= range.start && s <= range.end) chosen.add(s);
  }
  return [...chosen].sort((a, b) => a - b);
}
