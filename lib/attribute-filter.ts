// The one parser for MLflow's attribute-and-tag search grammars (experiments, registered models, model versions,
// logged models: SearchExperimentsUtils, SearchModelUtils, SearchModelVersionUtils and SearchLoggedModelsUtils in
// mlflow/utils/search_utils.py). Each grammar passes its own attribute table, and may add entity prefixes (logged
// models filter on metrics and params too) and attribute aliases; clauses are joined by AND.
import {
  type Comparator,
  type FilterToken,
  FilterSyntaxError,
  checkClauseCount,
  checkFilterLength,
  nextClauseIndex,
  tokenize,
} from './tracking/search-filter';

/**
 * How an attribute's value is read: a quoted string, an integer (`millis`: epoch milliseconds), any number
 * (`float`), a run id (also IN), or a string that also takes IN and NOT IN lists (`string_list`).
 */
export type AttributeKind = 'string' | 'numeric' | 'millis' | 'float' | 'run_id' | 'string_list';

/** What a grammar adds beyond attributes and tags: more entity prefixes and other names for attributes. */
export type GrammarExtras = {
  entities?: Record<string, { type: string; kind: AttributeKind }>;
  aliases?: Record<string, string>;
};

const STRING_COMPARATORS: Comparator[] = ['=', '!=', 'LIKE', 'ILIKE'];
const NUMERIC_COMPARATORS: Comparator[] = ['=', '!=', '>', '>=', '<', '<='];
const ATTRIBUTE_PREFIXES = ['attribute', 'attributes', 'attr'];
const TAG_PREFIXES = ['tag', 'tags'];

/** The entity an identifier names (`tags.x`, `x`, or a grammar's own prefix) and how its value is read. */
export function identify(
  text: string,
  pos: number,
  attributes: Record<string, AttributeKind>,
  extras: GrammarExtras = {},
): { type: string; key: string; kind: AttributeKind } {
  const dot = text.indexOf('.');
  const prefix = dot < 0 ? 'attribute' : text.slice(0, dot).toLowerCase();
  const raw = dot < 0 ? text : text.slice(dot + 1);
  const entity = TAG_PREFIXES.includes(prefix)
    ? { type: 'tag', kind: 'string' as const }
    : extras.entities && Object.hasOwn(extras.entities, prefix)
      ? extras.entities[prefix]!
      : null;
  if (entity) {
    if (!raw) throw new FilterSyntaxError(`Missing ${entity.type} key after '${text}' at position ${pos + 1}.`, pos);
    return { type: entity.type, key: raw, kind: entity.kind };
  }
  if (!ATTRIBUTE_PREFIXES.includes(prefix)) {
    const valid = ['attribute', ...Object.keys(extras.entities ?? {}), 'tag and tags'];
    throw new FilterSyntaxError(
      `Invalid entity type '${prefix}' at position ${pos + 1}. Valid entity types are ${valid.join(', ')}.`,
      pos,
    );
  }
  const key = extras.aliases && Object.hasOwn(extras.aliases, raw) ? extras.aliases[raw]! : raw;
  if (!Object.hasOwn(attributes, key)) {
    throw new FilterSyntaxError(
      `Invalid attribute key '${key}' at position ${pos + 1}. Valid keys are ${Object.keys(attributes).join(', ')}.`,
      pos,
    );
  }
  return { type: 'attribute', key, kind: attributes[key]! };
}

function comparatorOf(tokens: FilterToken[], i: number, after: FilterToken): { comparator: Comparator; next: number } {
  const tok = tokens[i];
  if (tok?.kind === 'op') return { comparator: tok.text as Comparator, next: i + 1 };
  if (tok?.kind === 'ident') {
    const word = tok.text.toUpperCase();
    if (word === 'LIKE' || word === 'ILIKE' || word === 'IN') return { comparator: word, next: i + 1 };
    const following = tokens[i + 1];
    if (word === 'NOT' && following?.kind === 'ident' && following.text.toUpperCase() === 'IN')
      return { comparator: 'NOT IN', next: i + 2 };
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

/** Parses `filter` against one grammar's attribute table; an empty or blank filter means no clauses. */
export function parseAttributeFilter<C>(
  filter: string | undefined | null,
  attributes: Record<string, AttributeKind>,
  extras: GrammarExtras = {},
): C[] {
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
    const { type, key, kind } = identify(ident.text, ident.pos, attributes, extras);
    const { comparator, next } = comparatorOf(tokens, i, ident);
    i = next;
    const numeric = kind === 'numeric' || kind === 'millis' || kind === 'float';
    const allowed: string[] = numeric
      ? NUMERIC_COMPARATORS
      : kind === 'run_id'
        ? [...STRING_COMPARATORS, 'IN']
        : kind === 'string_list'
          ? [...STRING_COMPARATORS, 'IN', 'NOT IN']
          : STRING_COMPARATORS;
    if (!allowed.includes(comparator))
      throw new FilterSyntaxError(
        `Invalid comparator '${comparator}' for ${ident.text}; allowed: ${allowed.join(', ')}.`,
        ident.pos,
      );
    if (comparator === 'IN' || comparator === 'NOT IN') {
      const list = stringList(tokens, i, ident);
      i = list.next;
      clauses.push({ type, key, comparator, value: list.values } as C);
    } else {
      const v = tokens[i++];
      if (!v) throw new FilterSyntaxError(`Missing value after '${ident.text} ${comparator}'.`, ident.pos);
      if (numeric) {
        if (v.kind !== 'number' || (kind !== 'float' && !Number.isSafeInteger(v.value))) {
          if (kind === 'float')
            throw new FilterSyntaxError(`Expected a number for ${ident.text} at position ${v.pos + 1}.`, v.pos);
          const unit = kind === 'millis' ? ' (milliseconds)' : '';
          throw new FilterSyntaxError(`Expected an integer${unit} for ${ident.text} at position ${v.pos + 1}.`, v.pos);
        }
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
