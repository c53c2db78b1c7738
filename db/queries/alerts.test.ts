import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestDb, openTestDb } from '../test-db';
import { risks, taskRiskLinks, tasks } from '../schema';
import { countActiveAlerts, listAlerts, openRiskAndTask, transitionAlert } from './alerts';
import { runDriftCheck } from './drift-checks';
import { getMonitor } from './monitoring';
import { setReferenceWindow } from './monitoring-reference';
import { ingestPredictions } from './predictions';
import { createProject } from './projects';
import { createModelVersion, createRegisteredModel, transitionModelVersionStage } from './registry';
import { createUser } from './users';

let t: TestDb;
let projectId: string;
const owner = { id: '', isAdmin: false };
const admin = { id: '', isAdmin: true };
const T0 = Date.parse('2024-05-01T00:00:00Z');
const HOUR = 3_600_000;

const rows = (prefix: string, hour: number, shift: number) =>
  Array.from({ length: 60 }, (_, i) => ({
    id: `${prefix}-${i}`,
    timestamp: T0 + hour * HOUR + i * 1000,
    features: { x: (i % 30) + shift, segment: i % 3 === 0 ? 'a' : 'b' },
    prediction: 1,
  }));

beforeAll(async () => {
  t = await openTestDb();
  owner.id = (await createUser(t.db, null, { email: 'ola@example.com', name: 'Ola', password: 'password-1' })).id;
  admin.id = (
    await createUser(t.db, null, { email: 'root@example.com', name: 'Root', password: 'password-1', isAdmin: true })
  ).id;
  projectId = (await createProject(t.db, owner, { slug: 'alerts', name: 'Alerts', problemStatement: '' })).id;
  await createRegisteredModel(t.db, owner, projectId, { name: 'price' });
  await createModelVersion(t.db, owner, projectId, { name: 'price' });
  await transitionModelVersionStage(t.db, owner, projectId, {
    name: 'price',
    version: 1,
    stage: 'Production',
    archiveExisting: true,
    reason: 'ship',
  });
  await ingestPredictions(t.db, projectId, 'price', 'Production', rows('ref', 0, 0));
  await ingestPredictions(t.db, projectId, 'price', 'Production', rows('cur', 1, 25));
  const { monitor } = await getMonitor(t.db, projectId, 'price');
  await setReferenceWindow(t.db, owner, projectId, monitor.id, new Date(T0), new Date(T0 + HOUR));
  await runDriftCheck(t.db, owner, projectId, monitor.id, { start: new Date(T0 + HOUR), end: new Date(T0 + 2 * HOUR) });
});
afterAll(() => t.cleanup());

const driftAlert = async () =>
  (await listAlerts(t.db, projectId, { filter: 'all' })).find(
    (a) => a.alert.kind === 'drift' && a.alert.subject === 'x',
  )!.alert;

describe('alert lifecycle', () => {
  it('lists unresolved alerts first and counts them for the overview', async () => {
    const active = await listAlerts(t.db, projectId);
    expect(active.map((a) => `${a.alert.kind}:${a.alert.subject}`).sort()).toEqual(['dataset_drift:*', 'drift:x']);
    expect(active.every((a) => a.modelName === 'price')).toBe(true);
    expect(await countActiveAlerts(t.db, projectId)).toEqual({ open: 2, acknowledged: 0, critical: 2 });
  });

  it('moves open → acknowledged → resolved and refuses going back', async () => {
    const alert = await driftAlert();
    const acked = await transitionAlert(t.db, owner, projectId, alert.id, 'acknowledged');
    expect(acked).toMatchObject({ status: 'acknowledged', acknowledgedBy: owner.id });
    await expect(transitionAlert(t.db, owner, projectId, alert.id, 'acknowledged')).rejects.toThrow(
      'This alert is already acknowledged.',
    );
    expect(await countActiveAlerts(t.db, projectId)).toMatchObject({ open: 1, acknowledged: 1 });
    await transitionAlert(t.db, owner, projectId, alert.id, 'resolved');
    expect((await listAlerts(t.db, projectId, { filter: 'resolved' })).map((a) => a.alert.id)).toEqual([alert.id]);
    await expect(transitionAlert(t.db, owner, projectId, alert.id, 'resolved')).rejects.toThrow('already resolved');
  });

  it('refuses an alert of another project', async () => {
    const other = (await createProject(t.db, owner, { slug: 'other', name: 'Other', problemStatement: '' })).id;
    await expect(transitionAlert(t.db, owner, other, (await driftAlert()).id, 'resolved')).rejects.toThrow(
      'Alert not found.',
    );
  });
});

describe('openRiskAndTask', () => {
  it('opens a drift risk and a retrain task, links them and the alert, once', async () => {
    const alert = (await listAlerts(t.db, projectId)).find((a) => a.alert.kind === 'dataset_drift')!.alert;
    const first = await openRiskAndTask(
      t.db,
      owner,
      projectId,
      alert.id,
      'http://runboard.test/alerts/monitoring/price',
    );
    expect(first.created).toBe(true);
    const [risk] = await t.db.select().from(risks).where(eq(risks.id, first.alert.riskId!));
    expect(risk).toMatchObject({
      projectId,
      category: 'drift_skew',
      likelihood: 'High',
      impact: 'High',
      status: 'open',
      ownerId: owner.id,
      title: 'price: dataset drift on the input data',
    });
    expect(risk!.description).toContain('http://runboard.test/alerts/monitoring/price');
    const [task] = await t.db.select().from(tasks).where(eq(tasks.id, first.alert.taskId!));
    expect(task).toMatchObject({
      projectId,
      status: 'backlog',
      priority: 1,
      sprintId: null,
      title: 'Retrain price (dataset drift on the input data)',
    });
    expect(await t.db.select().from(taskRiskLinks).where(eq(taskRiskLinks.taskId, task!.id))).toHaveLength(1);

    const again = await openRiskAndTask(t.db, owner, projectId, alert.id, 'http://runboard.test/x');
    expect(again).toMatchObject({ created: false, alert: { riskId: risk!.id, taskId: task!.id } });
    expect(await t.db.select().from(risks).where(eq(risks.projectId, projectId))).toHaveLength(1);
    const listed = (await listAlerts(t.db, projectId)).find((a) => a.alert.id === alert.id)!;
    expect(listed).toMatchObject({ riskTitle: risk!.title, taskNumber: task!.number });
  });

  it('leaves owner and assignee empty for an admin who is not a member', async () => {
    const { monitor } = await getMonitor(t.db, projectId, 'price');
    await runDriftCheck(t.db, owner, projectId, monitor.id, {
      start: new Date(T0 + HOUR),
      end: new Date(T0 + 2 * HOUR),
    });
    const reopened = (await listAlerts(t.db, projectId)).find((a) => a.alert.kind === 'drift')!.alert;
    const { alert } = await openRiskAndTask(t.db, admin, projectId, reopened.id, 'http://runboard.test/y');
    const [risk] = await t.db.select().from(risks).where(eq(risks.id, alert.riskId!));
    const [task] = await t.db.select().from(tasks).where(eq(tasks.id, alert.taskId!));
    expect([risk!.ownerId, task!.assigneeId]).toEqual([null, null]);
  });
});
