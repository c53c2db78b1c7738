// The one parser for MLflow's attribute-and-tag search grammars (experiments, registered models, model versions:
// SearchExperimentsUtils, SearchModelUtils and SearchModelVersionUtils in mlflow/utils/search_utils.py). Each
// grammar passes its own attribute table; clauses are joined by AND.
import {
  type Comparator,
  type FilterToken,
  FilterSyntaxError,
  checkClauseCount,
  checkFilterLength,
  nextClauseIndex,
  tokenize,
} from './tracking/search-filter';

/** How an attribute's value is read: a quoted string, an integer (`millis`: epoch milliseconds), or a run id (also IN). */
export type AttributeKind = 'string' | 'numeric' | 'millis' | 'run_id';

const STRING_COMPARATORS: Comparator[] = ['=', '!=', 'LIKE', 'ILIKE'];
const NUMERIC_COMPARATORS: Comparator[] = ['=', '!=', '>', '>=', '<', '<='];
const ATTRIBUTE_PREFIXES = ['attribute', 'attributes', 'attr'];
const TAG_PREFIXES = ['tag', 'tags'];

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

/** Parses `filter` against one grammar's attribute table; an empty or blank filter means no clauses. */
export function parseAttributeFilter<C>(
  filter: string | undefined | null,
  attributes: Record<string, AttributeKind>,
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
    const { type, key } = identify(ident.text, ident.pos, attributes);
    const kind: AttributeKind = type === 'tag' ? 'string' : attributes[key]!;
    const { comparator, next } = comparatorOf(tokens, i, ident);
    i = next;
    const numeric = kind === 'numeric' || kind === 'millis';
    const allowed = numeric
      ? NUMERIC_COMPARATORS
      : kind === 'run_id'
        ? [...STRING_COMPARATORS, 'IN']
        : STRING_COMPARATORS;
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
      if (numeric) {
        if (v.kind !== 'number' || !Number.isSafeInteger(v.value)) {
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
