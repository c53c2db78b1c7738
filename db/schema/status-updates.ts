import { index, pgEnum, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { PROJECT_HEALTHS } from '@/lib/overview/health';
import { users } from './auth';
import { projects } from './projects';

export const projectHealth = pgEnum('project_health', PROJECT_HEALTHS);

/** Written project updates (as in Linear): who, when, the health they chose and a Markdown body; never edited. */
export const projectStatusUpdates = pgTable(
  'project_status_updates',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    projectId: uuid('project_id')
      .notNull()
      .references(() => projects.id, { onDelete: 'cascade' }),
    authorId: text('author_id').references(() => users.id, { onDelete: 'set null' }),
    health: projectHealth('health').notNull(),
    body: text('body').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('project_status_updates_project_idx').on(t.projectId, t.createdAt)],
);
