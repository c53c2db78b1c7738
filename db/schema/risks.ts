import {
  bigserial,
  date,
  doublePrecision,
  index,
  integer,
  pgEnum,
  pgTable,
  text,
  timestamp,
  uuid,
} from 'drizzle-orm/pg-core';
import { RISK_CATEGORIES, RISK_LEVELS, RISK_RESPONSES, RISK_STATUSES } from '@/lib/risks/scoring';
import { users } from './auth';
import { projects } from './projects';

export const riskLevel = pgEnum('risk_level', RISK_LEVELS);
export const riskCategory = pgEnum('risk_category', RISK_CATEGORIES);
export const riskResponse = pgEnum('risk_response', RISK_RESPONSES);
export const riskStatus = pgEnum('risk_status', RISK_STATUSES);

export const risks = pgTable(
  'risks',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    projectId: uuid('project_id')
      .notNull()
      .references(() => projects.id, { onDelete: 'cascade' }),
    title: text('title').notNull(),
    description: text('description').notNull().default(''),
    category: riskCategory('category').notNull(),
    likelihood: riskLevel('likelihood').notNull(),
    impact: riskLevel('impact').notNull(),
    ownerId: text('owner_id').references(() => users.id, { onDelete: 'set null' }),
    response: riskResponse('response').notNull().default('mitigate'),
    mitigationPlan: text('mitigation_plan').notNull().default(''),
    mitigationPct: integer('mitigation_pct').notNull().default(0),
    status: riskStatus('status').notNull().default('open'),
    nextReviewDate: date('next_review_date', { mode: 'string' }),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('risks_project_idx').on(t.projectId)],
);

/** One row per change of likelihood, impact or mitigation: the history of a risk's score. */
export const riskScoreChanges = pgTable(
  'risk_score_changes',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    riskId: uuid('risk_id')
      .notNull()
      .references(() => risks.id, { onDelete: 'cascade' }),
    likelihood: riskLevel('likelihood').notNull(),
    impact: riskLevel('impact').notNull(),
    mitigationPct: integer('mitigation_pct').notNull(),
    score: integer('score').notNull(),
    residual: doublePrecision('residual').notNull(),
    userId: text('user_id').references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('risk_score_changes_risk_idx').on(t.riskId, t.id)],
);

export type Risk = typeof risks.$inferSelect;
