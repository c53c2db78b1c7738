// MLflow's run-search grammar (mlflow/utils/search_utils.py): clauses joined by AND, each
// `<entity>.<key> <comparator> <value>`. Parsed into clauses that db/queries turn into bound SQL.
import { DomainError } from '@/lib/errors';

export type EntityType = 'metric' | 'param' | 'tag' | 'attribute' | 'dataset';
export type Comparator =
  '=' | '!=' | '>' | '>=' | '<' | '<=' | 'LIKE' | 'ILIKE' | 'IN' | 'NOT IN' | 'IS NULL' | 'IS NOT NULL';
export type Clause = {
  type: EntityType;
  key: string;
  comparator: Comparator;
  value: number | string | string[] | null;
};
export type OrderBy = { type: EntityType; key: string; ascending: boolean };

export class FilterSyntaxError extends Error {
  constructor(
    message: string,
    readonly position?: number,
  ) {
    super(message);
    this.name = 'FilterSyntaxError';
  }
}

// Each clause becomes its own EXISTS sub-query: 300 of them once held a connection for minutes. MLflow sets no
// limit; 50 is far more than any hand-written filter, and the statement timeout bounds what 50 can cost.
export const MAX_FILTER_CLAUSES = 50;
export const MAX_FILTER_LENGTH = 10_000;

/** The one length check every filter grammar runs before tokenizing. */
export function checkFilterLength(filter: string): void {
  if (filter.length > MAX_FILTER_LENGTH)
    throw new FilterSyntaxError(
      `The filter is too long (more than ${MAX_FILTER_LENGTH.toLocaleString('en-US')} characters).`,
    );
}

/** The one clause-count check every filter grammar runs as it adds a clause. */
export function checkClauseCount(count: number): void {
  if (count > MAX_FILTER_CLAUSES)
    throw new FilterSyntaxError(`Use at most ${MAX_FILTER_CLAUSES} clauses joined by AND (this filter has more).`);
}

/** Runs a grammar parser and turns its syntax errors into a 400 (INVALID_PARAMETER_VALUE) naming the field. */
export function parseOrInvalid<T>(field: 'filter' | 'order_by', parse: () => T): T {
  try {
    return parse();
  } catch (err) {
    if (err instanceof FilterSyntaxError) throw new DomainError('invalid', `Invalid ${field}: ${err.message}`, field);
    throw err;
  }
}

const ENTITY_PREFIXES: Record<string, EntityType> = {
  metric: 'metric',
  metrics: 'metric',
  param: 'param',
  params: 'param',
  parameter: 'param',
  parameters: 'param',
  tag: 'tag',
  tags: 'tag',
  attribute: 'attribute',
  attributes: 'attribute',
  attr: 'attribute',
  run: 'attribute',
  dataset: 'dataset',
  datasets: 'dataset',
};

export const STRING_ATTRIBUTES = [
  'run_name',
  'status',
  'user_id',
  'artifact_uri',
  'run_id',
  'lifecycle_stage',
] as const;
export const NUMERIC_ATTRIBUTES = ['start_time', 'end_time', 'created'] as const;
const ATTRIBUTE_ALIASES: Record<string, string> = {
  run_id: 'run_id',
  run_uuid: 'run_id',
  'run name': 'run_name',
  created: 'start_time',
  Created: 'start_time',
};
// Own keys only: a name such as 'constructor' must not find Object.prototype's.
const aliasOf = (name: string) => (Object.hasOwn(ATTRIBUTE_ALIASES, name) ? ATTRIBUTE_ALIASES[name]! : name);
const DATASET_KEYS = ['name', 'digest', 'context'];

const NUMERIC_COMPARATORS: Comparator[] = ['=', '!=', '>', '>=', '<', '<='];
const STRING_COMPARATORS: Comparator[] = ['=', '!=', 'LIKE', 'ILIKE'];

export type FilterToken = Token;
type Token =
  | { kind: 'ident'; text: string; pos: number }
  | { kind: 'string'; text: string; pos: number }
  | { kind: 'number'; value: number; pos: number }
  | { kind: 'op'; text: string; pos: number }
  | { kind: 'punct'; text: '(' | ')' | ','; pos: number };

/** Splits a filter into identifiers, quoted strings, numbers, operators and punctuation (shared with experiment search). */
export function tokenize(input: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < input.length) {
    const c = input[i]!;
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    const pos = i;
    if (c === "'" || c === '"' || c === '`') {
      let j = i + 1;
      let text = '';
      while (j < input.length && input[j] !== c) {
        // MLflow strings have no escapes; a doubled quote is not special either.
        text += input[j];
        j++;
      }
      if (j >= input.length)
        throw new FilterSyntaxError(`Unterminated quoted text starting at position ${pos + 1}.`, pos);
      // Backticks and double quotes may quote an identifier's key part; the parser decides from context.
      tokens.push({ kind: 'string', text, pos });
      i = j + 1;
      continue;
    }
    if (c === '(' || c === ')' || c === ',') {
      tokens.push({ kind: 'punct', text: c, pos });
      i++;
      continue;
    }
    const op = /^(>=|<=|!=|<>|=|>|<)/.exec(input.slice(i));
    if (op) {
      tokens.push({ kind: 'op', text: op[1] === '<>' ? '!=' : op[1]!, pos });
      i += op[1]!.length;
      continue;
    }
    const num = /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?(?![\w.])/.exec(input.slice(i));
    if (num) {
      tokens.push({ kind: 'number', value: Number(num[0]), pos });
      i += num[0].length;
      continue;
    }
    const ident = /^[A-Za-z_][\w.\-:/]*/.exec(input.slice(i));
    if (ident) {
      let text = ident[0];
      i += text.length;
      // `metrics."my key"` / tags.`x y`: a quoted key directly after the entity's dot.
      if (text.endsWith('.') && (input[i] === '"' || input[i] === '`')) {
        const q = input[i]!;
        const end = input.indexOf(q, i + 1);
        if (end < 0) throw new FilterSyntaxError(`Unterminated quoted key starting at position ${i + 1}.`, i);
        text += input.slice(i + 1, end);
        tokens.push({ kind: 'ident', text, pos });
        (tokens[tokens.length - 1] as { quotedKey?: boolean }).quotedKey = true;
        i = end + 1;
        continue;
      }
      tokens.push({ kind: 'ident', text, pos });
      continue;
    }
    throw new FilterSyntaxError(`Unexpected character '${c}' at position ${pos + 1}.`, pos);
  }
  return tokens;
}

function splitIdentifier(text: string, pos: number): { type: EntityType; key: string } {
  const dot = text.indexOf('.');
  if (dot < 0) {
    // A bare name is an attribute (MLflow accepts `status = 'FINISHED'`-style shorthands in order_by).
    const attr = aliasOf(text);
    if ([...STRING_ATTRIBUTES, ...NUMERIC_ATTRIBUTES].includes(attr as never)) return { type: 'attribute', key: attr };
    throw new FilterSyntaxError(
      `Invalid identifier '${text}' at position ${pos + 1}: use metrics.<key>, params.<key>, tags.<key> or attributes.<name>.`,
      pos,
    );
  }
  const prefix = text.slice(0, dot);
  const type = Object.hasOwn(ENTITY_PREFIXES, prefix.toLowerCase()) ? ENTITY_PREFIXES[prefix.toLowerCase()] : undefined;
  const key = text.slice(dot + 1);
  if (!type)
    throw new FilterSyntaxError(
      `Invalid entity type '${prefix}' at position ${pos + 1}: expected metrics, params, tags, attributes or datasets.`,
      pos,
    );
  if (!key) throw new FilterSyntaxError(`Missing key after '${prefix}.' at position ${pos + 1}.`, pos);
  if (type === 'attribute') {
    const attr = aliasOf(key);
    if (![...STRING_ATTRIBUTES, ...NUMERIC_ATTRIBUTES].includes(attr as never)) {
      throw new FilterSyntaxError(
        `Invalid attribute key '${key}' at position ${pos + 1}. Valid attributes: ${[...STRING_ATTRIBUTES, ...NUMERIC_ATTRIBUTES].join(', ')}.`,
        pos,
      );
    }
    return { type, key: attr };
  }
  if (type === 'dataset' && !DATASET_KEYS.includes(key)) {
    throw new FilterSyntaxError(
      `Invalid dataset key '${key}' at position ${pos + 1}: use datasets.name, datasets.digest or datasets.context.`,
      pos,
    );
  }
  return { type, key };
}

export function isNumericAttribute(key: string): boolean {
  return (NUMERIC_ATTRIBUTES as readonly string[]).includes(key);
}

/**
 * After a clause: the index of the next clause (past its AND), or null at the end. Every grammar here joins
 * clauses with AND only, as MLflow's does.
 */
export function nextClauseIndex(tokens: FilterToken[], i: number): number | null {
  const next = tokens[i];
  if (!next) return null;
  const word = next.kind === 'ident' ? next.text.toUpperCase() : '';
  if (word === 'AND') {
    if (i + 1 >= tokens.length) throw new FilterSyntaxError(`Dangling AND at position ${next.pos + 1}.`, next.pos);
    return i + 1;
  }
  if (word === 'OR')
    throw new FilterSyntaxError(`OR is not supported (position ${next.pos + 1}): only AND joins clauses.`, next.pos);
  throw new FilterSyntaxError(`Expected AND at position ${next.pos + 1}.`, next.pos);
}

/**
 * Runboard's runs table reads params as numbers where they are numbers (`params.depth > 5`), beyond MLflow's
 * grammar; the MLflow REST search keeps MLflow's string-only params.
 */
export type FilterOptions = { numericParams?: boolean };

/** Parses a filter string; an empty or blank string means no clauses. */
export function parseSearchFilter(filter: string | undefined | null, options: FilterOptions = {}): Clause[] {
  if (!filter || !filter.trim()) return [];
  checkFilterLength(filter);
  const tokens = tokenize(filter);
  const clauses: Clause[] = [];
  let i = 0;
  const peek = () => tokens[i];
  const isWord = (t: Token | undefined, word: string) => t?.kind === 'ident' && t.text.toUpperCase() === word;
  while (i < tokens.length) {
    const identTok = tokens[i++]!;
    if (identTok.kind !== 'ident') {
      throw new FilterSyntaxError(
        `Expected an identifier such as metrics.accuracy at position ${identTok.pos + 1}.`,
        identTok.pos,
      );
    }
    if (isWord(identTok, 'OR'))
      throw new FilterSyntaxError(
        `OR is not supported (position ${identTok.pos + 1}): only AND joins clauses.`,
        identTok.pos,
      );
    const { type, key } = splitIdentifier(identTok.text, identTok.pos);
    const numeric = type === 'metric' || (type === 'attribute' && isNumericAttribute(key));
    // Comparator
    const opTok = tokens[i++];
    if (!opTok) throw new FilterSyntaxError(`Missing comparator after '${identTok.text}'.`, identTok.pos);
    let comparator: Comparator;
    if (opTok.kind === 'op') comparator = opTok.text as Comparator;
    else if (isWord(opTok, 'LIKE')) comparator = 'LIKE';
    else if (isWord(opTok, 'ILIKE')) comparator = 'ILIKE';
    else if (isWord(opTok, 'IN')) comparator = 'IN';
    else if (isWord(opTok, 'NOT') && isWord(peek(), 'IN')) {
      i++;
      comparator = 'NOT IN';
    } else if (isWord(opTok, 'IS')) {
      if (isWord(peek(), 'NOT')) {
        i++;
        comparator = 'IS NOT NULL';
      } else comparator = 'IS NULL';
      if (!isWord(tokens[i], 'NULL'))
        throw new FilterSyntaxError(`Expected NULL after IS at position ${opTok.pos + 1}.`, opTok.pos);
      i++;
    } else throw new FilterSyntaxError(`Invalid comparator near position ${opTok.pos + 1}.`, opTok.pos);

    const numericParam = type === 'param' && !!options.numericParams;
    const allowed: Comparator[] = numeric
      ? NUMERIC_COMPARATORS
      : numericParam
        ? [...NUMERIC_COMPARATORS, 'LIKE', 'ILIKE', 'IS NULL', 'IS NOT NULL']
        : type === 'param' || type === 'tag'
          ? [...STRING_COMPARATORS, 'IS NULL', 'IS NOT NULL']
          : type === 'attribute' && key === 'run_id'
            ? [...STRING_COMPARATORS, 'IN', 'NOT IN']
            : type === 'dataset'
              ? [...STRING_COMPARATORS, 'IN', 'NOT IN']
              : STRING_COMPARATORS;
    if (!allowed.includes(comparator)) {
      throw new FilterSyntaxError(
        `Invalid comparator '${comparator}' for ${identTok.text} at position ${opTok.pos + 1}; allowed: ${allowed.join(', ')}.`,
        opTok.pos,
      );
    }

    // Value
    let value: Clause['value'] = null;
    if (comparator === 'IN' || comparator === 'NOT IN') {
      const open = tokens[i++];
      if (open?.kind !== 'punct' || open.text !== '(')
        throw new FilterSyntaxError(`Expected '(' after ${comparator} at position ${opTok.pos + 1}.`, opTok.pos);
      const list: string[] = [];
      for (;;) {
        const t = tokens[i++];
        if (t?.kind !== 'string')
          throw new FilterSyntaxError(
            `Expected a quoted value in the ${comparator} list near position ${(t ?? open).pos + 1}.`,
            (t ?? open).pos,
          );
        list.push(t.text);
        const sep = tokens[i++];
        if (sep?.kind === 'punct' && sep.text === ')') break;
        if (sep?.kind !== 'punct' || sep.text !== ',')
          throw new FilterSyntaxError(
            `Expected ',' or ')' in the ${comparator} list near position ${(sep ?? t).pos + 1}.`,
            (sep ?? t).pos,
          );
      }
      value = list;
    } else if (comparator !== 'IS NULL' && comparator !== 'IS NOT NULL') {
      const v = tokens[i++];
      if (!v) throw new FilterSyntaxError(`Missing value after '${identTok.text} ${comparator}'.`, opTok.pos);
      // Ordering a param only makes sense against a number; = and != take either a number or quoted text.
      const ordering = comparator === '>' || comparator === '>=' || comparator === '<' || comparator === '<=';
      if (numericParam && (v.kind === 'number' || ordering)) {
        if (v.kind !== 'number')
          throw new FilterSyntaxError(`Expected a number for ${identTok.text} at position ${v.pos + 1}.`, v.pos);
        value = v.value;
      } else if (numeric) {
        if (v.kind !== 'number')
          throw new FilterSyntaxError(`Expected a number for ${identTok.text} at position ${v.pos + 1}.`, v.pos);
        value = v.value;
      } else {
        if (v.kind !== 'string')
          throw new FilterSyntaxError(
            `Expected a quoted string for ${identTok.text} at position ${v.pos + 1}, e.g. '0.01'.`,
            v.pos,
          );
        value = v.text;
      }
    }
    clauses.push({ type, key, comparator, value });

    checkClauseCount(clauses.length);

    const next = nextClauseIndex(tokens, i);
    if (next === null) break;
    i = next;
  }
  return clauses;
}

// MLflow's own parser sets no count or length limit on order_by; these are ours. 20 sort keys is more than any
// table shows, and 500 characters fits the longest key MLflow accepts (250) quoted, prefixed and with a direction.
export const MAX_ORDER_BY_ENTRIES = 20;
export const MAX_ORDER_BY_ENTRY_LENGTH = 500;

/**
 * One order_by entry → its identifier and direction, in linear time: trims and compares the tail instead of
 * using a regular expression, whose backtracking over long runs of spaces once blocked the event loop.
 */
export function splitOrderByEntries(entries: readonly string[] | undefined): { ident: string; ascending: boolean }[] {
  const list = entries ?? [];
  if (list.length > MAX_ORDER_BY_ENTRIES)
    throw new FilterSyntaxError(`Use at most ${MAX_ORDER_BY_ENTRIES} order_by entries (got ${list.length}).`);
  return list.map((entry) => {
    if (entry.length > MAX_ORDER_BY_ENTRY_LENGTH)
      throw new FilterSyntaxError(`Each order_by entry must be at most ${MAX_ORDER_BY_ENTRY_LENGTH} characters.`);
    let ident = entry.trim();
    let ascending = true;
    for (const direction of ['ASC', 'DESC']) {
      const cut = ident.length - direction.length;
      if (cut > 0 && /\s/.test(ident[cut - 1]!) && ident.slice(cut).toUpperCase() === direction) {
        ident = ident.slice(0, cut).trimEnd();
        ascending = direction === 'ASC';
        break;
      }
    }
    if (!ident) throw new FilterSyntaxError(`Invalid order_by clause '${entry}'.`);
    return { ident, ascending };
  });
}

/** `metrics.acc DESC`, `params.lr`, `attributes.start_time ASC` → order terms. */
export function parseOrderBy(entries: string[] | undefined): OrderBy[] {
  return splitOrderByEntries(entries).map(({ ident, ascending }) => {
    // Quoted keys: metrics.`my key` / metrics."my key"
    const dot = ident.indexOf('.');
    const quote = ident[dot + 1];
    if (dot > 0 && (quote === '`' || quote === '"') && ident.length > dot + 2 && ident.endsWith(quote))
      ident = ident.slice(0, dot + 1) + ident.slice(dot + 2, -1);
    const { type, key } = splitIdentifier(ident, 0);
    return { type, key, ascending };
  });
}
