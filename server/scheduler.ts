import { and, eq, inArray, lt } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { getDb } from '@/db/client';
import { type CheckOutcome, claimScheduledWindow, completeCheck } from '@/db/queries/drift-checks';
import { getMonitorById, listScheduledMonitors } from '@/db/queries/monitoring';
import { driftChecks, projects } from '@/db/schema';
import { describeErrorForLog } from '@/lib/log-error';
import { dueWindows } from '@/lib/monitoring/windows';
import { deliverNewAlerts } from './alert-webhook';
import type { PostJson } from './outbound';

// Scheduled drift and performance checks, run by every app instance without anyone opening a page. Each
// due window is claimed by inserting its row under a unique (monitor, window_start) index, so however many
// instances tick at once, one of them runs it; a claim left "running" by a crashed instance is taken over.

export const TICK_MS = 60_000;
/** A claim older than this that never finished belongs to an instance that died mid-check. */
export const STALE_CLAIM_MS = 15 * 60_000;

const appOrigin = () => process.env.RUNBOARD_URL ?? `http://localhost:${process.env.PORT ?? 3000}`;

type Claimed = { checkId: string; monitorId: string; projectId: string; start: Date; end: Date };

async function claimDue(db: Db, now: number): Promise<Claimed[]> {
  const claimed: Claimed[] = [];
  for (const monitor of await listScheduledMonitors(db)) {
    const windows = dueWindows(monitor.schedule, now, monitor.scheduleSince.getTime());
    if (windows.length === 0) continue;
    const taken = await db
      .select({ start: driftChecks.windowStart })
      .from(driftChecks)
      .where(
        and(
          eq(driftChecks.monitorId, monitor.id),
          eq(driftChecks.trigger, 'scheduled'),
          inArray(
            driftChecks.windowStart,
            windows.map((w) => w.start),
          ),
        ),
      );
    const seen = new Set(taken.map((t) => t.start.getTime()));
    for (const w of windows) {
      if (seen.has(w.start.getTime())) continue;
      const checkId = await claimScheduledWindow(db, monitor.projectId, monitor.id, w);
      if (checkId)
        claimed.push({ checkId, monitorId: monitor.id, projectId: monitor.projectId, start: w.start, end: w.end });
    }
  }
  return claimed;
}

/**
 * Takes over scheduled claims whose instance died. The UPDATE re-checks staleness on the row it locks, and
 * the winner's new claimed_at is fresh, so of several instances reclaiming at once exactly one gets it.
 */
async function reclaimStale(db: Db, now: number): Promise<Claimed[]> {
  const staleBefore = new Date(now - STALE_CLAIM_MS);
  const isStale = (id?: string) =>
    and(
      eq(driftChecks.status, 'running'),
      eq(driftChecks.trigger, 'scheduled'),
      lt(driftChecks.claimedAt, staleBefore),
      id ? eq(driftChecks.id, id) : undefined,
    );
  const stale = await db.select().from(driftChecks).where(isStale());
  const out: Claimed[] = [];
  for (const s of stale) {
    const [won] = await db
      .update(driftChecks)
      .set({ claimedAt: new Date(now) })
      .where(isStale(s.id))
      .returning({ id: driftChecks.id });
    if (won)
      out.push({
        checkId: s.id,
        monitorId: s.monitorId,
        projectId: s.projectId,
        start: s.windowStart,
        end: s.windowEnd,
      });
  }
  return out;
}

/** One scheduler tick: claim every due window this instance can, run those checks, announce new alerts. */
export async function runDueChecks(db: Db, now = Date.now(), post?: PostJson): Promise<CheckOutcome[]> {
  const work = [...(await reclaimStale(db, now)), ...(await claimDue(db, now))];
  const outcomes: CheckOutcome[] = [];
  for (const job of work) {
    try {
      const target = await getMonitorById(db, job.projectId, job.monitorId);
      const outcome = await completeCheck(db, job.projectId, job.checkId, target, { start: job.start, end: job.end });
      outcomes.push(outcome);
      if (outcome.newAlerts.length) {
        const [project] = await db
          .select({ id: projects.id, slug: projects.slug })
          .from(projects)
          .where(eq(projects.id, job.projectId));
        if (project) await deliverNewAlerts(db, project, target.model.name, outcome.newAlerts, appOrigin(), post);
      }
    } catch (err) {
      console.error(`scheduled drift check ${job.checkId} failed`, describeErrorForLog(err));
    }
  }
  return outcomes;
}

const globalForScheduler = globalThis as unknown as { runboardScheduler?: ReturnType<typeof setInterval> };

/** Starts ticking once per process (dev hot reloads included); RUNBOARD_SCHEDULER=off leaves it to other instances. */
export function startScheduler(): void {
  if (globalForScheduler.runboardScheduler || process.env.RUNBOARD_SCHEDULER === 'off') return;
  let running = false;
  const tick = async () => {
    if (running) return;
    running = true;
    try {
      await runDueChecks(await getDb());
    } catch (err) {
      console.error('monitoring scheduler tick failed', describeErrorForLog(err));
    } finally {
      running = false;
    }
  };
  globalForScheduler.runboardScheduler = setInterval(() => void tick(), TICK_MS);
  globalForScheduler.runboardScheduler.unref?.();
  void tick();
}
