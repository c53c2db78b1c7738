import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTree, flattenTree } from '@/lib/problem/tree';
import { type TestDb, openTestDb } from '../test-db';
import { tasks } from '../schema';
import { listProjectActivity } from './activity';
import { getExperimentByName } from './experiments';
import { createProject } from './projects';
import {
  createSubProblem,
  deleteSubProblem,
  linkSubProblem,
  listSubProblems,
  unlinkSubProblem,
  updateSubProblem,
} from './problem';
import { createSuccessMetric } from './success-metrics';
import { createUser } from './users';
import { rejection } from '@/tests/helpers/rejection';

let t: TestDb;
let projectId: string;
let otherProjectId: string;
const lead = { id: '', isAdmin: false };

const node = (title: string, parentId: string | null = null) =>
  createSubProblem(t.db, lead, projectId, { parentId, title, description: '', ownerId: null, status: 'not_started' });

beforeAll(async () => {
  t = await openTestDb();
  lead.id = (
    await createUser(t.db, null, { email: 'lead@problems.test', name: 'Lena Lead', password: 'password-123' })
  ).id;
  projectId = (
    await createProject(t.db, lead, { slug: 'churn', name: 'Churn', problemStatement: 'Predict customer churn' })
  ).id;
  otherProjectId = (await createProject(t.db, lead, { slug: 'other', name: 'Other', problemStatement: '' })).id;
});
afterAll(() => t.cleanup());

describe('problem decomposition', () => {
  it('breaks the seed’s churn problem into a tree of any depth, in creation order', async () => {
    await node('Identify churn indicators');
    const predict = await node('Predict churn probability');
    await node('Recommend retention actions');
    const label = await node('Label churners', predict.id);
    await node('Define the churn window', label.id);
    const tree = flattenTree(buildTree(await listSubProblems(t.db, projectId)));
    expect(tree.map((n) => `${'>'.repeat(n.depth)}${n.title}`)).toEqual([
      'Identify churn indicators',
      'Predict churn probability',
      '>Label churners',
      '>>Define the churn window',
      'Recommend retention actions',
    ]);
  });

  it('updates status and owner, moves nodes, and refuses a move under its own descendant', async () => {
    const parent = await node('Serve predictions');
    const child = await node('Batch scoring job', parent.id);
    await updateSubProblem(t.db, lead, projectId, child.id, { status: 'in_progress', ownerId: lead.id });
    const listed = (await listSubProblems(t.db, projectId)).find((n) => n.id === child.id)!;
    expect(listed).toMatchObject({ status: 'in_progress', ownerName: 'Lena Lead' });
    expect(await rejection(updateSubProblem(t.db, lead, projectId, parent.id, { parentId: child.id }))).toMatchObject({
      field: 'parentId',
    });
    await updateSubProblem(t.db, lead, projectId, child.id, { parentId: null });
    expect((await listSubProblems(t.db, projectId)).find((n) => n.id === child.id)!.parentId).toBeNull();
    const [entry] = await listProjectActivity(t.db, projectId, { entityType: 'sub-problem' });
    expect(entry).toMatchObject({ action: 'update', entityId: child.id });
  });

  it('links success metrics, experiments and board tasks of the same project only, once each', async () => {
    const n = await node('Reduce false alarms');
    const metric = await createSuccessMetric(t.db, lead, projectId, {
      name: 'precision',
      description: '',
      kind: 'model',
      direction: 'higher_better',
      unit: '',
      isPrimary: true,
      startValue: 0.5,
      target: 0.8,
      rangeMin: null,
      rangeMax: null,
      deadline: '2099-01-01',
      ownerId: null,
      source: 'manual',
      sourceKey: null,
      sourceModel: null,
    });
    const experiment = await getExperimentByName(t.db, projectId, 'Default');
    const [task] = await t.db
      .insert(tasks)
      .values({ projectId, number: 7, title: 'Tune threshold', sortKey: 'a0' })
      .returning();
    await linkSubProblem(t.db, lead, projectId, n.id, 'metric', metric.id);
    await linkSubProblem(t.db, lead, projectId, n.id, 'experiment', String(experiment.id));
    await linkSubProblem(t.db, lead, projectId, n.id, 'task', task!.id);
    expect(await rejection(linkSubProblem(t.db, lead, projectId, n.id, 'metric', metric.id))).toMatchObject({
      kind: 'exists',
    });
    const otherExperiment = await getExperimentByName(t.db, otherProjectId, 'Default');
    expect(
      await rejection(linkSubProblem(t.db, lead, projectId, n.id, 'experiment', String(otherExperiment.id))),
    ).toMatchObject({ field: 'targetId' });
    expect(await rejection(linkSubProblem(t.db, lead, projectId, n.id, 'task', 'not-a-uuid'))).toMatchObject({
      field: 'targetId',
    });
    const links = (await listSubProblems(t.db, projectId)).find((x) => x.id === n.id)!.links;
    expect(links.map((l) => [l.kind, l.label])).toEqual([
      ['metric', 'precision'],
      ['experiment', 'Default'],
      ['task', 'T-7 Tune threshold'],
    ]);
    await unlinkSubProblem(t.db, lead, projectId, links[0]!.id);
    expect((await listSubProblems(t.db, projectId)).find((x) => x.id === n.id)!.links).toHaveLength(2);
    expect((await rejection(unlinkSubProblem(t.db, lead, otherProjectId, links[1]!.id))).kind).toBe('not_found');
  });

  it('deleting a node deletes its sub-tree; another project cannot touch it', async () => {
    const root = await node('Temporary');
    await node('Temporary child', root.id);
    expect((await rejection(deleteSubProblem(t.db, lead, otherProjectId, root.id))).kind).toBe('not_found');
    expect(
      (
        await rejection(
          createSubProblem(t.db, lead, otherProjectId, {
            parentId: root.id,
            title: 'x',
            description: '',
            ownerId: null,
            status: 'done',
          }),
        )
      ).kind,
    ).toBe('not_found');
    await deleteSubProblem(t.db, lead, projectId, root.id);
    expect((await listSubProblems(t.db, projectId)).some((n) => n.title.startsWith('Temporary'))).toBe(false);
  });
});
