import { sql } from 'drizzle-orm';
import pLimit from 'p-limit';
import { DomainError } from '@/lib/errors';
import { isQueryCanceled } from '@/lib/db-errors';
import type { Db } from './client';

export const DEFAULT_STATEMENT_TIMEOUT_MS = 5000;

/** RUNBOARD_STATEMENT_TIMEOUT_MS, the longest a request-time search may run (default 5 s). */
export function statementTimeoutMs(env: NodeJS.ProcessEnv = process.env): number {
  const ms = Number(env.RUNBOARD_STATEMENT_TIMEOUT_MS);
  return Number.isInteger(ms) && ms > 0 ? ms : DEFAULT_STATEMENT_TIMEOUT_MS;
}

// Searches share the pool with everything else: at most pool size − 2 run at once and the rest queue in memory,
// so a flood of slow searches (one caller's, or a crafted link opened by many) never leaves /api/health or a
// sign-in waiting for a connection.
const searchSlots = pLimit(Math.max(1, Number(process.env.RUNBOARD_DB_POOL ?? 10) - 2));

/**
 * Runs request-time queries in one read-only transaction whose statements Postgres cancels past the timeout
 * (SET LOCAL: the pool's connection goes back without it). A cancelled search becomes a 400 on `field` that says
 * what to narrow. PGlite runs in the app's own process and does not enforce statement_timeout; there the filter
 * caps bound a search instead.
 */
export async function withStatementTimeout<T>(
  db: Db,
  field: string,
  narrow: string,
  run: (tx: Db) => Promise<T>,
  ms = statementTimeoutMs(),
): Promise<T> {
  try {
    return await searchSlots(() =>
      db.transaction(
        async (tx) => {
          await tx.execute(sql.raw(`set local statement_timeout = ${Math.trunc(ms)}`));
          return run(tx as unknown as Db);
        },
        { accessMode: 'read only' },
      ),
    );
  } catch (err) {
    if (isQueryCanceled(err))
      throw new DomainError('invalid', `This search took longer than ${ms / 1000} s and was stopped. ${narrow}`, field);
    throw err;
  }
}
