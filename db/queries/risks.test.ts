import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EditConflictError } from '@/lib/edit-merge';
import { sortRisks } from '@/lib/risks/scoring';
import { type TestDb, openTestDb } from '../test-db';
import { listProjectActivity } from './activity';
import { addMember, createProject } from './projects';
import { type RiskInput, createRisk, deleteRisk, getRisk, listRiskScoreHistory, listRisks, updateRisk } from './risks';
import { createUser } from './users';
import { rejection } from '@/tests/helpers/rejection';

let t: TestDb;
let projectId: string;
let otherProjectId: string;
const lead = { id: '', isAdmin: false };
const pm = { id: '', isAdmin: false };

// The seed's two example risks.
const dataQuality: RiskInput = {
  title: 'Data quality issues',
  description: '',
  category: 'data_quality',
  likelihood: 'High',
  impact: 'High',
  ownerId: null,
  response: 'mitigate',
  mitigationPlan: 'Implement data validation pipeline',
  mitigationPct: 0,
  status: 'open',
  nextReviewDate: '2026-01-15',
};
const degradation: RiskInput = {
  ...dataQuality,
  title: 'Model performance degradation',
  category: 'drift_skew',
  likelihood: 'Medium',
  mitigationPlan: 'Set up monitoring and retraining pipeline',
  nextReviewDate: null,
};

beforeAll(async () => {
  t = await openTestDb();
  lead.id = (
    await createUser(t.db, null, { email: 'lead@risks.test', name: 'Lena Lead', password: 'password-123' })
  ).id;
  pm.id = (await createUser(t.db, null, { email: 'pm@risks.test', name: 'Pat PM', password: 'password-123' })).id;
  projectId = (await createProject(t.db, lead, { slug: 'risks', name: 'Risks', problemStatement: '' })).id;
  otherProjectId = (await createProject(t.db, lead, { slug: 'risks-other', name: 'Other', problemStatement: '' })).id;
  await addMember(t.db, lead, projectId, 'pm@risks.test', 'editor');
});
afterAll(() => t.cleanup());

describe('risk register', () => {
  it('creates risks with their first score in the history, lists them critical first', async () => {
    const b = await createRisk(t.db, pm, projectId, degradation);
    const a = await createRisk(t.db, pm, projectId, { ...dataQuality, ownerId: pm.id });
    const listed = sortRisks(await listRisks(t.db, projectId), '2026-02-01');
    expect(listed.map((r) => [r.title, r.ownerName])).toEqual([
      ['Data quality issues', 'Pat PM'],
      ['Model performance degradation', null],
    ]);
    expect((await listRiskScoreHistory(t.db, a.id)).map((h) => [h.score, h.residual, h.userName])).toEqual([
      [9, 9, 'Pat PM'],
    ]);
    expect((await listRiskScoreHistory(t.db, b.id)).map((h) => h.score)).toEqual([6]);
  });

  it('keeps a history of score changes: likelihood, impact and mitigation, not other fields', async () => {
    const r = await createRisk(t.db, pm, projectId, { ...dataQuality, title: 'Label noise' });
    await updateRisk(t.db, pm, projectId, r.id, 1, { mitigationPct: 50 });
    await updateRisk(t.db, lead, projectId, r.id, 2, { impact: 'Medium' });
    await updateRisk(t.db, lead, projectId, r.id, 3, { description: 'seen in March', status: 'mitigating' });
    const history = await listRiskScoreHistory(t.db, r.id);
    expect(history.map((h) => [h.likelihood, h.impact, h.mitigationPct, h.score, h.residual, h.userName])).toEqual([
      ['High', 'High', 0, 9, 9, 'Pat PM'],
      ['High', 'High', 50, 9, 4.5, 'Pat PM'],
      ['High', 'Medium', 50, 6, 3, 'Lena Lead'],
    ]);
    const entries = await listProjectActivity(t.db, projectId, { entityType: 'risk' });
    expect(entries[0]).toMatchObject({
      action: 'update',
      entityId: r.id,
      changes: { description: { from: '', to: 'seen in March' }, status: { from: 'open', to: 'mitigating' } },
    });
  });

  it('two people saving different fields of the same risk: both land (merged against the loaded values)', async () => {
    const r = await createRisk(t.db, pm, projectId, { ...dataQuality, title: 'Privacy leak', category: 'privacy' });
    const loaded = { ...dataQuality, title: 'Privacy leak', category: 'privacy' as const };
    await updateRisk(t.db, lead, projectId, r.id, 1, { ...loaded, likelihood: 'Low', ownerId: lead.id }, loaded);
    await updateRisk(t.db, pm, projectId, r.id, 1, { ...loaded, description: 'seen in EU logs' }, loaded);
    expect(await getRisk(t.db, projectId, r.id)).toMatchObject({
      likelihood: 'Low',
      ownerId: lead.id,
      description: 'seen in EU logs',
      version: 3,
    });
    expect((await listRiskScoreHistory(t.db, r.id)).map((h) => h.score)).toEqual([9, 3]);
  });

  it('two people changing the same field: the second gets a conflict naming it, with both values, nothing written', async () => {
    const r = await createRisk(t.db, pm, projectId, { ...dataQuality, title: 'Model theft', category: 'privacy' });
    const loaded = { ...dataQuality, title: 'Model theft', category: 'privacy' as const };
    await updateRisk(t.db, lead, projectId, r.id, 1, { ...loaded, impact: 'Low' }, loaded);
    const err = await rejection(
      updateRisk(t.db, pm, projectId, r.id, 1, { ...loaded, impact: 'Medium', description: 'mine' }, loaded),
    );
    expect(err).toBeInstanceOf(EditConflictError);
    expect(err.field).toBe('impact');
    expect((err as EditConflictError).conflict).toMatchObject({
      version: 2,
      fields: [{ field: 'impact', mine: 'Medium', theirs: 'Low' }],
    });
    expect(await getRisk(t.db, projectId, r.id)).toMatchObject({ impact: 'Low', description: '', version: 2 });
  });

  it('refuses an owner who is not a member', async () => {
    const outsider = await createUser(t.db, null, { email: 'out@risks.test', name: 'Out', password: 'password-123' });
    expect(await rejection(createRisk(t.db, pm, projectId, { ...dataQuality, ownerId: outsider.id }))).toMatchObject({
      kind: 'invalid',
      field: 'ownerId',
    });
  });

  it('is scoped by project and deletes with its history', async () => {
    const r = await createRisk(t.db, pm, projectId, {
      ...dataQuality,
      title: 'Vendor API shutdown',
      category: 'upstream_dependency',
    });
    expect((await rejection(updateRisk(t.db, lead, otherProjectId, r.id, 1, { impact: 'Low' }))).kind).toBe(
      'not_found',
    );
    expect((await rejection(deleteRisk(t.db, lead, otherProjectId, r.id))).kind).toBe('not_found');
    await deleteRisk(t.db, lead, projectId, r.id);
    expect((await rejection(getRisk(t.db, projectId, r.id))).kind).toBe('not_found');
    expect(await listRiskScoreHistory(t.db, r.id)).toEqual([]);
  });
});
