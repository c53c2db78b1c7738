import { index, integer, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

// Failed sign-in counters, one row per key ("email:<address>" or "ip:<address>") in a fixed window. They live in the
// database so every instance on one Postgres counts together; rows whose window has passed are deleted as attempts come in.
export const signInAttempts = pgTable(
  'sign_in_attempts',
  {
    key: text('key').primaryKey(),
    failures: integer('failures').notNull(),
    windowStartedAt: timestamp('window_started_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('sign_in_attempts_window_idx').on(t.windowStartedAt)],
);
