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
import type { PostJson } from '@/server/outbound';
import { STALE_CLAIM_MS, runDueChecks } from '@/server/scheduler';
import { startReceiver } from './helpers/receiver';

let t: TestDb;
let projectId: string;
let monitorId: string;
let owner: Awaited<ReturnType<typeof createUser>>;
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
  const impl: PostJson = async (url, body) => {
    calls.push({ url, body: body as Record<string, unknown> });
    return 'delivered';
  };
  return { calls, impl };
}

beforeAll(async () => {
  t = await openTestDb();
  owner = await createUser(t.db, null, { email: 'sam@example.com', name: 'Sam', password: 'password-1' });
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
    expect((await getMonitoringSettings(t.db, projectId)).lastDeliveryStatus).toBe('delivered');
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
  const project = () => ({ id: projectId, slug: 'sched' });
  const firstAlert = async () =>
    (await t.db.select().from(monitoringAlerts).where(eq(monitoringAlerts.monitorId, monitorId)))[0]!;
  const status = async () => (await getMonitoringSettings(t.db, projectId)).lastDeliveryStatus;

  it('logs a failing receiver instead of throwing, and shows the owner only a coarse outcome', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const alert = await firstAlert();
    const throwing: PostJson = async () => {
      throw new TypeError('fetch failed');
    };
    await expect(deliverNewAlerts(t.db, project(), 'demand', [alert], 'http://runboard.test', throwing)).resolves.toBe(
      'failed',
    );
    const receiver = await startReceiver((_req, res) => {
      res.statusCode = 500;
      res.end('internal detail the owner must not see');
    });
    vi.stubEnv('RUNBOARD_OUTBOUND_ALLOW_HOSTS', '127.0.0.1');
    try {
      await saveWebhookUrl(t.db, owner, projectId, 1, receiver.url);
      await expect(deliverNewAlerts(t.db, project(), 'demand', [alert], 'http://runboard.test')).resolves.toBe(
        'failed',
      );
      expect(receiver.requests).toHaveLength(1);
      expect(await status()).toBe('failed');
    } finally {
      vi.unstubAllEnvs();
      await receiver.close();
    }
    expect(warn).toHaveBeenCalled();
    warn.mockRestore();
  });

  it('checks the saved URL again when it calls it: an internal address is refused without a connection', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const alert = await firstAlert();
    const receiver = await startReceiver();
    try {
      // saved while the operator allowed it (or before this rule existed); the allowance is gone now
      await saveWebhookUrl(t.db, owner, projectId, 2, receiver.url);
      await expect(deliverNewAlerts(t.db, project(), 'demand', [alert], 'http://runboard.test')).resolves.toBe(
        'refused by policy',
      );
      expect(receiver.requests).toEqual([]);
      expect(await status()).toBe('refused by policy');
      vi.stubEnv('RUNBOARD_OUTBOUND_ALLOW_HOSTS', '127.0.0.1');
      await expect(deliverNewAlerts(t.db, project(), 'demand', [alert], 'http://runboard.test')).resolves.toBe(
        'delivered',
      );
      expect(receiver.requests.map((r) => JSON.parse(r.body).event)).toEqual(['monitoring.alert.opened']);
      expect(await status()).toBe('delivered');
    } finally {
      vi.unstubAllEnvs();
      await receiver.close();
      warn.mockRestore();
    }
  });
});
