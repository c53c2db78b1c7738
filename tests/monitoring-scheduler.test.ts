// The scheduler without a timer: runDueChecks is what every app instance runs each minute. Two instances
// ticking at once must run each due window once and raise (and announce) each alert once.
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { getMonitor, getMonitoringSettings, saveWebhookUrl } from '@/db/queries/monitoring';
import { setReferenceWindow } from '@/db/queries/monitoring-reference';
import { ingestPredictions } from '@/db/queries/predictions';
import { createProject } from '@/db/queries/projects';
import { createModelVersion, createRegisteredModel, transitionModelVersionStage } from '@/db/queries/registry';
import { createUser } from '@/db/queries/users';
import { driftChecks, monitoringAlerts, monitors } from '@/db/schema';
import { type TestDb, openTestDb } from '@/db/test-db';
import { deliverNewAlerts } from '@/server/alert-webhook';
import { STALE_CLAIM_MS, runDueChecks } from '@/server/scheduler';

let t: TestDb;
let projectId: string;
let monitorId: string;
const DAY = 86_400_000;
const T0 = Date.parse('2024-05-01T00:00:00Z');

const day = (prefix: string, d: number, shift: number) =>
  Array.from({ length: 80 }, (_, i) => ({
    id: `${prefix}-${i}`,
    timestamp: T0 + d * DAY + i * 60_000,
    features: { x: (i % 40) + shift },
    prediction: 1,
  }));

function recordingFetch() {
  const calls: { url: string; body: Record<string, unknown> }[] = [];
  const impl: typeof fetch = async (input, init) => {
    calls.push({ url: String(input), body: JSON.parse(String(init?.body)) as Record<string, unknown> });
    return new Response('ok', { status: 200 });
  };
  return { calls, impl };
}

beforeAll(async () => {
  t = await openTestDb();
  const owner = await createUser(t.db, null, { email: 'sam@example.com', name: 'Sam', password: 'password-1' });
  projectId = (await createProject(t.db, owner, { slug: 'sched', name: 'Scheduler', problemStatement: '' })).id;
  await createRegisteredModel(t.db, owner, projectId, { name: 'demand' });
  await createModelVersion(t.db, owner, projectId, { name: 'demand' });
  await transitionModelVersionStage(t.db, owner, projectId, {
    name: 'demand',
    version: 1,
    stage: 'Production',
    archiveExisting: true,
    reason: 'ship',
  });
  await ingestPredictions(t.db, projectId, 'demand', 'Production', day('d0', 0, 0));
  await ingestPredictions(t.db, projectId, 'demand', 'Production', day('d1', 1, 30));
  await ingestPredictions(t.db, projectId, 'demand', 'Production', day('d2', 2, 30));
  monitorId = (await getMonitor(t.db, projectId, 'demand')).monitor.id;
  await setReferenceWindow(t.db, owner, projectId, monitorId, new Date(T0), new Date(T0 + DAY));
  await t.db
    .update(monitors)
    .set({ schedule: 'daily', scheduleSince: new Date(T0) })
    .where(eq(monitors.id, monitorId));
  await saveWebhookUrl(t.db, owner, projectId, 0, 'https://hooks.example.test/runboard');
});
afterAll(() => t.cleanup());

describe('runDueChecks', () => {
  it('runs each due window once when two instances tick at the same moment', async () => {
    const now = T0 + 2 * DAY + 10 * 60_000;
    const [a, b] = [recordingFetch(), recordingFetch()];
    const [first, second] = await Promise.all([runDueChecks(t.db, now, a.impl), runDueChecks(t.db, now, b.impl)]);
    const ran = [...first, ...second].map((o) => o.check.windowStart.toISOString()).sort();
    expect(ran).toEqual([new Date(T0).toISOString(), new Date(T0 + DAY).toISOString()]);
    const rows = await t.db
      .select()
      .from(driftChecks)
      .where(and(eq(driftChecks.monitorId, monitorId), eq(driftChecks.trigger, 'scheduled')));
    expect(rows.map((r) => r.status).sort()).toEqual(['done', 'done']);
    const alerts = await t.db.select().from(monitoringAlerts).where(eq(monitoringAlerts.monitorId, monitorId));
    expect(alerts.map((x) => `${x.kind}:${x.subject}`).sort()).toEqual(['dataset_drift:*', 'drift:x']);
    const calls = [...a.calls, ...b.calls];
    expect(calls).toHaveLength(1);
    expect(calls[0]).toMatchObject({
      url: 'https://hooks.example.test/runboard',
      body: { event: 'monitoring.alert.opened', project: 'sched', model: 'demand' },
    });
    expect((calls[0]!.body.alerts as unknown[]).length).toBe(2);
    expect((await getMonitoringSettings(t.db, projectId)).lastDeliveryStatus).toBe('delivered (HTTP 200)');
  });

  it('has nothing to do on the next tick of the same window', async () => {
    expect(await runDueChecks(t.db, T0 + 2 * DAY + 11 * 60_000)).toEqual([]);
  });

  it('takes over a claim whose instance died, once', async () => {
    const now = T0 + 3 * DAY + 10 * 60_000;
    await t.db.insert(driftChecks).values({
      projectId,
      monitorId,
      trigger: 'scheduled',
      windowStart: new Date(T0 + 2 * DAY),
      windowEnd: new Date(T0 + 3 * DAY),
      claimedAt: new Date(now - STALE_CLAIM_MS - 1),
    });
    const fetchImpl = recordingFetch();
    const outcomes = (
      await Promise.all([runDueChecks(t.db, now, fetchImpl.impl), runDueChecks(t.db, now, fetchImpl.impl)])
    ).flat();
    expect(outcomes.map((o) => [o.check.windowStart.toISOString(), o.check.status])).toEqual([
      [new Date(T0 + 2 * DAY).toISOString(), 'done'],
    ]);
    // the drift continues: the open alerts are updated, nothing new is announced
    expect(outcomes[0]!.newAlerts).toEqual([]);
    expect(fetchImpl.calls).toHaveLength(0);
  });
});

describe('deliverNewAlerts', () => {
  it('logs a failing or slow receiver instead of throwing', async () => {
    const [alert] = await t.db.select().from(monitoringAlerts).where(eq(monitoringAlerts.monitorId, monitorId));
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const project = { id: projectId, slug: 'sched' };
    const refused: typeof fetch = async () => {
      throw new TypeError('fetch failed');
    };
    await expect(deliverNewAlerts(t.db, project, 'demand', [alert!], 'http://runboard.test', refused)).resolves.toBe(
      'failed: fetch failed',
    );
    const slow: typeof fetch = async () => {
      throw new DOMException('The operation was aborted due to timeout', 'TimeoutError');
    };
    await expect(deliverNewAlerts(t.db, project, 'demand', [alert!], 'http://runboard.test', slow)).resolves.toBe(
      'failed: timed out after 5 s',
    );
    const status500: typeof fetch = async () => new Response('no', { status: 500 });
    await expect(deliverNewAlerts(t.db, project, 'demand', [alert!], 'http://runboard.test', status500)).resolves.toBe(
      'failed: HTTP 500',
    );
    expect((await getMonitoringSettings(t.db, projectId)).lastDeliveryStatus).toBe('failed: HTTP 500');
    expect(warn).toHaveBeenCalledTimes(3);
    warn.mockRestore();
  });
});
