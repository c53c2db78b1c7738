import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { sql } from 'drizzle-orm';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Db, type DbConfig, dbConfigFromEnv, openDb, provideDbHandle } from '@/db/client';
import { claimEmbeddedDb } from '@/db/embedded-lock';
import { migrateDb } from '@/db/migrate';
import { addMember } from '@/db/queries/projects';
import { recordSignInAttempt } from '@/db/queries/sign-in-attempts';
import { createApiToken } from '@/db/queries/tokens';
import { createUser } from '@/db/queries/users';
import { createFreshPostgresDatabase } from '@/db/test-db';
import { parseWeatherCsv } from '@/scripts/demo/ml/weather';
import { SIGN_IN_WINDOW_SECONDS, signInKeys } from '@/lib/sign-in-limit';
import { releaseEmbeddedDb } from '@/scripts/cli-db';
import { seedDemoExtras } from '@/scripts/demo/extras';
import { seedDemoProject } from '@/scripts/demo/project';
import { inProcessFetch } from '@/scripts/mlflow-in-process';
import { rawRows, snapshotDatabase } from './helpers/db-snapshot';

// The real `npm run backup` / `npm run restore`, run as operators run them (a separate process, the database chosen by
// the environment), on a database holding a slice of the demo project: runs with metric histories, datasets, the
// registry, success metrics, risks, the problem tree, the board, monitoring, an A/B test, users, members, tokens.
const ROOT = path.resolve(__dirname, '..');
const TSX = path.join(ROOT, 'node_modules', '.bin', 'tsx');
const backend = process.env.RUNBOARD_TEST_BACKEND === 'postgres' ? 'postgres' : 'pglite';
const csv = fs.readFileSync(path.join(ROOT, 'node_modules/vega-datasets/data/seattle-weather.csv'));

type CliResult = { code: number | null; stdout: string; stderr: string };

let tmpDir = '';
let sourceEnv: NodeJS.ProcessEnv = { ...process.env };
let targetEnv: NodeJS.ProcessEnv = { ...process.env };
let before: Record<string, string> = {};
let migrationsBefore = 0;
let attemptsBefore: unknown[] = [];
let backupLine = '';
const drops: (() => Promise<void>)[] = [];

function runCli(
  command: 'backup' | 'restore',
  args: string[],
  env: NodeJS.ProcessEnv,
  umask?: string,
): Promise<CliResult> {
  const argv = [TSX, 'scripts/backup.ts', command, ...args];
  // With a umask, run as from a shell that set it: `sh -c 'umask 000; exec tsx …' sh <argv>`.
  const [bin, ...rest] = umask ? ['sh', '-c', `umask ${umask}; exec "$@"`, 'sh', ...argv] : argv;
  return new Promise((resolve, reject) => {
    const child = spawn(bin!, rest, {
      cwd: ROOT,
      env,
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

async function envFor(name: string): Promise<NodeJS.ProcessEnv> {
  const env: NodeJS.ProcessEnv = { ...process.env, RUNBOARD_DATA_DIR: path.join(tmpDir, name) };
  delete env.DATABASE_URL;
  delete env.RUNBOARD_DEBUG;
  if (backend === 'postgres') {
    const fresh = await createFreshPostgresDatabase(`runboard_backup_${name}`);
    drops.push(fresh.drop);
    env.DATABASE_URL = fresh.url;
  }
  return env;
}

/** The users and session tokens a backup file holds, read without restoring it anywhere. */
async function sessionsIn(file: string): Promise<{ users: number; tokens: string[] }> {
  if (backend === 'postgres') {
    const sqlText = await new Promise<string>((resolve, reject) => {
      const child = spawn('pg_restore', ['--data-only', '--file=-', file], { stdio: ['ignore', 'pipe', 'inherit'] });
      let out = '';
      child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
      child.on('error', reject);
      child.on('close', () => resolve(out));
    });
    const section = (table: string) =>
      sqlText.split(`COPY public.${table} `)[1]?.split('\\.')[0]?.split('\n').slice(1) ?? [];
    return { users: section('users').filter(Boolean).length, tokens: section('sessions').filter(Boolean) };
  }
  const copy = await PGlite.create({ loadDataDir: new Blob([fs.readFileSync(file)]) });
  try {
    const users = await copy.query<{ n: number }>('select count(*)::int as n from users');
    const tokens = await copy.query<{ token: string }>('select token from sessions');
    return { users: users.rows[0]!.n, tokens: tokens.rows.map((r) => r.token) };
  } finally {
    await copy.close();
  }
}

// snapshotDatabase leaves out the sign-in counters (refused requests may write them), so they are compared whole.
const readAttempts = (db: Db) =>
  rawRows(db, sql`select key, failures, window_started_at::text as started from sign_in_attempts order by key`);

/**
 * Every row of every table (a digest per table, the sign-in counters whole) and the migration journal the next start
 * relies on; then the start's own migration, which on a complete restore is a no-op rather than a failure on existing tables.
 */
async function readDatabase(config: DbConfig) {
  const handle = await openDb(config);
  try {
    const [journal] = await rawRows<{ n: number | string }>(
      handle.db,
      sql`select count(*) as n from drizzle.__drizzle_migrations`,
    );
    const snapshot = await snapshotDatabase(handle.db);
    const attempts = await readAttempts(handle.db);
    await migrateDb(handle, config);
    return { snapshot, attempts, migrations: Number(journal!.n), afterMigrate: await snapshotDatabase(handle.db) };
  } finally {
    await handle.close();
  }
}

/** "N tables, M rows" from a CLI summary line. */
function summaryOf(line: string) {
  const m = /: (\d+) tables, ([\d,]+) rows, [\d.]+ [KM]?B\./.exec(line);
  expect(m, line).not.toBeNull();
  return { tables: Number(m![1]), rows: Number(m![2]!.replaceAll(',', '')) };
}

beforeAll(async () => {
  tmpDir = fs.mkdtempSync(path.join(os.tmpdir(), 'runboard-backup-'));
  sourceEnv = await envFor('source');
  targetEnv = await envFor('target');
  const config = dbConfigFromEnv(sourceEnv);
  const handle = await openDb(config);
  const withdraw = provideDbHandle(handle);
  try {
    await migrateDb(handle, config);
    const db = handle.db;
    const days = parseWeatherCsv(csv.toString('utf8'));
    const admin = await createUser(db, null, {
      email: 'admin@example.com',
      name: 'Ada Admin',
      password: 'backup-password-1',
      isAdmin: true,
    });
    const seeded = await seedDemoProject(db, { csv, days, gitCommit: 'abc123', fetch: inProcessFetch, limit: 2 });
    await seedDemoExtras(db, seeded.projectId, days, () => {});
    await createUser(db, admin, { email: 'erin@example.com', name: 'Erin Editor', password: 'backup-password-2' });
    await addMember(db, admin, seeded.projectId, 'erin@example.com', 'editor');
    await createApiToken(db, admin, seeded.projectId, 'CI token');
    await recordSignInAttempt(db, signInKeys('erin@example.com', '203.0.113.9'), SIGN_IN_WINDOW_SECONDS);
    before = await snapshotDatabase(db);
    attemptsBefore = await readAttempts(db);
    const [journal] = await rawRows<{ n: number | string }>(
      db,
      sql`select count(*) as n from drizzle.__drizzle_migrations`,
    );
    migrationsBefore = Number(journal!.n);
  } finally {
    withdraw();
    await handle.close();
  }
}, 180_000);

afterAll(async () => {
  for (const drop of drops) await drop();
  if (tmpDir) fs.rmSync(tmpDir, { recursive: true, force: true });
});

describe(`backup and restore (${backend})`, () => {
  const file = () => path.join(tmpDir, backend === 'postgres' ? 'runboard.dump' : 'runboard.tar.gz');

  it('seeds a realistic database: most tables hold rows', () => {
    const filled = Object.values(before).filter((v) => !v.startsWith('0:'));
    expect(filled.length).toBeGreaterThanOrEqual(30);
  });

  it('backs up every table, refusing while a server holds the embedded database; the summary counts every row', async () => {
    if (backend === 'pglite') {
      // This test process plays the running server: the CLI is another process and sees a live holder.
      claimEmbeddedDb(sourceEnv.RUNBOARD_DATA_DIR!);
      try {
        const refused = await runCli('backup', [file()], sourceEnv);
        expect(refused.code).toBe(1);
        expect(refused.stderr).toMatch(/in use by a running Runboard server \(pid \d+\)\. Stop the server first/);
        expect(fs.existsSync(file())).toBe(false);
      } finally {
        releaseEmbeddedDb(sourceEnv.RUNBOARD_DATA_DIR!);
      }
    }
    // On Postgres the backup runs live: pg_dump reads one consistent snapshot.
    const result = await runCli('backup', [file()], sourceEnv);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const publicRows = Object.values(before).reduce((sum, v) => sum + Number(v.split(':')[0]), 0);
    // Runboard's tables, the sign-in counters, and drizzle's migration journal.
    expect(attemptsBefore).toHaveLength(2);
    expect(summaryOf(result.stdout)).toEqual({
      tables: Object.keys(before).length + 2,
      rows: publicRows + attemptsBefore.length + migrationsBefore,
    });
    expect(fs.readdirSync(tmpDir).filter((f) => f.includes('.partial'))).toEqual([]);
    expect(fs.statSync(file()).mode & 0o777).toBe(0o600);
    backupLine = result.stdout;
  });

  it('creates the backup readable by its owner only, even under a permissive umask, and without live sessions', async () => {
    const loose = path.join(tmpDir, backend === 'postgres' ? 'umask.dump' : 'umask.tar.gz');
    const token = 'live-session-token-from-the-source';
    const source = await openDb(dbConfigFromEnv(sourceEnv));
    try {
      await source.db.execute(sql`insert into sessions (id, token, user_id, expires_at)
        select 'leak-check', ${token}, id, now() + interval '1 day' from users order by email limit 1`);
    } finally {
      await source.close();
    }
    try {
      const result = await runCli('backup', [loose], sourceEnv, '000');
      expect(result.stderr).toBe('');
      expect(result.code).toBe(0);
      expect(fs.statSync(loose).mode & 0o777).toBe(0o600);
      const inBackup = await sessionsIn(loose);
      expect(inBackup.users).toBeGreaterThan(0);
      expect(inBackup.tokens).toEqual([]);
    } finally {
      fs.rmSync(loose, { force: true });
      const cleanup = await openDb(dbConfigFromEnv(sourceEnv));
      await cleanup.db.execute(sql`delete from sessions where id = 'leak-check'`);
      await cleanup.close();
    }
  }, 90_000); // two PGlite loads of the seeded database plus the CLI: ~30 s on a quiet 2-core machine

  it('refuses to restore while a running instance holds the target', async () => {
    let release: () => Promise<void>;
    if (backend === 'pglite') {
      claimEmbeddedDb(targetEnv.RUNBOARD_DATA_DIR!);
      release = async () => releaseEmbeddedDb(targetEnv.RUNBOARD_DATA_DIR!);
    } else {
      const session = postgres(targetEnv.DATABASE_URL!, { max: 1, onnotice: () => {} });
      await session`select 1`;
      release = () => session.end();
    }
    try {
      const result = await runCli('restore', [file()], targetEnv);
      expect(result.code).toBe(1);
      expect(result.stderr).toMatch(/in use by a running Runboard server|1 other session\(s\) are connected/);
    } finally {
      await release();
    }
    if (backend === 'pglite') {
      expect(fs.existsSync(targetEnv.RUNBOARD_DATA_DIR!)).toBe(false);
    } else {
      const session = postgres(targetEnv.DATABASE_URL!, { max: 1, onnotice: () => {} });
      const [row] =
        await session`select count(*)::int as n from information_schema.tables where table_schema in ('public', 'drizzle')`;
      await session.end();
      expect(row!.n).toBe(0);
    }
  });

  it('restores into an empty database with every row of every table', async () => {
    const restored = await runCli('restore', [file()], targetEnv);
    expect(restored.stderr).toBe('');
    expect(restored.code).toBe(0);
    expect(summaryOf(restored.stdout)).toEqual(summaryOf(backupLine));

    const after = await readDatabase(dbConfigFromEnv(targetEnv));
    expect(Object.keys(after.snapshot)).toEqual(Object.keys(before));
    expect(after.snapshot).toEqual(before);
    expect(after.attempts).toEqual(attemptsBefore);
    expect(after.migrations).toBe(migrationsBefore);
    expect(after.afterMigrate).toEqual(before);
  });

  it('refuses to overwrite a backup file or to restore over a database that has tables, unless --force', async () => {
    const again = await runCli('backup', [file()], sourceEnv);
    expect(again.code).toBe(2);
    expect(again.stderr).toMatch(/already exists: choose a new file name/);

    const refused = await runCli('restore', [file()], targetEnv);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/already (has \d+ tables|an embedded database).*--force/);

    const forced = await runCli('restore', [file(), '--force'], targetEnv);
    expect(forced.stderr).toBe('');
    expect(forced.code).toBe(0);
    expect((await readDatabase(dbConfigFromEnv(targetEnv))).snapshot).toEqual(before);
    if (backend === 'pglite') {
      const kept = fs.readdirSync(tmpDir).filter((f) => f.startsWith('target.before-restore-'));
      expect(kept).toHaveLength(1);
      expect(forced.stdout).toContain(`previous folder is kept at ${path.join(tmpDir, kept[0]!)}`);
    }
  });

  it('refuses a backup of the other backend with a message that says which it is', async () => {
    const other = path.join(tmpDir, 'other-backend');
    fs.writeFileSync(other, backend === 'postgres' ? Buffer.from([0x1f, 0x8b, 8, 0, 0]) : Buffer.from('PGDMP\u0001'));
    const result = await runCli('restore', [other], targetEnv);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(
      backend === 'postgres' ? /is an embedded-database \(PGlite\) backup/ : /is a Postgres backup: set DATABASE_URL/,
    );
  });
});
