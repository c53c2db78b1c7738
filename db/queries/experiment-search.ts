import { type SQL, and, asc, eq, sql } from 'drizzle-orm';
import type { ExperimentClause, ExperimentOrder } from '@/lib/tracking/experiment-filter';
import type { Db } from '../client';
import { compareSql } from './sql-compare';
import { experimentTags, experiments } from '../schema';
import { DEFAULT_EXPERIMENT, type ViewType, lifecycleFilter } from './experiments';

const epochMs = (column: typeof experiments.createdAt | typeof experiments.updatedAt) =>
  sql`floor(extract(epoch from ${column}) * 1000)::bigint`;

function attributeColumn(key: string): SQL {
  if (key === 'creation_time') return epochMs(experiments.createdAt);
  if (key === 'last_update_time') return epochMs(experiments.updatedAt);
  return sql`${experiments.name}`;
}

const compare = (column: SQL, c: ExperimentClause) => compareSql(column, c.comparator, c.value);

/** One clause → a bound condition on `experiments`; values are always parameters. */
function clauseToSql(c: ExperimentClause): SQL {
  if (c.type === 'tag') {
    return sql`exists (select 1 from ${experimentTags} t where t.experiment_id = ${experiments.id} and t.key = ${c.key} and ${compare(sql`t.value`, c)})`;
  }
  return compare(attributeColumn(c.key), c);
}

const ORDER_COLUMNS = {
  name: experiments.name,
  experiment_id: experiments.id,
  creation_time: experiments.createdAt,
  last_update_time: experiments.updatedAt,
} as const;

/**
 * MLflow's experiment search, scoped to a project. Without order_by: newest first, then id ascending
 * (MLflow's SQL store default); experiment id descending breaks remaining ties.
 */
export async function searchExperiments(
  db: Db,
  projectId: string,
  q: { clauses: ExperimentClause[]; order: ExperimentOrder[]; view: ViewType; limit: number; offset: number },
) {
  const order = q.order.length
    ? q.order
    : [
        { key: 'creation_time', ascending: false },
        { key: 'experiment_id', ascending: true },
      ];
  const orderSql = order.map(
    (o) => sql`${ORDER_COLUMNS[o.key as keyof typeof ORDER_COLUMNS]} ${sql.raw(o.ascending ? 'asc' : 'desc')}`,
  );
  if (!order.some((o) => o.key === 'experiment_id')) orderSql.push(sql`${experiments.id} desc`);
  const where = and(
    eq(experiments.projectId, projectId),
    lifecycleFilter(experiments.lifecycleStage, q.view),
    ...q.clauses.map(clauseToSql),
  );
  const [rows, [total]] = await Promise.all([
    db
      .select()
      .from(experiments)
      .where(where)
      .orderBy(...orderSql)
      .limit(q.limit)
      .offset(q.offset),
    db
      .select({ n: sql<number>`count(*)::int` })
      .from(experiments)
      .where(where),
  ]);
  return { experiments: rows, total: total?.n ?? 0 };
}

/** The project's Default experiment, which MLflow clients address as experiment "0". */
export async function getDefaultExperimentId(db: Db, projectId: string): Promise<number | null> {
  const [row] = await db
    .select({ id: experiments.id })
    .from(experiments)
    .where(eq(experiments.projectId, projectId))
    .orderBy(sql`${experiments.name} = ${DEFAULT_EXPERIMENT} desc`, asc(experiments.id))
    .limit(1);
  return row?.id ?? null;
}
