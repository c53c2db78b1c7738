// MLflow 3 logged models: statuses, and the search grammar of mlflow/utils/search_utils.py's
// SearchLoggedModelsUtils (AND-joined `<entity>.<key> <op> <value>` clauses over attributes, metrics, params, tags).
import {
  type FilterToken,
  FilterSyntaxError,
  checkClauseCount,
  checkFilterLength,
  nextClauseIndex,
  tokenize,
} from './search-filter';

/** Stored names; MLflow's proto names them LOGGED_MODEL_PENDING, LOGGED_MODEL_READY, LOGGED_MODEL_UPLOAD_FAILED. */
export const LOGGED_MODEL_STATUSES = ['PENDING', 'READY', 'FAILED'] as const;
export type LoggedModelStatus = (typeof LOGGED_MODEL_STATUSES)[number];

const PROTO_STATUS: Record<LoggedModelStatus, string> = {
  PENDING: 'LOGGED_MODEL_PENDING',
  READY: 'LOGGED_MODEL_READY',
  FAILED: 'LOGGED_MODEL_UPLOAD_FAILED',
};
export const protoStatusOf = (status: LoggedModelStatus) => PROTO_STATUS[status];

/** A status as a client names it: the proto name or number (1-3), or MLflow's Python enum name. */
export function parseLoggedModelStatus(value: unknown): LoggedModelStatus | null {
  if (typeof value === 'number' || (typeof value === 'string' && /^\d+$/.test(value)))
    return LOGGED_MODEL_STATUSES[Number(value) - 1] ?? null;
  if (typeof value !== 'string') return null;
  const upper = value.toUpperCase();
  if (upper === 'UPLOAD_FAILED' || upper === 'LOGGED_MODEL_UPLOAD_FAILED') return 'FAILED';
  const bare = upper.replace(/^LOGGED_MODEL_/, '');
  return (LOGGED_MODEL_STATUSES as readonly string[]).includes(bare) ? (bare as LoggedModelStatus) : null;
}

/** MLflow's model ids: `m-` and 32 hex digits. */
export const LOGGED_MODEL_ID = /^m-[0-9a-f]{32}$/;

export const STRING_MODEL_ATTRIBUTES = ['name', 'model_id', 'status', 'source_run_id', 'model_type'] as const;
export const NUMERIC_MODEL_ATTRIBUTES = ['creation_timestamp', 'last_updated_timestamp'] as const;
type ModelAttribute = (typeof STRING_MODEL_ATTRIBUTES)[number] | (typeof NUMERIC_MODEL_ATTRIBUTES)[number];
const ATTRIBUTE_ALIASES: Record<string, ModelAttribute> = {
  creation_time: 'creation_timestamp',
  creation_timestamp_ms: 'creation_timestamp',
  last_updated_timestamp_ms: 'last_updated_timestamp',
  run_id: 'source_run_id',
};

export type ModelClause =
  | { type: 'attribute'; key: ModelAttribute; comparator: string; value: string | number | string[] }
  | { type: 'metric'; key: string; comparator: string; value: number }
  | { type: 'param' | 'tag'; key: string; comparator: string; value: string };
export type ModelOrder = { type: 'attribute' | 'metric'; key: string; ascending: boolean };

const NUMERIC_OPS = ['=', '!=', '>', '>=', '<', '<='];
const STRING_OPS = ['=', '!=', 'LIKE', 'ILIKE'];

function attributeOf(name: string): ModelAttribute | null {
  const key = Object.hasOwn(ATTRIBUTE_ALIASES, name) ? ATTRIBUTE_ALIASES[name]! : name;
  return [...STRING_MODEL_ATTRIBUTES, ...NUMERIC_MODEL_ATTRIBUTES].includes(key as never)
    ? (key as ModelAttribute)
    : null;
}

function identifierOf(text: string, pos: number): { type: ModelClause['type']; key: string } {
  const dot = text.indexOf('.');
  const prefix = dot < 0 ? 'attributes' : text.slice(0, dot).toLowerCase();
  const key = dot < 0 ? text : text.slice(dot + 1);
  if (!key) throw new FilterSyntaxError(`Missing key after '${prefix}.' at position ${pos + 1}.`, pos);
  if (prefix === 'metrics' || prefix === 'metric') return { type: 'metric', key };
  if (prefix === 'params' || prefix === 'param' || prefix === 'parameters') return { type: 'param', key };
  if (prefix === 'tags' || prefix === 'tag') return { type: 'tag', key };
  if (prefix === 'attributes' || prefix === 'attribute' || prefix === 'attr') {
    const attr = attributeOf(key);
    if (attr) return { type: 'attribute', key: attr };
    throw new FilterSyntaxError(
      `Invalid attribute '${key}' at position ${pos + 1}. Valid attributes: ${[...STRING_MODEL_ATTRIBUTES, ...NUMERIC_MODEL_ATTRIBUTES].join(', ')}.`,
      pos,
    );
  }
  throw new FilterSyntaxError(
    `Invalid entity type '${prefix}' at position ${pos + 1}: expected metrics, params, tags or attributes.`,
    pos,
  );
}

const isNumericAttr = (key: string) => (NUMERIC_MODEL_ATTRIBUTES as readonly string[]).includes(key);

function comparatorAt(tokens: FilterToken[], i: number): { op: string; next: number } | null {
  const t = tokens[i];
  if (t?.kind === 'op') return { op: t.text, next: i + 1 };
  if (t?.kind !== 'ident') return null;
  const word = t.text.toUpperCase();
  if (word === 'LIKE' || word === 'ILIKE' || word === 'IN') return { op: word, next: i + 1 };
  const after = tokens[i + 1];
  if (word === 'NOT' && after?.kind === 'ident' && after.text.toUpperCase() === 'IN')
    return { op: 'NOT IN', next: i + 2 };
  return null;
}

/** Parses a logged-model filter; blank means no clauses. Errors are FilterSyntaxError (a 400 naming `filter`). */
export function parseLoggedModelFilter(filter: string | undefined | null): ModelClause[] {
  if (!filter || !filter.trim()) return [];
  checkFilterLength(filter);
  const tokens = tokenize(filter);
  const clauses: ModelClause[] = [];
  let i = 0;
  while (i < tokens.length) {
    const ident = tokens[i++]!;
    if (ident.kind !== 'ident')
      throw new FilterSyntaxError(
        `Expected an identifier such as metrics.accuracy at position ${ident.pos + 1}.`,
        ident.pos,
      );
    const { type, key } = identifierOf(ident.text, ident.pos);
    const numeric = type === 'metric' || (type === 'attribute' && isNumericAttr(key));
    const cmp = comparatorAt(tokens, i);
    if (!cmp) throw new FilterSyntaxError(`Invalid comparator after '${ident.text}'.`, ident.pos);
    i = cmp.next;
    const listAllowed = type === 'attribute' && !numeric;
    const allowed = numeric ? NUMERIC_OPS : listAllowed ? [...STRING_OPS, 'IN', 'NOT IN'] : STRING_OPS;
    if (!allowed.includes(cmp.op))
      throw new FilterSyntaxError(
        `Invalid comparator '${cmp.op}' for ${ident.text}; allowed: ${allowed.join(', ')}.`,
        ident.pos,
      );
    if (cmp.op === 'IN' || cmp.op === 'NOT IN') {
      const values: string[] = [];
      if (tokens[i]?.kind !== 'punct' || (tokens[i] as { text: string }).text !== '(')
        throw new FilterSyntaxError(`Expected '(' after ${cmp.op}.`, ident.pos);
      i++;
      for (;;) {
        const v = tokens[i++];
        if (v?.kind !== 'string')
          throw new FilterSyntaxError(`Expected a quoted value in the ${cmp.op} list.`, ident.pos);
        values.push(v.text);
        const sep = tokens[i++];
        if (sep?.kind === 'punct' && sep.text === ')') break;
        if (sep?.kind !== 'punct' || sep.text !== ',')
          throw new FilterSyntaxError(`Expected ',' or ')' in the ${cmp.op} list.`, ident.pos);
      }
      clauses.push({ type: 'attribute', key: key as ModelAttribute, comparator: cmp.op, value: values });
    } else {
      const v = tokens[i++];
      if (numeric) {
        if (v?.kind !== 'number') throw new FilterSyntaxError(`Expected a number for ${ident.text}.`, ident.pos);
        clauses.push(
          type === 'metric'
            ? { type, key, comparator: cmp.op, value: v.value }
            : { type: 'attribute', key: key as ModelAttribute, comparator: cmp.op, value: v.value },
        );
      } else {
        if (v?.kind !== 'string')
          throw new FilterSyntaxError(`Expected a quoted string for ${ident.text}, e.g. 'value'.`, ident.pos);
        if (type === 'attribute') {
          let value = v.text;
          if (key === 'status' && cmp.op !== 'LIKE' && cmp.op !== 'ILIKE') {
            const status = parseLoggedModelStatus(v.text);
            if (!status)
              throw new FilterSyntaxError(
                `Invalid status '${v.text}': expected one of ${LOGGED_MODEL_STATUSES.join(', ')}.`,
                ident.pos,
              );
            value = status;
          }
          clauses.push({ type: 'attribute', key: key as ModelAttribute, comparator: cmp.op, value });
        } else clauses.push({ type: type as 'param' | 'tag', key, comparator: cmp.op, value: v.text });
      }
    }
    checkClauseCount(clauses.length);
    const next = nextClauseIndex(tokens, i);
    if (next === null) break;
    i = next;
  }
  return clauses;
}

/** SearchLoggedModels.OrderBy field names: an attribute or `metrics.<key>`. */
export function parseLoggedModelOrder(entries: { field_name: string; ascending?: boolean }[]): ModelOrder[] {
  return entries.map((e) => {
    const { type, key } = identifierOf(e.field_name, 0);
    if (type !== 'attribute' && type !== 'metric')
      throw new FilterSyntaxError(`Cannot order by '${e.field_name}': use an attribute or metrics.<key>.`);
    return { type, key, ascending: e.ascending ?? true };
  });
}
