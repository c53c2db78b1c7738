import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestDb, openTestDb } from '../test-db';
import { authenticateApiToken, createApiToken } from './tokens';
import { createProject, listMembers } from './projects';
import { createServiceMember, deleteServiceUser } from './service-users';
import { countUsers, createUser } from './users';

let t: TestDb;
beforeAll(async () => {
  t = await openTestDb();
});
afterAll(() => t.cleanup());

describe('service users', () => {
  it('act through a project token while they exist and leave nothing behind when deleted', async () => {
    const project = await createProject(t.db, null, { slug: 'svc', name: 'Service', problemStatement: '' });
    expect(await listMembers(t.db, project.id)).toEqual([]);
    const bot = await createServiceMember(t.db, project.id, {
      email: 'Bot@runboard.invalid',
      name: 'Bot',
      role: 'editor',
    });
    const { token } = await createApiToken(t.db, { id: bot.id, isAdmin: false }, project.id, 'bot');
    expect(await authenticateApiToken(t.db, token)).toMatchObject({ role: 'editor', project: { id: project.id } });
    expect(await deleteServiceUser(t.db, 'bot@runboard.invalid')).toBe(1);
    expect(await authenticateApiToken(t.db, token)).toBeNull();
    expect(await listMembers(t.db, project.id)).toEqual([]);
    expect(await countUsers(t.db)).toBe(0);
  });

  it('never deletes an account that can sign in', async () => {
    await createUser(t.db, null, { email: 'person@example.com', name: 'Person', password: 'a-long-password' });
    expect(await deleteServiceUser(t.db, 'person@example.com')).toBe(0);
    expect(await countUsers(t.db)).toBe(1);
  });
});
