// MLflow's experiment-search grammar (SearchExperimentsUtils in mlflow/utils/search_utils.py): clauses
// joined by AND over the attributes name, creation_time and last_update_time, and tags; order_by over
// name, experiment_id, creation_time and last_update_time.
import { type AttributeKind, parseAttributeFilter } from '../attribute-filter';
import { type Comparator, FilterSyntaxError, splitOrderByEntries } from './search-filter';

export const EXPERIMENT_ORDER_KEYS = ['name', 'experiment_id', 'creation_time', 'last_update_time'] as const;
export type ExperimentOrderKey = (typeof EXPERIMENT_ORDER_KEYS)[number];

export type ExperimentClause =
  | { type: 'attribute'; key: 'name'; comparator: Comparator; value: string }
  | { type: 'attribute'; key: 'creation_time' | 'last_update_time'; comparator: Comparator; value: number }
  | { type: 'tag'; key: string; comparator: Comparator; value: string };
export type ExperimentOrder = { key: ExperimentOrderKey; ascending: boolean };

const EXPERIMENT_ATTRIBUTES: Record<string, AttributeKind> = {
  name: 'string',
  creation_time: 'millis',
  last_update_time: 'millis',
};

/** Parses an experiment filter; an empty or blank one means no clauses. */
export const parseExperimentFilter = (filter: string | undefined | null): ExperimentClause[] =>
  parseAttributeFilter<ExperimentClause>(filter, EXPERIMENT_ATTRIBUTES);

/** `name DESC`, `attribute.creation_time`, `experiment_id ASC` → order terms (ascending by default). */
export function parseExperimentOrderBy(entries: string[]): ExperimentOrder[] {
  return splitOrderByEntries(entries).map(({ ident, ascending }, i) => {
    const m = /^(?:(?:attr|attribute|attributes)\.)?([a-z_]+)$/i.exec(ident);
    const key = m?.[1] as ExperimentOrderKey | undefined;
    if (!key || !EXPERIMENT_ORDER_KEYS.includes(key)) {
      throw new FilterSyntaxError(
        `Invalid order_by clause '${entries[i]}'. Valid keys are ${EXPERIMENT_ORDER_KEYS.join(', ')}, optionally followed by ASC or DESC.`,
      );
    }
    return { key, ascending };
  });
}
