import { and, desc, eq, ilike, or, sql } from 'drizzle-orm';
import { TASK_STATUS_LABELS, taskRef } from '@/lib/board/vocabulary';
import { RISK_STATUS_LABELS } from '@/lib/risks/scoring';
import type { Db } from '../client';
import { registeredModels, risks, runs, tasks } from '../schema';

/** One thing the command palette can jump to. */
export type SearchHit = { kind: 'run' | 'model' | 'risk' | 'task'; id: string; label: string; detail: string };

const PER_KIND = 6;

/** `text` as a literal inside an ILIKE pattern: the person's `%` and `_` match themselves. */
const contains = (text: string) => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/**
 * The palette's search of one project: runs by name or id, models by name, risks and tasks by title
 * (tasks by their T-number too). The newest first, a few of each kind.
 */
export async function searchProject(db: Db, projectId: string, text: string): Promise<SearchHit[]> {
  const pattern = contains(text);
  const taskNumber = /^t-?(\d{1,9})$/i.exec(text)?.[1];
  const [runRows, modelRows, riskRows, taskRows] = await Promise.all([
    db
      .select({ id: runs.id, name: runs.name, status: runs.status })
      .from(runs)
      .where(
        and(
          eq(runs.projectId, projectId),
          eq(runs.lifecycleStage, 'active'),
          or(ilike(runs.name, pattern), ilike(runs.id, `${text.replace(/[\\%_]/g, '')}%`)),
        ),
      )
      .orderBy(desc(runs.startTime))
      .limit(PER_KIND),
    db
      .select({ name: registeredModels.name })
      .from(registeredModels)
      .where(and(eq(registeredModels.projectId, projectId), ilike(registeredModels.name, pattern)))
      .orderBy(registeredModels.name)
      .limit(PER_KIND),
    db
      .select({ id: risks.id, title: risks.title, status: risks.status })
      .from(risks)
      .where(and(eq(risks.projectId, projectId), ilike(risks.title, pattern)))
      .orderBy(desc(risks.createdAt))
      .limit(PER_KIND),
    db
      .select({ id: tasks.id, number: tasks.number, title: tasks.title, status: tasks.status })
      .from(tasks)
      .where(
        and(
          eq(tasks.projectId, projectId),
          taskNumber
            ? or(ilike(tasks.title, pattern), eq(tasks.number, Number(taskNumber)))
            : ilike(tasks.title, pattern),
        ),
      )
      .orderBy(sql`${tasks.number} desc`)
      .limit(PER_KIND),
  ]);
  return [
    ...runRows.map((r) => ({
      kind: 'run' as const,
      id: r.id,
      label: r.name,
      detail: `Run · ${r.status.toLowerCase()}`,
    })),
    ...modelRows.map((m) => ({ kind: 'model' as const, id: m.name, label: m.name, detail: 'Model' })),
    ...riskRows.map((r) => ({
      kind: 'risk' as const,
      id: r.id,
      label: r.title,
      detail: `Risk · ${RISK_STATUS_LABELS[r.status]}`,
    })),
    ...taskRows.map((t) => ({
      kind: 'task' as const,
      id: t.id,
      label: `${taskRef(t.number)} ${t.title}`,
      detail: `Task · ${TASK_STATUS_LABELS[t.status]}`,
    })),
  ];
}
