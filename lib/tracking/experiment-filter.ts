// MLflow's experiment-search grammar (SearchExperimentsUtils in mlflow/utils/search_utils.py): clauses
// joined by AND over the attributes name, creation_time and last_update_time, and tags; order_by over
// name, experiment_id, creation_time and last_update_time.
import {
  type Comparator,
  type FilterToken,
  FilterSyntaxError,
  checkClauseCount,
  checkFilterLength,
  nextClauseIndex,
  splitOrderByEntries,
  tokenize,
} from './search-filter';

export const EXPERIMENT_STRING_ATTRIBUTES = ['name'] as const;
export const EXPERIMENT_NUMERIC_ATTRIBUTES = ['creation_time', 'last_update_time'] as const;
export const EXPERIMENT_ORDER_KEYS = ['name', 'experiment_id', 'creation_time', 'last_update_time'] as const;
export type ExperimentOrderKey = (typeof EXPERIMENT_ORDER_KEYS)[number];

export type ExperimentClause =
  | { type: 'attribute'; key: 'name'; comparator: Comparator; value: string }
  | { type: 'attribute'; key: 'creation_time' | 'last_update_time'; comparator: Comparator; value: number }
  | { type: 'tag'; key: string; comparator: Comparator; value: string };
export type ExperimentOrder = { key: ExperimentOrderKey; ascending: boolean };

const STRING_COMPARATORS: Comparator[] = ['=', '!=', 'LIKE', 'ILIKE'];
const NUMERIC_COMPARATORS: Comparator[] = ['=', '!=', '>', '>=', '<', '<='];
const ATTRIBUTE_PREFIXES = ['attribute', 'attributes', 'attr'];
const TAG_PREFIXES = ['tag', 'tags'];

function identify(text: string, pos: number): { type: 'attribute' | 'tag'; key: string } {
  const dot = text.indexOf('.');
  const prefix = dot < 0 ? 'attribute' : text.slice(0, dot).toLowerCase();
  const key = dot < 0 ? text : text.slice(dot + 1);
  if (TAG_PREFIXES.includes(prefix)) {
    if (!key) throw new FilterSyntaxError(`Missing tag key after '${text}' at position ${pos + 1}.`, pos);
    return { type: 'tag', key };
  }
  if (!ATTRIBUTE_PREFIXES.includes(prefix)) {
    throw new FilterSyntaxError(
      `Invalid entity type '${prefix}' at position ${pos + 1}. Valid entity types are attribute, tag and tags.`,
      pos,
    );
  }
  const valid: readonly string[] = [...EXPERIMENT_STRING_ATTRIBUTES, ...EXPERIMENT_NUMERIC_ATTRIBUTES];
  if (!valid.includes(key)) {
    throw new FilterSyntaxError(
      `Invalid attribute key '${key}' at position ${pos + 1}. Valid keys are ${valid.join(', ')}.`,
      pos,
    );
  }
  return { type: 'attribute', key };
}

function comparatorOf(tok: FilterToken | undefined, after: FilterToken): Comparator {
  if (tok?.kind === 'op') return tok.text as Comparator;
  if (tok?.kind === 'ident' && ['LIKE', 'ILIKE'].includes(tok.text.toUpperCase()))
    return tok.text.toUpperCase() as Comparator;
  throw new FilterSyntaxError(
    `Invalid comparator after '${after.kind === 'ident' ? after.text : ''}' at position ${(tok ?? after).pos + 1}.`,
    (tok ?? after).pos,
  );
}

/** Parses an experiment filter; an empty or blank one means no clauses. */
export function parseExperimentFilter(filter: string | undefined | null): ExperimentClause[] {
  if (!filter || !filter.trim()) return [];
  checkFilterLength(filter);
  const tokens = tokenize(filter);
  const clauses: ExperimentClause[] = [];
  for (let i = 0; i < tokens.length;) {
    const ident = tokens[i++]!;
    if (ident.kind !== 'ident')
      throw new FilterSyntaxError(
        `Expected an identifier such as name or tags.<key> at position ${ident.pos + 1}.`,
        ident.pos,
      );
    if (ident.text.toUpperCase() === 'OR')
      throw new FilterSyntaxError(
        `OR is not supported (position ${ident.pos + 1}): only AND joins clauses.`,
        ident.pos,
      );
    const { type, key } = identify(ident.text, ident.pos);
    const numeric = type === 'attribute' && (EXPERIMENT_NUMERIC_ATTRIBUTES as readonly string[]).includes(key);
    const comparator = comparatorOf(tokens[i++], ident);
    const allowed = numeric ? NUMERIC_COMPARATORS : STRING_COMPARATORS;
    if (!allowed.includes(comparator)) {
      throw new FilterSyntaxError(
        `Invalid comparator '${comparator}' for ${ident.text}; allowed: ${allowed.join(', ')}.`,
        ident.pos,
      );
    }
    const v = tokens[i++];
    if (!v) throw new FilterSyntaxError(`Missing value after '${ident.text} ${comparator}'.`, ident.pos);
    if (numeric) {
      if (v.kind !== 'number' || !Number.isSafeInteger(v.value)) {
        throw new FilterSyntaxError(
          `Expected an integer (milliseconds) for ${ident.text} at position ${v.pos + 1}.`,
          v.pos,
        );
      }
      clauses.push({ type: 'attribute', key: key as 'creation_time' | 'last_update_time', comparator, value: v.value });
    } else {
      if (v.kind !== 'string')
        throw new FilterSyntaxError(
          `Expected a quoted string for ${ident.text} at position ${v.pos + 1}, e.g. 'my-value'.`,
          v.pos,
        );
      clauses.push(
        type === 'tag'
          ? { type, key, comparator, value: v.text }
          : { type: 'attribute', key: 'name', comparator, value: v.text },
      );
    }
    checkClauseCount(clauses.length);
    const next = nextClauseIndex(tokens, i);
    if (next === null) break;
    i = next;
  }
  return clauses;
}

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
