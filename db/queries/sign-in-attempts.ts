import { sql } from 'drizzle-orm';
import type { AttemptCounter, SignInKeys } from '@/lib/sign-in-limit';
import type { Db } from '../client';
import { rowsOf } from '../rows';

// Keys other than the attempt's own whose window has passed, deleted by each attempt: bounded so one attempt
// stays cheap, enough to keep up with any rate of new keys the per-address limit lets through.
const STALE_ROWS_PER_ATTEMPT = 100;

const keysOf = (keys: SignInKeys) => (keys.ip ? [keys.email, keys.ip] : [keys.email]);

/**
 * Counts one attempt against the email and the address before the password is checked, and returns the counters
 * with the database's clock. Counting first, in one statement, is what holds under concurrency: parallel attempts
 * each get a distinct count, so no burst gets past the limit between a check and an increment. A counter whose
 * window has passed starts again at 1.
 */
export async function recordSignInAttempt(
  db: Db,
  keys: SignInKeys,
  windowSeconds: number,
): Promise<{ counters: AttemptCounter[]; now: Date }> {
  const own = keysOf(keys);
  const expired = sql`now() - make_interval(secs => ${windowSeconds})`;
  const rows = rowsOf<{ key: string; failures: number; window_started_at: string | Date; now: string | Date }>(
    await db.execute(sql`
      with stale as (
        delete from sign_in_attempts where key in (
          select key from sign_in_attempts
          where window_started_at <= ${expired} and key <> all(${sql.param(own)}::text[])
          limit ${STALE_ROWS_PER_ATTEMPT}
        )
      )
      insert into sign_in_attempts as a (key, failures, window_started_at)
      select k, 1, now() from unnest(${sql.param(own)}::text[]) as k
      on conflict (key) do update set
        failures = case when a.window_started_at <= ${expired} then 1 else a.failures + 1 end,
        window_started_at = case when a.window_started_at <= ${expired} then now() else a.window_started_at end
      returning a.key, a.failures, a.window_started_at, now() as now
    `),
  );
  return {
    counters: rows.map((r) => ({
      key: r.key,
      failures: Number(r.failures),
      windowStartedAt: new Date(r.window_started_at),
    })),
    now: new Date(rows[0]!.now),
  };
}

/**
 * After a successful sign-in: the email's failures are forgiven, and the address's counter gives back the attempt
 * counted in advance, so it keeps counting failures only (a shared office address is not limited by its successes).
 */
export async function clearSignInFailures(db: Db, keys: SignInKeys): Promise<void> {
  await db.execute(sql`
    with forgiven as (delete from sign_in_attempts where key = ${keys.email})
    update sign_in_attempts set failures = greatest(failures - 1, 0) where key = ${keys.ip ?? ''}
  `);
}
