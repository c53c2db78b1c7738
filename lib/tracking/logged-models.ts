// MLflow 3 logged models: statuses, and the search grammar of mlflow/utils/search_utils.py's
// SearchLoggedModelsUtils (AND-joined `<entity>.<key> <op> <value>` clauses over attributes, metrics, params, tags).
import { type AttributeKind, type GrammarExtras, identify, parseAttributeFilter } from '../attribute-filter';
import { FilterSyntaxError } from './search-filter';

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

const MODEL_ATTRIBUTES: Record<ModelAttribute, AttributeKind> = {
  name: 'string_list',
  model_id: 'string_list',
  status: 'string_list',
  source_run_id: 'string_list',
  model_type: 'string_list',
  creation_timestamp: 'float',
  last_updated_timestamp: 'float',
};
const GRAMMAR: GrammarExtras = {
  entities: {
    metrics: { type: 'metric', kind: 'float' },
    metric: { type: 'metric', kind: 'float' },
    params: { type: 'param', kind: 'string' },
    param: { type: 'param', kind: 'string' },
    parameters: { type: 'param', kind: 'string' },
  },
  aliases: {
    creation_time: 'creation_timestamp',
    creation_timestamp_ms: 'creation_timestamp',
    last_updated_timestamp_ms: 'last_updated_timestamp',
    run_id: 'source_run_id',
  },
};

export type ModelClause =
  | { type: 'attribute'; key: ModelAttribute; comparator: string; value: string | number | string[] }
  | { type: 'metric'; key: string; comparator: string; value: number }
  | { type: 'param' | 'tag'; key: string; comparator: string; value: string };
export type ModelOrder = { type: 'attribute' | 'metric'; key: string; ascending: boolean };

/** Parses a logged-model filter; blank means no clauses. Errors are FilterSyntaxError (a 400 naming `filter`). */
export function parseLoggedModelFilter(filter: string | undefined | null): ModelClause[] {
  return parseAttributeFilter<ModelClause>(filter, MODEL_ATTRIBUTES, GRAMMAR).map((clause) => {
    // A status compares by its stored name, whichever way the client spelled it.
    if (clause.type !== 'attribute' || clause.key !== 'status' || clause.comparator.endsWith('LIKE')) return clause;
    const spelled = Array.isArray(clause.value) ? clause.value : [String(clause.value)];
    const statuses = spelled.map((v) => {
      const status = parseLoggedModelStatus(v);
      if (!status)
        throw new FilterSyntaxError(`Invalid status '${v}': expected one of ${LOGGED_MODEL_STATUSES.join(', ')}.`);
      return status;
    });
    return { ...clause, value: Array.isArray(clause.value) ? statuses : statuses[0]! };
  });
}

/** SearchLoggedModels.OrderBy field names: an attribute or `metrics.<key>`. */
export function parseLoggedModelOrder(entries: { field_name: string; ascending?: boolean }[]): ModelOrder[] {
  return entries.map((e) => {
    const { type, key } = identify(e.field_name, 0, MODEL_ATTRIBUTES, GRAMMAR);
    if (type !== 'attribute' && type !== 'metric')
      throw new FilterSyntaxError(`Cannot order by '${e.field_name}': use an attribute or metrics.<key>.`);
    return { type, key, ascending: e.ascending ?? true };
  });
}
