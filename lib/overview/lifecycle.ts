// The iterative loop: exit criteria per stage checked from data, iterations, and which approach moved the metric.
import { LIFECYCLE_STAGES, type LifecycleStage, STAGE_LABELS } from '../domain';
import { countOf } from '../format';
import { type MetricTarget, improvement } from '../success-metrics/status';

/** Counts the criteria are checked against, read live from the project's data. */
export type LifecycleFacts = {
  hasProblemStatement: boolean;
  successMetrics: number;
  primaryMetrics: number;
  primaryMeasured: number;
  risks: number;
  datasets: number;
  finishedRuns: number;
  modelVersions: number;
  productionVersions: number;
  /** Logged predictions of the project's monitored models (capped, since only whether there are some matters). */
  monitoringData: number;
};

export type Criterion = {
  id: string;
  stage: LifecycleStage;
  label: string;
  met: boolean;
  detail: string;
  href: string;
};

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** What a stage needs before the project moves on; `href` is the section where the gap is closed. */
export function exitCriteria(stage: LifecycleStage, f: LifecycleFacts): Criterion[] {
  const c = (id: string, label: string, met: boolean, detail: string, href: string): Criterion => ({
    id,
    stage,
    label,
    met,
    detail,
    href,
  });
  switch (stage) {
    case 'define':
      return [
        c(
          'problem-statement',
          'A problem statement',
          f.hasProblemStatement,
          f.hasProblemStatement ? 'Written' : 'Not written yet',
          'problem',
        ),
        c(
          'primary-metric',
          'A primary success metric',
          f.primaryMetrics > 0,
          plural(f.primaryMetrics, 'primary metric'),
          'metrics',
        ),
        c('risk-assessment', 'A risk assessment', f.risks > 0, plural(f.risks, 'risk') + ' in the register', 'risks'),
      ];
    case 'collect_data':
      return [c('dataset', 'A dataset version', f.datasets > 0, plural(f.datasets, 'dataset version'), 'datasets')];
    case 'baseline':
      return [
        c('finished-run', 'A finished run', f.finishedRuns > 0, plural(f.finishedRuns, 'finished run'), 'experiments'),
      ];
    case 'evaluate':
      return [
        c(
          'primary-measured',
          'Every primary metric measured',
          f.primaryMetrics > 0 && f.primaryMeasured === f.primaryMetrics,
          `${f.primaryMeasured} of ${f.primaryMetrics} have a current value`,
          'metrics',
        ),
      ];
    case 'improve':
      return [
        c(
          'model-version',
          'A registered model version',
          f.modelVersions > 0,
          plural(f.modelVersions, 'model version'),
          'models',
        ),
      ];
    case 'deploy':
      return [
        c(
          'production-version',
          'A Production model version',
          f.productionVersions > 0,
          plural(f.productionVersions, 'version') + ' in Production',
          'models',
        ),
      ];
    case 'monitor':
      return [
        c(
          'monitoring-data',
          'Monitoring data',
          f.monitoringData > 0,
          plural(f.monitoringData, 'logged prediction'),
          'monitoring',
        ),
      ];
  }
}

/**
 * The criteria a move must meet: moving forward needs the current stage's and every skipped stage's;
 * moving back is the loop itself (iterate) and needs nothing, except leaving the last stage, whose
 * criteria are how the loop closes (monitor → iterate needs monitoring data).
 */
export function criteriaForMove(from: LifecycleStage, to: LifecycleStage, f: LifecycleFacts): Criterion[] {
  const i = LIFECYCLE_STAGES.indexOf(from);
  const j = LIFECYCLE_STAGES.indexOf(to);
  if (j > i) return LIFECYCLE_STAGES.slice(i, j).flatMap((s) => exitCriteria(s, f));
  if (j < i && i === LIFECYCLE_STAGES.length - 1) return exitCriteria(from, f);
  return [];
}

/** Null when the move may go ahead; otherwise the message that asks for a reason. */
export function moveBlocker(
  from: LifecycleStage,
  to: LifecycleStage,
  f: LifecycleFacts,
  reason: string,
): string | null {
  const unmet = criteriaForMove(from, to, f).filter((c) => !c.met);
  if (unmet.length === 0 || reason.trim() !== '') return null;
  const list = unmet.map((c) => `${c.label} (${STAGE_LABELS[c.stage]})`).join('; ');
  return `Exit criteria not met: ${list}. Say why the project moves on anyway.`;
}

/** The hint under the move form's reason field. */
export function reasonHint(unmet: number): string {
  return unmet
    ? `Needed to move on with ${countOf(unmet, 'criterion', 'criteria')} unmet.`
    : 'Optional: every exit criterion is met.';
}

export const isBackwardMove = (from: LifecycleStage | null, to: LifecycleStage) =>
  from !== null && LIFECYCLE_STAGES.indexOf(to) < LIFECYCLE_STAGES.indexOf(from);

/** Iteration k starts at the (k−1)-th move back in the loop; the first starts with the project. */
export function iterationStarts(
  changes: ReadonlyArray<{ fromStage: LifecycleStage | null; toStage: LifecycleStage; at: number }>,
): number[] {
  const starts = [Number.NEGATIVE_INFINITY];
  for (const c of [...changes].sort((a, b) => a.at - b.at))
    if (isBackwardMove(c.fromStage, c.toStage)) starts.push(c.at);
  return starts;
}

export const GAIN_APPROACHES = ['data-centric', 'model-centric', 'hybrid', 'unspecified'] as const;
export type GainApproach = (typeof GAIN_APPROACHES)[number];

export type IterationGains = {
  iteration: number;
  startedAt: number | null;
  runs: number;
  gains: Record<GainApproach, number>;
  total: number;
  /** Share of the iteration's gain per approach, 0–1; all zero when nothing improved. */
  shares: Record<GainApproach, number>;
};

const zero = (): Record<GainApproach, number> => ({ 'data-centric': 0, 'model-centric': 0, hybrid: 0, unspecified: 0 });

/**
 * Credits every improvement of the best value so far to the approach of the run that made it, per
 * iteration. The first run ever sets the baseline and earns nothing; the best carries over iterations.
 */
export function attributeGains(
  target: MetricTarget,
  runs: ReadonlyArray<{ at: number; value: number; approach: string | null }>,
  starts: readonly number[],
): IterationGains[] {
  const out: IterationGains[] = starts.map((s, k) => ({
    iteration: k + 1,
    startedAt: Number.isFinite(s) ? s : null,
    runs: 0,
    gains: zero(),
    total: 0,
    shares: zero(),
  }));
  let best: number | null = null;
  for (const run of [...runs].sort((a, b) => a.at - b.at)) {
    if (!Number.isFinite(run.value)) continue;
    let k = 0;
    while (k + 1 < starts.length && starts[k + 1]! <= run.at) k++;
    const it = out[k]!;
    it.runs++;
    if (best === null) {
      best = run.value;
      continue;
    }
    const gain = improvement(target, best, run.value);
    if (gain > 0) {
      const approach = (GAIN_APPROACHES as readonly string[]).includes(run.approach ?? '')
        ? (run.approach as GainApproach)
        : 'unspecified';
      it.gains[approach] += gain;
      it.total += gain;
      best = run.value;
    }
  }
  for (const it of out) for (const a of GAIN_APPROACHES) it.shares[a] = it.total > 0 ? it.gains[a] / it.total : 0;
  return out;
}
