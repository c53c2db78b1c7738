import { createHash } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rawRows } from '@/tests/helpers/db-snapshot';
import { type TestDb, openTestDb } from '../test-db';
import { apiTokens } from '../schema';
import type { Actor } from './activity';
import { listProjectActivity } from './activity';
import { addMember, createProject, removeMember, setMemberRole } from './projects';
import { authenticateApiToken, createApiToken, listApiTokens, revokeApiToken } from './tokens';
import { createUser } from './users';
import { rejection } from '@/tests/helpers/rejection';

let t: TestDb;
let admin: Actor;
let owner: Actor;
let editor: Actor;
let projectId: string;
let otherProjectId: string;

beforeAll(async () => {
  t = await openTestDb();
  const make = async (email: string, isAdmin = false): Promise<Actor> => {
    const u = await createUser(t.db, null, { email, name: email.split('@')[0]!, password: 'long-enough-pw', isAdmin });
    return { id: u.id, isAdmin: u.isAdmin };
  };
  admin = await make('admin@example.test', true);
  owner = await make('owner@example.test');
  editor = await make('editor@example.test');
  projectId = (await createProject(t.db, owner, { slug: 'vision', name: 'Vision', problemStatement: '' })).id;
  otherProjectId = (await createProject(t.db, owner, { slug: 'speech', name: 'Speech', problemStatement: '' })).id;
  await addMember(t.db, owner, projectId, 'editor@example.test', 'editor');
});
afterAll(async () => {
  await t?.cleanup();
});

/** Every row of every table as JSON text: a secret must not occur anywhere in it. */
async function wholeDatabaseText(): Promise<string> {
  const tables = await rawRows<{ name: string }>(
    t.db,
    sql`select table_name as name from information_schema.tables where table_schema = 'public'`,
  );
  const parts: string[] = [];
  for (const { name } of tables) {
    const rows = await rawRows<{ j: string }>(t.db, sql`select to_jsonb(x)::text as j from ${sql.identifier(name)} x`);
    parts.push(...rows.map((r) => r.j));
  }
  return parts.join('\n');
}

const sha256 = (s: string) => createHash('sha256').update(s, 'utf8').digest('hex');

describe('createApiToken', () => {
  it('returns the raw token once and stores only its sha256 hash and a short display prefix', async () => {
    const { token, row } = await createApiToken(t.db, editor, projectId, 'laptop');
    expect(token).toMatch(/^rbt_[A-Za-z0-9_-]{32}$/);
    const [stored] = await rawRows<Record<string, unknown>>(t.db, sql`select * from api_tokens where id = ${row.id}`);
    expect(stored!.token_hash).toBe(sha256(token));
    expect(stored!.prefix).toBe(token.slice(0, 10));
    const secretPart = token.slice(10);
    expect(JSON.stringify(stored)).not.toContain(secretPart);
    expect(await wholeDatabaseText()).not.toContain(secretPart);
  });

  it('hands out a different token every time', async () => {
    const a = await createApiToken(t.db, editor, projectId, 'a');
    const b = await createApiToken(t.db, editor, projectId, 'b');
    expect(a.token).not.toBe(b.token);
  });

  it('logs the creation with name and prefix', async () => {
    const { row } = await createApiToken(t.db, editor, projectId, 'ci runner');
    const [entry] = await listProjectActivity(t.db, projectId, { entityType: 'token' });
    expect(entry).toMatchObject({ action: 'create', entityId: row.id, userEmail: 'editor@example.test' });
    expect(entry!.changes).toEqual({ name: { from: null, to: 'ci runner' }, prefix: { from: null, to: row.prefix } });
  });

  it('lists tokens without their hash, optionally only one member’s', async () => {
    await createApiToken(t.db, owner, projectId, 'owner laptop');
    const all = await listApiTokens(t.db, projectId);
    expect(all.length).toBeGreaterThan(1);
    for (const item of all) expect(Object.keys(item)).not.toContain('tokenHash');
    const mine = await listApiTokens(t.db, projectId, owner.id);
    expect(mine.map((x) => x.name)).toEqual(['owner laptop']);
  });
});

describe('authenticateApiToken', () => {
  it('resolves a token to its project, its creator and the creator’s role', async () => {
    const { token, row } = await createApiToken(t.db, editor, projectId, 'auth');
    const caller = await authenticateApiToken(t.db, token);
    expect(caller).toMatchObject({
      tokenId: row.id,
      role: 'editor',
      project: { id: projectId, slug: 'vision' },
      user: { id: editor.id, email: 'editor@example.test', isAdmin: false },
    });
  });

  it('rejects tokens that were never issued or are malformed', async () => {
    const { token } = await createApiToken(t.db, editor, projectId, 'real');
    const tampered = token.slice(0, -1) + (token.endsWith('A') ? 'B' : 'A');
    for (const bad of [tampered, token.slice(4), `rbt_${'x'.repeat(300)}`, '', 'rbt_', `${token} `]) {
      expect(await authenticateApiToken(t.db, bad), bad).toBeNull();
    }
  });

  it('stamps last_used_at on use, and refreshes a stale stamp', async () => {
    const { token, row } = await createApiToken(t.db, editor, projectId, 'stamp');
    expect(row.lastUsedAt).toBeNull();
    const started = Date.now();
    await authenticateApiToken(t.db, token);
    const lastUsed = async () => (await t.db.select().from(apiTokens).where(eq(apiTokens.id, row.id)))[0]!.lastUsedAt;
    const first = await lastUsed();
    expect(first).toBeInstanceOf(Date);
    expect(Math.abs(first!.getTime() - started)).toBeLessThan(60_000);

    const hourAgo = new Date(Date.now() - 3_600_000);
    await t.db.update(apiTokens).set({ lastUsedAt: hourAgo }).where(eq(apiTokens.id, row.id));
    await authenticateApiToken(t.db, token);
    expect((await lastUsed())!.getTime()).toBeGreaterThan(hourAgo.getTime() + 3_000_000);
  });

  it('stops accepting a revoked token, and logs the revocation', async () => {
    const { token, row } = await createApiToken(t.db, editor, projectId, 'to revoke');
    await revokeApiToken(t.db, editor, projectId, row.id);
    expect(await authenticateApiToken(t.db, token)).toBeNull();
    const [entry] = await listProjectActivity(t.db, projectId, { entityType: 'token' });
    expect(entry).toMatchObject({ action: 'revoke', entityId: row.id });
    expect((await rejection(revokeApiToken(t.db, editor, projectId, row.id))).kind).toBe('not_found');
  });

  it('does not let a member revoke someone else’s token when limited to their own, nor revoke across projects', async () => {
    const { token, row } = await createApiToken(t.db, owner, projectId, 'owner only');
    expect((await rejection(revokeApiToken(t.db, editor, projectId, row.id, editor.id))).kind).toBe('not_found');
    expect((await rejection(revokeApiToken(t.db, owner, otherProjectId, row.id))).kind).toBe('not_found');
    expect(await authenticateApiToken(t.db, token)).not.toBeNull();
  });

  it('acts with the creator’s current role, and not at all once the creator leaves the project', async () => {
    const member = await createUser(t.db, null, {
      email: 'mover@example.test',
      name: 'Mover',
      password: 'long-enough-pw',
    });
    await addMember(t.db, owner, projectId, member.email, 'editor');
    const { token } = await createApiToken(t.db, { id: member.id, isAdmin: false }, projectId, 'mover');
    expect((await authenticateApiToken(t.db, token))!.role).toBe('editor');
    await setMemberRole(t.db, owner, projectId, member.id, 'viewer');
    expect((await authenticateApiToken(t.db, token))!.role).toBe('viewer');
    await removeMember(t.db, owner, projectId, member.id);
    expect(await authenticateApiToken(t.db, token)).toBeNull();
    await addMember(t.db, owner, projectId, member.email, 'viewer');
    expect((await authenticateApiToken(t.db, token))!.role).toBe('viewer');
  });

  it('acts as owner for an instance admin, as admins are owners everywhere', async () => {
    const { token } = await createApiToken(t.db, admin, otherProjectId, 'admin');
    expect(await authenticateApiToken(t.db, token)).toMatchObject({ role: 'owner', project: { id: otherProjectId } });
  });

  it('binds a token to its own project only', async () => {
    const { token } = await createApiToken(t.db, owner, otherProjectId, 'speech only');
    const caller = await authenticateApiToken(t.db, token);
    expect(caller!.project.id).toBe(otherProjectId);
  });
});
