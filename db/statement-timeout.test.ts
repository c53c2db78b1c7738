// Request-time searches run under a statement timeout and a cap on concurrent searches. PGlite runs inside the
// app's process and does not enforce statement_timeout (checked: pg_sleep(1) under a 200 ms timeout completes),
// so the timing checks run on Postgres; the mapping of a cancelled statement is checked on both.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestDb, openTestDb } from '@/db/test-db';
import { DomainError } from '@/lib/errors';
import { rejection } from '@/tests/helpers/rejection';
import { withStatementTimeout } from './statement-timeout';

const postgres = process.env.RUNBOARD_TEST_BACKEND === 'postgres';
let t: TestDb;
beforeAll(async () => {
  t = await openTestDb();
});
afterAll(() => t.cleanup());

const NARROW = 'Narrow it.';

describe('withStatementTimeout', () => {
  it('answers a cancelled statement with a 400 on the field that says what to narrow', async () => {
    const cancelled = await rejection(
      withStatementTimeout(t.db, 'filter', NARROW, (tx) =>
        tx.execute(sql`do $$ begin raise exception 'canceling statement' using errcode = 'query_canceled'; end $$`),
      ),
    );
    expect(cancelled).toBeInstanceOf(DomainError);
    expect(cancelled).toMatchObject({ kind: 'invalid', field: 'filter' });
    expect(cancelled.message).toBe('This search took longer than 5 s and was stopped. Narrow it.');
  });

  it('cancels a slow search at the timeout, on Postgres', async () => {
    if (!postgres) return;
    const started = performance.now();
    const err = await rejection(
      withStatementTimeout(t.db, 'filter', NARROW, (tx) => tx.execute(sql`select pg_sleep(5)`), 200),
    );
    expect(err.message).toMatch(/took longer than 0.2 s/);
    expect(performance.now() - started).toBeLessThan(3000);
  });

  it('keeps a connection free for others while one caller floods slow searches, on Postgres', async () => {
    if (!postgres) return;
    const flood = Array.from({ length: 30 }, () =>
      withStatementTimeout(t.db, 'filter', NARROW, (tx) => tx.execute(sql`select pg_sleep(0.5)`)),
    );
    const started = performance.now();
    await t.db.execute(sql`select 1`); // what /api/health runs
    const healthMs = performance.now() - started;
    await Promise.all(flood);
    expect(healthMs).toBeLessThan(400);
  });
});
