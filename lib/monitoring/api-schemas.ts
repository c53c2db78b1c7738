import { z } from 'zod';
import { parseTimestamp } from './ingest';
import type { FeatureReport } from './drift-report';
import type { PerformanceResult, Task } from './performance';
import type { Window } from './windows';
import type { DatasetDrift } from '@/lib/stats/drift';

// Shapes of the native monitoring API (/api/v1/models/{name}/…): query and body schemas and the JSON
// answers, kept apart from the route files so contract tests and the UI agree on them.

const timestamp = () =>
  z.unknown().transform((v, ctx) => {
    const d = parseTimestamp(v, true);
    if (!d) {
      ctx.addIssue({ code: 'custom', message: 'Expected an ISO 8601 time or epoch ms' });
      return z.NEVER;
    }
    return d;
  });

/** `?from=&to=` (both optional; the default is the last day up to now). */
export const windowQuerySchema = z
  .object({ from: timestamp().optional(), to: timestamp().optional() })
  .loose()
  .refine((q) => !q.from || !q.to || q.from < q.to, { message: 'Must be after from', path: ['to'] });

/** `{from, to}` (a window of logged predictions) or `{dataset_version}` (a dataset id or name@digest). */
export const referenceBodySchema = z
  .object({
    from: timestamp().optional(),
    to: timestamp().optional(),
    dataset_version: z.string().trim().min(1, 'Must not be empty').max(300, 'Use at most 300 characters').optional(),
  })
  .loose()
  .superRefine((b, ctx) => {
    const window = b.from !== undefined || b.to !== undefined;
    if (window && b.dataset_version !== undefined)
      ctx.addIssue({ code: 'custom', message: 'Send either {from, to} or {dataset_version}, not both.' });
    else if (!window && b.dataset_version === undefined)
      ctx.addIssue({
        code: 'custom',
        message: 'Send {from, to} (a window of logged predictions) or {dataset_version}.',
      });
    else if (window && (!b.from || !b.to))
      ctx.addIssue({
        code: 'custom',
        path: [b.from ? 'to' : 'from'],
        message: `Required with ${b.from ? 'from' : 'to'}`,
      });
    else if (b.from && b.to && !(b.from < b.to))
      ctx.addIssue({ code: 'custom', path: ['to'], message: 'Must be after from' });
  });

/** The stage or alias a batch is logged against: `?stage=` / `?alias=` or the body's field; Production by default. */
export function stageOrAliasOf(url: string, body: unknown): string {
  const q = new URL(url).searchParams;
  const fromBody = (key: string) =>
    typeof body === 'object' && body !== null && !Array.isArray(body)
      ? (body as Record<string, unknown>)[key]
      : undefined;
  for (const v of [q.get('alias'), q.get('stage'), fromBody('alias'), fromBody('stage')]) {
    if (typeof v === 'string' && v.trim()) return v.trim();
  }
  return 'Production';
}

export type DriftFeatureJson = Pick<
  FeatureReport,
  | 'feature'
  | 'kind'
  | 'test'
  | 'statistic'
  | 'p_value'
  | 'threshold'
  | 'psi'
  | 'psi_band'
  | 'drifted'
  | 'reference_size'
  | 'current_size'
>;

/** One feature as the API returns it: the numbers, without the chart distributions. */
export function driftFeatureJson(f: FeatureReport): DriftFeatureJson {
  const out: DriftFeatureJson = {
    feature: f.feature,
    kind: f.kind,
    test: f.test,
    statistic: f.statistic,
    threshold: f.threshold,
    psi: f.psi,
    psi_band: f.psi_band,
    drifted: f.drifted,
    reference_size: f.reference_size,
    current_size: f.current_size,
  };
  if (f.p_value !== undefined) out.p_value = f.p_value;
  return out;
}

/** What a drift check computes: the window, the rows on each side (and how many were tested), and the findings. */
export type DriftComputation = {
  window: Window;
  referenceRows: number;
  currentRows: number;
  referenceSampled: number;
  currentSampled: number;
  features: FeatureReport[];
  dataset: DatasetDrift | null;
  performance: PerformanceResult[];
  task: Task | null;
};

export function driftJson(input: Omit<DriftComputation, 'task'> & { model: string }) {
  return {
    model: input.model,
    window: { from: input.window.start.toISOString(), to: input.window.end.toISOString() },
    status: input.currentRows === 0 ? 'empty' : 'ok',
    reference_rows: input.referenceRows,
    current_rows: input.currentRows,
    sampled: input.referenceSampled < input.referenceRows || input.currentSampled < input.currentRows,
    features: input.features.map(driftFeatureJson),
    dataset_drift: input.dataset?.dataset_drift ?? false,
    drift_share: input.dataset?.share ?? 0,
    drifted_features: input.dataset?.drifted_features ?? 0,
    tested_features: input.dataset?.tested_features ?? 0,
    performance: input.performance,
  };
}
