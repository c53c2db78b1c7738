import { type CompareValue } from '@/lib/tracking/compare-view';
import { parseColumn } from '@/lib/tracking/runs-view';
import type { RunApproach, RunStatus } from '@/lib/tracking/vocabulary';

export type CompareRun = {
  id: string;
  name: string;
  status: RunStatus;
  approach: RunApproach | null;
  experimentName: string;
  startTime: number;
  color: string;
  params: Record<string, string>;
  tags: Record<string, string>;
  metrics: Record<string, { latest: number; min: number | null; max: number | null }>;
};

/** What a metric chart needs of a run: its name and colour, and its approach for the line pattern. */
export type ChartRun = Pick<CompareRun, 'id' | 'name' | 'color' | 'approach'>;

/** A run's value for a column id (`params.lr`, `metrics.acc@max`, `tags.x`). */
export function compareValue(run: CompareRun, column: string): CompareValue {
  const ref = parseColumn(column);
  if (!ref || ref.type === 'attribute') return null;
  if (ref.type === 'param') return run.params[ref.key] ?? null;
  if (ref.type === 'tag') return run.tags[ref.key] ?? null;
  const m = run.metrics[ref.key];
  if (!m) return null;
  return ref.agg === 'min' ? m.min : ref.agg === 'max' ? m.max : m.latest;
}
