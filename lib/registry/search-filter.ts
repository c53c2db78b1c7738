// MLflow's registry search grammars (SearchModelUtils and SearchModelVersionUtils in mlflow/utils/search_utils.py,
// as the SQL store applies them): clauses joined by AND over a few attributes and tags.<key>, and order_by terms.
import {
  type Comparator,
  type FilterToken,
  FilterSyntaxError,
  checkClauseCount,
  checkFilterLength,
  nextClauseIndex,
  splitOrderByEntries,
  tokenize,
} from '../tracking/search-filter';

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

const STRING_COMPARATORS: Comparator[] = ['=', '!=', 'LIKE', 'ILIKE'];
const NUMERIC_COMPARATORS: Comparator[] = ['=', '!=', '>', '>=', '<', '<='];
const ATTRIBUTE_PREFIXES = ['attribute', 'attributes', 'attr'];
const TAG_PREFIXES = ['tag', 'tags'];

type AttributeKind = 'string' | 'numeric' | 'run_id';

function identify(
  text: string,
  pos: number,
  attributes: Record<string, AttributeKind>,
): { type: 'attribute' | 'tag'; key: string } {
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
  if (!Object.hasOwn(attributes, key)) {
    throw new FilterSyntaxError(
      `Invalid attribute key '${key}' at position ${pos + 1}. Valid keys are ${Object.keys(attributes).join(', ')}.`,
      pos,
    );
  }
  return { type: 'attribute', key };
}

function comparatorOf(tokens: FilterToken[], i: number, after: FilterToken): { comparator: Comparator; next: number } {
  const tok = tokens[i];
  if (tok?.kind === 'op') return { comparator: tok.text as Comparator, next: i + 1 };
  if (tok?.kind === 'ident') {
    const word = tok.text.toUpperCase();
    if (word === 'LIKE' || word === 'ILIKE' || word === 'IN') return { comparator: word, next: i + 1 };
  }
  const at = tok ?? after;
  throw new FilterSyntaxError(
    `Invalid comparator after '${after.kind === 'ident' ? after.text : ''}' at position ${at.pos + 1}.`,
    at.pos,
  );
}

/** `('a', 'b')` after IN: the quoted strings and the index past the closing parenthesis. */
function stringList(tokens: FilterToken[], i: number, ident: FilterToken): { values: string[]; next: number } {
  const open = tokens[i];
  if (open?.kind !== 'punct' || open.text !== '(')
    throw new FilterSyntaxError(
      `Expected a parenthesised list of quoted strings after IN at position ${(open ?? ident).pos + 1}.`,
      (open ?? ident).pos,
    );
  const values: string[] = [];
  let j = i + 1;
  for (;;) {
    const v = tokens[j++];
    if (v?.kind !== 'string')
      throw new FilterSyntaxError(
        `Expected a quoted string in the IN list at position ${(v ?? open).pos + 1}.`,
        (v ?? open).pos,
      );
    values.push(v.text);
    const sep = tokens[j++];
    if (sep?.kind === 'punct' && sep.text === ')') return { values, next: j };
    if (sep?.kind !== 'punct' || sep.text !== ',')
      throw new FilterSyntaxError(
        `Expected ',' or ')' in the IN list at position ${(sep ?? v).pos + 1}.`,
        (sep ?? v).pos,
      );
  }
}

function parseClauses<C>(filter: string | undefined | null, attributes: Record<string, AttributeKind>): C[] {
  if (!filter || !filter.trim()) return [];
  checkFilterLength(filter);
  const tokens = tokenize(filter);
  const clauses: C[] = [];
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
    const { type, key } = identify(ident.text, ident.pos, attributes);
    const kind: AttributeKind = type === 'tag' ? 'string' : attributes[key]!;
    const { comparator, next } = comparatorOf(tokens, i, ident);
    i = next;
    const allowed =
      kind === 'numeric' ? NUMERIC_COMPARATORS : kind === 'run_id' ? [...STRING_COMPARATORS, 'IN'] : STRING_COMPARATORS;
    if (!allowed.includes(comparator))
      throw new FilterSyntaxError(
        `Invalid comparator '${comparator}' for ${ident.text}; allowed: ${allowed.join(', ')}.`,
        ident.pos,
      );
    if (comparator === 'IN') {
      const list = stringList(tokens, i, ident);
      i = list.next;
      clauses.push({ type, key, comparator, value: list.values } as C);
    } else {
      const v = tokens[i++];
      if (!v) throw new FilterSyntaxError(`Missing value after '${ident.text} ${comparator}'.`, ident.pos);
      if (kind === 'numeric') {
        if (v.kind !== 'number' || !Number.isSafeInteger(v.value))
          throw new FilterSyntaxError(`Expected an integer for ${ident.text} at position ${v.pos + 1}.`, v.pos);
        clauses.push({ type, key, comparator, value: v.value } as C);
      } else {
        if (v.kind !== 'string')
          throw new FilterSyntaxError(
            `Expected a quoted string for ${ident.text} at position ${v.pos + 1}, e.g. 'my-value'.`,
            v.pos,
          );
        clauses.push({ type, key, comparator, value: v.text } as C);
      }
    }
    checkClauseCount(clauses.length);
    const following = nextClauseIndex(tokens, i);
    if (following === null) break;
    i = following;
  }
  return clauses;
}

/** registered-models/search: `name` (=, !=, LIKE, ILIKE) and tags. */
export const parseModelFilter = (filter: string | undefined | null): ModelClause[] =>
  parseClauses<ModelClause>(filter, { name: 'string' });

/** model-versions/search: `name`, `run_id` (also IN), `source_path`, `version_number` and tags. */
export const parseVersionFilter = (filter: string | undefined | null): VersionClause[] =>
  parseClauses<VersionClause>(filter, {
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
