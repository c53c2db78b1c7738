// MLflow's registry search grammars (SearchModelUtils and SearchModelVersionUtils in mlflow/utils/search_utils.py,
// as the SQL store applies them): clauses joined by AND over a few attributes and tags.<key>, and order_by terms.
import { parseAttributeFilter } from '../attribute-filter';
import { FilterSyntaxError, splitOrderByEntries } from '../tracking/search-filter';

type StringComparator = '=' | '!=' | 'LIKE' | 'ILIKE';
type NumericComparator = '=' | '!=' | '>' | '>=' | '<' | '<=';

export type TagClause = { type: 'tag'; key: string; comparator: StringComparator; value: string };
export type ModelClause = { type: 'attribute'; key: 'name'; comparator: StringComparator; value: string } | TagClause;
export type VersionClause =
  | { type: 'attribute'; key: 'name' | 'source_path'; comparator: StringComparator; value: string }
  | { type: 'attribute'; key: 'run_id'; comparator: StringComparator; value: string }
  | { type: 'attribute'; key: 'run_id'; comparator: 'IN'; value: string[] }
  | { type: 'attribute'; key: 'version_number'; comparator: NumericComparator; value: number }
  | TagClause;

export const MODEL_ORDER_KEYS = ['name', 'last_updated_timestamp'] as const;
export const VERSION_ORDER_KEYS = ['name', 'version_number', 'creation_timestamp', 'last_updated_timestamp'] as const;
export type ModelOrder = { key: (typeof MODEL_ORDER_KEYS)[number]; ascending: boolean };
export type VersionOrder = { key: (typeof VERSION_ORDER_KEYS)[number]; ascending: boolean };

/** registered-models/search: `name` (=, !=, LIKE, ILIKE) and tags. */
export const parseModelFilter = (filter: string | undefined | null): ModelClause[] =>
  parseAttributeFilter<ModelClause>(filter, { name: 'string' });

/** model-versions/search: `name`, `run_id` (also IN), `source_path`, `version_number` and tags. */
export const parseVersionFilter = (filter: string | undefined | null): VersionClause[] =>
  parseAttributeFilter<VersionClause>(filter, {
    name: 'string',
    run_id: 'run_id',
    source_path: 'string',
    version_number: 'numeric',
  });

function parseOrder<K extends string>(
  entries: string[],
  keys: readonly K[],
  synonyms: Record<string, K> = {},
): { key: K; ascending: boolean }[] {
  const seen = new Set<K>();
  return splitOrderByEntries(entries).map(({ ident, ascending }, i) => {
    const entry = entries[i]!;
    const m = /^(?:(?:attr|attribute|attributes)\.)?`?([a-z_]+)`?$/i.exec(ident);
    const word = m?.[1]?.toLowerCase() ?? '';
    const key =
      (Object.hasOwn(synonyms, word) ? synonyms[word] : undefined) ??
      (keys.includes(word as K) ? (word as K) : undefined);
    if (!m || !key)
      throw new FilterSyntaxError(
        `Invalid order by key '${entry.trim()}' specified. Valid keys are ${keys.join(', ')}, optionally followed by ASC or DESC.`,
      );
    if (seen.has(key))
      throw new FilterSyntaxError(`\`order_by\` contains duplicate fields: ${JSON.stringify(entries)}`);
    seen.add(key);
    return { key, ascending };
  });
}

export const parseModelOrderBy = (entries: string[]): ModelOrder[] =>
  parseOrder(entries, MODEL_ORDER_KEYS, { timestamp: 'last_updated_timestamp' });
export const parseVersionOrderBy = (entries: string[]): VersionOrder[] => parseOrder(entries, VERSION_ORDER_KEYS);
