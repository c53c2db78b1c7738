import { type SQL, sql } from 'drizzle-orm';
import type { Db } from '@/db/client';

/** Rows of a raw query on either driver (postgres.js returns an array, PGlite `{ rows }`). */
export async function rawRows<T extends Record<string, unknown>>(db: Db, query: SQL): Promise<T[]> {
  const result: unknown = await db.execute(query);
  if (Array.isArray(result)) return result as T[];
  return (result as { rows: T[] }).rows;
}

/**
 * A digest of every row of every table in the public schema (tables added later included), so a test
 * can prove that a refused request wrote nothing. `last_used_at` is left out: authenticating a token
 * legitimately stamps it even when the request is then refused. So is `sign_in_attempts`: a refused
 * sign-in is counted by design.
 */
export async function snapshotDatabase(db: Db): Promise<Record<string, string>> {
  const tables = await rawRows<{ name: string }>(
    db,
    sql`select table_name as name from information_schema.tables
        where table_schema = 'public' and table_type = 'BASE TABLE' and table_name <> 'sign_in_attempts' order by table_name`,
  );
  if (tables.length === 0) return {};
  // One statement for all tables: a snapshot is taken twice per probe, hundreds of times per run.
  const perTable = tables.map(
    ({ name }) =>
      sql`select ${name}::text as name, count(*) as n, md5(string_agg((to_jsonb(x) - 'last_used_at')::text, '|' order by (to_jsonb(x) - 'last_used_at')::text)) as digest from ${sql.identifier(name)} x`,
  );
  const rows = await rawRows<{ name: string; n: number | string; digest: string | null }>(
    db,
    sql.join(perTable, sql` union all `),
  );
  return Object.fromEntries(rows.map((r) => [r.name, `${Number(r.n)}:${r.digest ?? ''}`]));
}
