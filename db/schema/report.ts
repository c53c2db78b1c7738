import { integer, pgEnum, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { REPORT_SECTIONS } from '@/lib/report/render';
import { users } from './auth';
import { projects } from './projects';

export const reportSection = pgEnum('report_section', REPORT_SECTIONS);

/** The editable narrative of each generated-report section; the rest of the report is read live. */
export const reportNarratives = pgTable(
  'report_narratives',
  {
    projectId: uuid('project_id')
      .notNull()
      .references(() => projects.id, { onDelete: 'cascade' }),
    section: reportSection('section').notNull(),
    body: text('body').notNull().default(''),
    version: integer('version').notNull().default(1),
    updatedBy: text('updated_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.projectId, t.section] })],
);
