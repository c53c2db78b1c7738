// The registry reads MLflow's search endpoints need: filtered, ordered, paged models and versions of one
// project, and the tags and aliases of a set of versions.
import { type SQL, and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { ModelClause, ModelOrder, TagClause, VersionClause, VersionOrder } from '@/lib/registry/search-filter';
import type { Db } from '../client';
import { compareSql } from './sql-compare';
import { modelAliases, modelVersionTags, modelVersions, registeredModelTags, registeredModels } from '../schema';

type KeyValue = { key: string; value: string };

const compare = (column: SQL, c: { comparator: string; value: string | number }) =>
  compareSql(column, c.comparator, c.value);

const modelTagCondition = (c: TagClause) =>
  sql`exists (select 1 from ${registeredModelTags} t where t.model_id = ${registeredModels.id} and t.key = ${c.key} and ${compare(sql`t.value`, c)})`;

const versionTagCondition = (c: TagClause) =>
  sql`exists (select 1 from ${modelVersionTags} t where t.version_id = ${modelVersions.id} and t.key = ${c.key} and ${compare(sql`t.value`, c)})`;

function versionCondition(c: VersionClause): SQL {
  if (c.type === 'tag') return versionTagCondition(c);
  switch (c.key) {
    case 'name':
      return compare(sql`${registeredModels.name}`, c);
    case 'source_path':
      return compare(sql`${modelVersions.source}`, c);
    // The column is int4; comparing as bigint keeps any integer the filter carries from failing in SQL.
    case 'version_number':
      return compare(sql`${modelVersions.version}::bigint`, c);
    case 'run_id':
      if (c.comparator === 'IN') return c.value.length ? inArray(modelVersions.runId, c.value) : sql`false`;
      return compare(sql`${modelVersions.runId}`, c);
  }
}

const MODEL_ORDER_COLUMNS = {
  name: registeredModels.name,
  last_updated_timestamp: registeredModels.updatedAt,
} as const;
const VERSION_ORDER_COLUMNS = {
  name: registeredModels.name,
  version_number: modelVersions.version,
  creation_timestamp: modelVersions.createdAt,
  last_updated_timestamp: modelVersions.updatedAt,
} as const;

const direction = (ascending: boolean) => sql.raw(ascending ? 'asc' : 'desc');

/** MLflow's registered-model search in one project: ties (and no order_by) by name ascending. */
export async function searchRegisteredModelsPage(
  db: Db,
  projectId: string,
  q: { clauses: ModelClause[]; order: ModelOrder[]; limit: number; offset: number },
) {
  const where = and(
    eq(registeredModels.projectId, projectId),
    ...q.clauses.map((c) => (c.type === 'tag' ? modelTagCondition(c) : compare(sql`${registeredModels.name}`, c))),
  );
  const order = q.order.map((o) => sql`${MODEL_ORDER_COLUMNS[o.key]} ${direction(o.ascending)}`);
  if (!q.order.some((o) => o.key === 'name')) order.push(sql`${registeredModels.name} asc`);
  const [models, [total]] = await Promise.all([
    db
      .select()
      .from(registeredModels)
      .where(where)
      .orderBy(...order)
      .limit(q.limit)
      .offset(q.offset),
    db
      .select({ n: sql<number>`count(*)::int` })
      .from(registeredModels)
      .where(where),
  ]);
  return { models, total: total?.n ?? 0 };
}

/**
 * MLflow's model-version search in one project. Without order_by: last updated first, then name ascending,
 * then version descending (the SQL store's default); those two also break any remaining ties.
 */
export async function searchModelVersionsPage(
  db: Db,
  projectId: string,
  q: { clauses: VersionClause[]; order: VersionOrder[]; limit: number; offset: number },
) {
  const terms: VersionOrder[] = q.order.length ? [...q.order] : [{ key: 'last_updated_timestamp', ascending: false }];
  if (!terms.some((o) => o.key === 'name')) terms.push({ key: 'name', ascending: true });
  if (!terms.some((o) => o.key === 'version_number')) terms.push({ key: 'version_number', ascending: false });
  const where = and(eq(registeredModels.projectId, projectId), ...q.clauses.map(versionCondition));
  const [rows, [total]] = await Promise.all([
    db
      .select({ modelName: registeredModels.name, version: modelVersions })
      .from(modelVersions)
      .innerJoin(registeredModels, eq(registeredModels.id, modelVersions.modelId))
      .where(where)
      .orderBy(...terms.map((o) => sql`${VERSION_ORDER_COLUMNS[o.key]} ${direction(o.ascending)}`))
      .limit(q.limit)
      .offset(q.offset),
    db
      .select({ n: sql<number>`count(*)::int` })
      .from(modelVersions)
      .innerJoin(registeredModels, eq(registeredModels.id, modelVersions.modelId))
      .where(where),
  ]);
  return { rows, total: total?.n ?? 0 };
}

/** Tags and alias names of each version, keyed by version id. */
export async function getVersionTagsAndAliases(db: Db, versionIds: string[]) {
  const tags = new Map<string, KeyValue[]>();
  const aliases = new Map<string, string[]>();
  if (versionIds.length === 0) return { tags, aliases };
  const [tagRows, aliasRows] = await Promise.all([
    db
      .select()
      .from(modelVersionTags)
      .where(inArray(modelVersionTags.versionId, versionIds))
      .orderBy(asc(modelVersionTags.key)),
    db.select().from(modelAliases).where(inArray(modelAliases.versionId, versionIds)).orderBy(asc(modelAliases.alias)),
  ]);
  for (const t of tagRows) tags.set(t.versionId, [...(tags.get(t.versionId) ?? []), { key: t.key, value: t.value }]);
  for (const a of aliasRows) aliases.set(a.versionId, [...(aliases.get(a.versionId) ?? []), a.alias]);
  return { tags, aliases };
}
