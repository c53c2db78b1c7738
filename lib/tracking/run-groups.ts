// Grouping runs by a param or tag, as MLflow's and W&B's runs tables do: one row per value with the number of
// runs and each chosen metric's mean, min and max, and a filter clause that opens the runs of one group.
import type { GroupRef } from './runs-view';

export type MetricSummary = { mean: number | null; min: number | null; max: number | null; runs: number };

export type RunGroup = {
  /** The param's or tag's value; null for the runs that do not have it. */
  value: string | null;
  runs: number;
  /** Per metric column id (as chosen in the table, e.g. `metrics.acc@max`). */
  metrics: Record<string, MetricSummary>;
};

/** The most groups a page lists; the largest come first. */
export const MAX_GROUPS = 100;
/** The most metric columns summarised per group. */
export const MAX_GROUP_METRICS = 8;

// MLflow's grammar has no escapes: a key or value is quoted with a character it does not contain.
function quoted(text: string, quotes: readonly string[]): string | null {
  const q = quotes.find((c) => !text.includes(c));
  return q === undefined ? null : `${q}${text}${q}`;
}

/**
 * The filter clause that matches one group's runs (`params.model = 'rf'`, `tags.team IS NULL`), or null where
 * the grammar cannot write the key or value (one holding every kind of quote).
 */
export function groupClause(group: GroupRef, value: string | null): string | null {
  const prefix = group.type === 'param' ? 'params' : 'tags';
  const key = /^[A-Za-z_]\w*$/.test(group.key) ? group.key : quoted(group.key, ['`', '"']);
  if (key === null) return null;
  if (value === null) return `${prefix}.${key} IS NULL`;
  const literal = quoted(value, ["'", '"']);
  return literal === null ? null : `${prefix}.${key} = ${literal}`;
}

/** A filter narrowed by one more clause. */
export function narrowFilter(filter: string, clause: string): string {
  return filter.trim() ? `${filter.trim()} and ${clause}` : clause;
}
