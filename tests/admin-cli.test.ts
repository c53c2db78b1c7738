import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { verifyPassword } from 'better-auth/crypto';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Db, dbConfigFromEnv, openDb } from '@/db/client';
import { claimEmbeddedDb } from '@/db/embedded-lock';
import { addMember, createProject } from '@/db/queries/projects';
import { authenticateApiToken } from '@/db/queries/tokens';
import { createUser } from '@/db/queries/users';
import { accounts, activityLog, apiTokens, projectMembers, projects, users } from '@/db/schema';
import { migrateDb } from '@/db/migrate';
import { createFreshPostgresDatabase } from '@/db/test-db';
import { embeddedLockFile, releaseEmbeddedDb } from '@/scripts/cli-db';

// The real CLI, run as operators run it: a separate process against a database chosen by the environment.
const ROOT = path.resolve(__dirname, '..');
const TSX = path.join(ROOT, 'node_modules', '.bin', 'tsx');
const backend = process.env.RUNBOARD_TEST_BACKEND === 'postgres' ? 'postgres' : 'pglite';
const CLI_TIMEOUT = 60_000;
const PASSWORD = 'seed-password-1';

type CliResult = { code: number | null; stdout: string; stderr: string };

let tmpDir = '';
let env: NodeJS.ProcessEnv = { ...process.env };
let dropPostgres = async () => {};

function runCli(args: string[], envOverride: NodeJS.ProcessEnv = env): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(TSX, ['scripts/admin.ts', ...args], {
      cwd: ROOT,
      env: envOverride,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** Opens the CLI's database in this process; for PGlite only while no CLI runs, so always closed again. */
async function withDb<T>(fn: (db: Db) => Promise<T>): Promise<T> {
  const config = dbConfigFromEnv(env);
  const handle = await openDb(config);
  try {
    return await fn(handle.db);
  } finally {
    await handle.close();
  }
}

const userRow = (email: string) =>
  withDb(async (db) => (await db.select().from(users).where(eq(users.email, email)))[0]);

async function credentialHash(db: Db, userId: string): Promise<string> {
  const [row] = await db
    .select({ password: accounts.password })
    .from(accounts)
    .where(and(eq(accounts.userId, userId), eq(accounts.providerId, 'credential')));
  return row!.password!;
}

function expectFailure(result: CliResult, code: 1 | 2, message: RegExp) {
  expect(result.code).toBe(code);
  expect(result.stdout).toBe('');
  expect(result.stderr).toMatch(message);
  expect(result.stderr.trim().split('\n')).toHaveLength(1);
  expect(result.stderr).not.toMatch(/^\s+at /m);
}

function spawnSleeper(): Promise<ChildProcess> {
  return new Promise((resolve, reject) => {
    const child = spawn('sleep', ['120'], { stdio: 'ignore' });
    child.once('spawn', () => resolve(child));
    child.once('error', reject);
  });
}

function stopSleeper(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGKILL');
  });
}

beforeAll(async () => {
  tmpDir = fs.mkdtempSync(path.join(os.tmpdir(), 'runboard-admin-cli-'));
  env = { ...process.env, RUNBOARD_DATA_DIR: path.join(tmpDir, 'pglite') };
  delete env.DATABASE_URL;
  delete env.RUNBOARD_DEBUG;
  if (backend === 'postgres') {
    const fresh = await createFreshPostgresDatabase('runboard_cli_test');
    env.DATABASE_URL = fresh.url;
    dropPostgres = fresh.drop;
  }
  // Seed through the query layer (not the CLI under test); the CLI must accept an already-migrated database.
  const config = dbConfigFromEnv(env);
  const handle = await openDb(config);
  try {
    await migrateDb(handle, config);
    const db = handle.db;
    const owner = await createUser(db, null, { email: 'owner@example.com', name: 'Olive Owner', password: PASSWORD });
    await createUser(db, null, { email: 'viewer@example.com', name: 'Vic Viewer', password: PASSWORD });
    for (const email of ['dana@example.com', 'outsider@example.com', 'erin@example.com']) {
      await createUser(db, null, { email, name: email.split('@')[0]!, password: PASSWORD });
    }
    await createUser(db, null, { email: 'root@example.com', name: 'Root', password: PASSWORD, isAdmin: true });
    const project = await createProject(db, owner, { slug: 'seeded', name: 'Seeded', problemStatement: '' });
    await addMember(db, owner, project.id, 'viewer@example.com', 'viewer');
  } finally {
    await handle.close();
  }
}, 120_000);

afterAll(async () => {
  await dropPostgres();
  if (tmpDir) fs.rmSync(tmpDir, { recursive: true, force: true });
});

describe(`admin CLI on ${backend}`, { timeout: CLI_TIMEOUT }, () => {
  it('prints usage for help, --help and no command, and a command usage for help <command>', async () => {
    for (const args of [[], ['help'], ['--help']]) {
      const result = await runCli(args);
      expect(result.code).toBe(0);
      for (const command of ['create-user', 'create-project', 'add-member', 'create-token', 'reset-password']) {
        expect(result.stdout).toContain(command);
      }
    }
    const one = await runCli(['help', 'create-token']);
    expect(one.code).toBe(0);
    expect(one.stdout).toMatch(/^Usage: npm run admin -- create-token --project S --email E \[--name N\]$/m);
  });

  it('rejects an unknown command, option or stray argument with exit 2', async () => {
    expectFailure(await runCli(['frobnicate']), 2, /^error: unknown command "frobnicate"/);
    expectFailure(
      await runCli(['create-user', '--email', 'a@example.com', '--pasword', 'x']),
      2,
      /^error: unknown option --pasword for create-user/,
    );
    expectFailure(await runCli(['reset-password', 'a@example.com']), 2, /^error: unexpected argument "a@example.com"/);
  });

  describe('create-user', () => {
    it('creates a user with a hashed password, the default name and an activity entry', async () => {
      const secret = 'carols-secret-42';
      const result = await runCli(['create-user', '--email', 'Carol@Example.com', '--password', secret]);
      expect(result.code).toBe(0);
      expect(result.stdout).toBe('Created user carol@example.com (carol).\n');
      expect(result.stdout + result.stderr).not.toContain(secret);
      await withDb(async (db) => {
        const [user] = await db.select().from(users).where(eq(users.email, 'carol@example.com'));
        expect(user).toMatchObject({ name: 'carol', isAdmin: false });
        const hash = await credentialHash(db, user!.id);
        expect(hash).not.toContain(secret);
        expect(await verifyPassword({ hash, password: secret })).toBe(true);
        const log = await db.select().from(activityLog).where(eq(activityLog.entityId, user!.id));
        expect(log.map((e) => [e.entityType, e.action])).toEqual([['user', 'create']]);
      });
    });

    it('honours --admin and --name', async () => {
      const result = await runCli([
        'create-user',
        '--email',
        'frank@example.com',
        '--password',
        'franks-secret',
        '--admin',
        '--name',
        'Frank Admin',
      ]);
      expect(result.code).toBe(0);
      expect(await userRow('frank@example.com')).toMatchObject({ name: 'Frank Admin', isAdmin: true });
    });

    it('refuses a duplicate email (in any case) with exit 1', async () => {
      expectFailure(
        await runCli(['create-user', '--email', 'OWNER@example.com', '--password', 'another-pass']),
        1,
        /^error: A user with email owner@example.com already exists\.$/m,
      );
      expect(await userRow('owner@example.com')).toMatchObject({ name: 'Olive Owner' });
    });

    it.each([
      [['--email', 'not-an-email', '--password', 'long-enough'], /^error: --email: Enter a valid email address$/m],
      [['--email', 'gina@example.com', '--password', 'short'], /^error: --password: Use at least 8 characters$/m],
      [['--email', 'gina@example.com'], /^error: --password: required/m],
      [['--email', '--password', 'long-enough'], /^error: --email: needs a value/m],
      [['--email', 'gina@example.com', '--password', 'long-enough', '--name', '   '], /^error: --name: Required$/m],
      [
        ['--email', 'gina@example.com', '--password', 'long-enough', '--admin=yes'],
        /^error: --admin: takes no value$/m,
      ],
    ])('exits 2 naming the bad option: %j', async (args, message) => {
      const result = await runCli(['create-user', ...args]);
      expectFailure(result, 2, message);
      expect(result.stderr).not.toContain('long-enough');
    });

    it('creates nothing when an option is invalid', async () => {
      expect(await userRow('gina@example.com')).toBeUndefined();
    });
  });

  describe('create-project', () => {
    it('creates the project with its owner, problem statement and an activity entry', async () => {
      const result = await runCli([
        'create-project',
        '--slug',
        'churn-model',
        '--name',
        'Churn model',
        '--owner',
        'owner@example.com',
        '--problem',
        'Predict churn',
      ]);
      expect(result.code).toBe(0);
      expect(result.stdout).toBe('Created project churn-model (Churn model) owned by owner@example.com.\n');
      await withDb(async (db) => {
        const [project] = await db.select().from(projects).where(eq(projects.slug, 'churn-model'));
        expect(project).toMatchObject({ name: 'Churn model', problemStatement: 'Predict churn', stage: 'define' });
        const [owner] = await db.select().from(users).where(eq(users.email, 'owner@example.com'));
        const members = await db.select().from(projectMembers).where(eq(projectMembers.projectId, project!.id));
        expect(members.map((m) => [m.userId, m.role])).toEqual([[owner!.id, 'owner']]);
        const log = await db.select().from(activityLog).where(eq(activityLog.projectId, project!.id));
        expect(log.map((e) => [e.entityType, e.action, e.userId])).toEqual([['project', 'create', owner!.id]]);
      });
    });

    it.each([
      [
        ['--slug', 'Bad_Slug', '--name', 'Ok', '--owner', 'owner@example.com'],
        /^error: --slug: Use lowercase letters, digits and single dashes$/m,
      ],
      [
        ['--slug', 'admin', '--name', 'Ok', '--owner', 'owner@example.com'],
        /^error: --slug: This slug is reserved; choose another$/m,
      ],
      [['--slug', 'ok-slug', '--name', 'Ok', '--owner', 'nobody'], /^error: --owner: Enter a valid email address$/m],
      [['--slug', 'ok-slug', '--owner', 'owner@example.com'], /^error: --name: required/m],
    ])('exits 2 naming the bad option: %j', async (args, message) => {
      expectFailure(await runCli(['create-project', ...args]), 2, message);
    });

    it('exits 1 for an unknown owner or a taken slug, creating nothing', async () => {
      expectFailure(
        await runCli(['create-project', '--slug', 'orphan', '--name', 'Orphan', '--owner', 'nobody@example.com']),
        1,
        /^error: No user has the email nobody@example.com\./m,
      );
      expectFailure(
        await runCli(['create-project', '--slug', 'seeded', '--name', 'Again', '--owner', 'owner@example.com']),
        1,
        /^error: The slug "seeded" is already used by another project\.$/m,
      );
      await withDb(async (db) => {
        expect(await db.select().from(projects).where(eq(projects.slug, 'orphan'))).toHaveLength(0);
        expect((await db.select().from(projects).where(eq(projects.slug, 'seeded')))[0]).toMatchObject({
          name: 'Seeded',
        });
      });
    });
  });

  describe('add-member', () => {
    it("adds the member with the role, recorded as the project owner's act", async () => {
      const result = await runCli([
        'add-member',
        '--project',
        'seeded',
        '--email',
        'Dana@example.com',
        '--role',
        'editor',
      ]);
      expect(result.code).toBe(0);
      expect(result.stdout).toBe('Added dana@example.com to seeded as editor.\n');
      await withDb(async (db) => {
        const [project] = await db.select().from(projects).where(eq(projects.slug, 'seeded'));
        const [dana] = await db.select().from(users).where(eq(users.email, 'dana@example.com'));
        const [owner] = await db.select().from(users).where(eq(users.email, 'owner@example.com'));
        const [member] = await db
          .select()
          .from(projectMembers)
          .where(and(eq(projectMembers.projectId, project!.id), eq(projectMembers.userId, dana!.id)));
        expect(member?.role).toBe('editor');
        const log = await db
          .select()
          .from(activityLog)
          .where(and(eq(activityLog.entityType, 'member'), eq(activityLog.entityId, dana!.id)));
        expect(log.map((e) => [e.action, e.userId, e.projectId])).toEqual([['add', owner!.id, project!.id]]);
      });
    });

    it('exits 2 for a bad role or slug', async () => {
      expectFailure(
        await runCli(['add-member', '--project', 'seeded', '--email', 'erin@example.com', '--role', 'boss']),
        2,
        /^error: --role: Use one of viewer, editor, owner$/m,
      );
      expectFailure(
        await runCli(['add-member', '--project', 'Not A Slug', '--email', 'erin@example.com', '--role', 'viewer']),
        2,
        /^error: --project: /m,
      );
    });

    it('exits 1 for an unknown project, an unknown user or an existing member', async () => {
      expectFailure(
        await runCli(['add-member', '--project', 'nope', '--email', 'erin@example.com', '--role', 'viewer']),
        1,
        /^error: No project has the slug "nope"\.$/m,
      );
      expectFailure(
        await runCli(['add-member', '--project', 'seeded', '--email', 'nobody@example.com', '--role', 'viewer']),
        1,
        /^error: No user has the email nobody@example.com\./m,
      );
      expectFailure(
        await runCli(['add-member', '--project', 'seeded', '--email', 'viewer@example.com', '--role', 'owner']),
        1,
        /^error: viewer@example.com is already a member \(viewer\)\.$/m,
      );
      await withDb(async (db) => {
        const [viewer] = await db.select().from(users).where(eq(users.email, 'viewer@example.com'));
        const rows = await db.select().from(projectMembers).where(eq(projectMembers.userId, viewer!.id));
        expect(rows.map((r) => r.role)).toEqual(['viewer']);
      });
    });
  });

  describe('create-token', () => {
    it('prints only the token, and the token authenticates as the member on the project', async () => {
      const result = await runCli([
        'create-token',
        '--project',
        'seeded',
        '--email',
        'viewer@example.com',
        '--name',
        'ci bot',
      ]);
      expect(result.code).toBe(0);
      expect(result.stdout).toMatch(/^rbt_[A-Za-z0-9_-]{32}\n$/);
      const token = result.stdout.trim();
      await withDb(async (db) => {
        const caller = await authenticateApiToken(db, token);
        expect(caller).toMatchObject({
          project: { slug: 'seeded' },
          user: { email: 'viewer@example.com' },
          role: 'viewer',
        });
        const [row] = await db.select().from(apiTokens).where(eq(apiTokens.id, caller!.tokenId));
        expect(row).toMatchObject({ name: 'ci bot', prefix: token.slice(0, 10), userId: caller!.user.id });
        expect(await authenticateApiToken(db, `${token}x`)).toBeNull();
      });
    });

    it('lets an admin who is not a member hold a token, named "CLI token" by default', async () => {
      const result = await runCli(['create-token', '--project', 'seeded', '--email', 'root@example.com']);
      expect(result.code).toBe(0);
      await withDb(async (db) => {
        const caller = await authenticateApiToken(db, result.stdout.trim());
        expect(caller).toMatchObject({ user: { email: 'root@example.com' }, role: 'owner' });
        const [row] = await db.select().from(apiTokens).where(eq(apiTokens.id, caller!.tokenId));
        expect(row?.name).toBe('CLI token');
      });
    });

    it('exits 1 for a non-member or an unknown project, creating no token', async () => {
      expectFailure(
        await runCli(['create-token', '--project', 'seeded', '--email', 'outsider@example.com']),
        1,
        /^error: outsider@example.com is not a member of seeded\. Add them first with add-member\.$/m,
      );
      expectFailure(
        await runCli(['create-token', '--project', 'nope', '--email', 'viewer@example.com']),
        1,
        /^error: No project has the slug "nope"\.$/m,
      );
      await withDb(async (db) => {
        const [outsider] = await db.select().from(users).where(eq(users.email, 'outsider@example.com'));
        expect(await db.select().from(apiTokens).where(eq(apiTokens.userId, outsider!.id))).toHaveLength(0);
      });
    });
  });

  describe('reset-password', () => {
    it('replaces the password hash and records the reset without an acting user', async () => {
      const before = await withDb(async (db) =>
        credentialHash(db, (await db.select().from(users).where(eq(users.email, 'erin@example.com')))[0]!.id),
      );
      const secret = 'erins-new-secret';
      const result = await runCli(['reset-password', '--email', 'ERIN@example.com', '--password', secret]);
      expect(result.code).toBe(0);
      expect(result.stdout).toBe('Password of erin@example.com reset.\n');
      expect(result.stdout + result.stderr).not.toContain(secret);
      await withDb(async (db) => {
        const [erin] = await db.select().from(users).where(eq(users.email, 'erin@example.com'));
        const after = await credentialHash(db, erin!.id);
        expect(after).not.toBe(before);
        expect(await verifyPassword({ hash: after, password: secret })).toBe(true);
        expect(await verifyPassword({ hash: after, password: PASSWORD })).toBe(false);
        const log = await db
          .select()
          .from(activityLog)
          .where(and(eq(activityLog.entityId, erin!.id), eq(activityLog.action, 'reset-password')));
        expect(log.map((e) => e.userId)).toEqual([null]);
      });
    });

    it('exits 1 for an unknown user and 2 for a short password', async () => {
      expectFailure(
        await runCli(['reset-password', '--email', 'nobody@example.com', '--password', 'long-enough']),
        1,
        /^error: User nobody@example.com not found\.$/m,
      );
      expectFailure(
        await runCli(['reset-password', '--email', 'erin@example.com', '--password', 'short']),
        2,
        /^error: --password: Use at least 8 characters$/m,
      );
    });
  });

  if (backend === 'pglite') {
    describe('embedded database lock', () => {
      it('looks for the pid file where the server writes it, and releases only its own', () => {
        const dataDir = path.join(tmpDir, 'lock-probe', 'pglite');
        claimEmbeddedDb(dataDir);
        const file = embeddedLockFile(dataDir);
        expect(fs.readFileSync(file, 'utf8')).toBe(String(process.pid));
        fs.writeFileSync(file, '999999');
        releaseEmbeddedDb(dataDir);
        expect(fs.existsSync(file)).toBe(true);
        fs.writeFileSync(file, String(process.pid));
        releaseEmbeddedDb(dataDir);
        expect(fs.existsSync(file)).toBe(false);
      });

      it('refuses while a live server holds the database, then works once the holder is gone', async () => {
        const dataDir = env.RUNBOARD_DATA_DIR!;
        const file = embeddedLockFile(dataDir);
        const sleeper = await spawnSleeper();
        try {
          fs.writeFileSync(file, String(sleeper.pid));
          expectFailure(
            await runCli(['create-user', '--email', 'held@example.com', '--password', 'long-enough']),
            1,
            new RegExp(
              `^error: the embedded database at ${dataDir.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} is in use by a running Runboard server ` +
                `\\(pid ${sleeper.pid}\\)\\. Stop the server first, or set DATABASE_URL to use Postgres\\.$`,
              'm',
            ),
          );
          expect(fs.readFileSync(file, 'utf8')).toBe(String(sleeper.pid));
        } finally {
          await stopSleeper(sleeper);
        }
        // The pid file now names a dead process: a crashed server must not lock operators out.
        const result = await runCli(['create-user', '--email', 'held@example.com', '--password', 'long-enough']);
        expect(result.code).toBe(0);
        expect(fs.existsSync(file)).toBe(false);
        expect(await userRow('held@example.com')).toMatchObject({ name: 'held' });
      });

      it('leaves no claim behind after a failed command', async () => {
        expect(
          (await runCli(['reset-password', '--email', 'nobody@example.com', '--password', 'long-enough'])).code,
        ).toBe(1);
        expect(fs.existsSync(embeddedLockFile(env.RUNBOARD_DATA_DIR!))).toBe(false);
      });
    });
  } else {
    describe('Postgres connection', () => {
      it('ignores the embedded database and its lock when DATABASE_URL is set', async () => {
        const dataDir = env.RUNBOARD_DATA_DIR!;
        const sleeper = await spawnSleeper();
        try {
          fs.writeFileSync(embeddedLockFile(dataDir), String(sleeper.pid));
          const result = await runCli(['create-user', '--email', 'pg-only@example.com', '--password', 'long-enough']);
          expect(result.code).toBe(0);
          expect(fs.existsSync(dataDir)).toBe(false);
          expect(await userRow('pg-only@example.com')).toBeDefined();
        } finally {
          await stopSleeper(sleeper);
          fs.rmSync(embeddedLockFile(dataDir), { force: true });
        }
      });

      it('says so in one line when Postgres is unreachable', async () => {
        const result = await runCli(['reset-password', '--email', 'erin@example.com', '--password', 'long-enough'], {
          ...env,
          DATABASE_URL: 'postgres://postgres@127.0.0.1:1/runboard',
        });
        expectFailure(result, 1, /^error: cannot reach the database \(.*ECONNREFUSED.*\)\. Check DATABASE_URL/m);
      });
    });
  }
});
