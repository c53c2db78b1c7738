// `npm run backup -- <file>` and `npm run restore -- <file> [--force]`, on DATABASE_URL (pg_dump custom format,
// pg_restore) or on the embedded database in RUNBOARD_DATA_DIR (PGlite's data-folder tarball).
// Exit 0 on success, 2 on bad usage, 1 when the backup or restore fails.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { PGlite } from '@electric-sql/pglite';
import { type SQL, sql } from 'drizzle-orm';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { type DbConfig, dbConfigFromEnv, openDb } from '@/db/client';
import { rowsOf } from '@/db/rows';
import { CliError, claimForCli, runCli } from './cli-db';

type Summary = { tables: number; rows: number; bytes: number };

// A custom-format pg_dump archive starts with "PGDMP"; PGlite's dumpDataDir('gzip') writes a gzip stream.
const PG_DUMP_MAGIC = Buffer.from('PGDMP');
const GZIP_MAGIC = Buffer.from([0x1f, 0x8b]);

/** Exact row counts of every table outside the system schemas (Runboard's tables and drizzle's migration journal). */
// Live sign-ins are left out of every backup: better-auth 1.7 keeps session tokens in plain text and has no
// option to hash them, so a backup that held them would hand out working cookies. A restore signs everyone out.
const SCRUBBED_TABLES = ['public.sessions', 'public.verifications'];
const withoutScrubbed = (counts: Record<string, number>) =>
  Object.fromEntries(Object.entries(counts).map(([t, n]) => [t, SCRUBBED_TABLES.includes(t) ? 0 : n]));

async function countRows(db: { execute: (query: SQL) => Promise<unknown> }): Promise<Record<string, number>> {
  const tables = rowsOf<{ schema: string; name: string }>(
    await db.execute(sql`select table_schema as schema, table_name as name from information_schema.tables
      where table_type = 'BASE TABLE' and table_schema not in ('pg_catalog', 'information_schema') order by 1, 2`),
  );
  if (tables.length === 0) return {};
  const perTable = tables.map(
    ({ schema, name }) =>
      sql`select ${`${schema}.${name}`}::text as name, count(*) as n from ${sql.identifier(schema)}.${sql.identifier(name)}`,
  );
  const rows = rowsOf<{ name: string; n: number | string }>(await db.execute(sql.join(perTable, sql` union all `)));
  return Object.fromEntries(rows.map((r) => [r.name, Number(r.n)]));
}

function summarize(counts: Record<string, number>, bytes: number): Summary {
  return { tables: Object.keys(counts).length, rows: Object.values(counts).reduce((a, b) => a + b, 0), bytes };
}

function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 ** 2) return `${(n / 1024).toFixed(1)} KB`;
  return `${(n / 1024 ** 2).toFixed(1)} MB`;
}

const describeSummary = (s: Summary) =>
  `${s.tables} tables, ${s.rows.toLocaleString('en-US')} rows, ${formatBytes(s.bytes)}`;

/** The database's location for messages, and a connection string for libpq tools with the password moved to PGPASSWORD (kept out of `ps`). */
function libpqTarget(databaseUrl: string) {
  const url = new URL(databaseUrl);
  const password = decodeURIComponent(url.password);
  url.password = '';
  const label = `${decodeURIComponent(url.pathname.slice(1))} on ${url.hostname}${url.port ? `:${url.port}` : ''}`;
  return { url: url.toString(), label, env: password ? { ...process.env, PGPASSWORD: password } : process.env };
}

/** Runs pg_dump or pg_restore and returns its stdout; a failure becomes one message carrying the tool's own error. */
function runTool(command: 'pg_dump' | 'pg_restore', args: string[], env: NodeJS.ProcessEnv): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', (err: NodeJS.ErrnoException) => {
      reject(
        err.code === 'ENOENT'
          ? new CliError(
              `${command} was not found on PATH: install the PostgreSQL client tools (the server's major version or newer)`,
            )
          : err,
      );
    });
    child.on('close', (code) => {
      if (code === 0) resolve(stdout);
      else reject(new CliError(`${command} failed (exit ${code}): ${stderr.trim() || 'no message'}`));
    });
  });
}

/** schema.table of every table an archive creates, from its table of contents (lines like "215; 1259 16390 TABLE public users postgres"). */
async function archiveTables(file: string): Promise<Set<string>> {
  const toc = await runTool('pg_restore', ['--list', file], process.env);
  return new Set([...toc.matchAll(/^\d+; \d+ \d+ TABLE (\S+) (\S+) /gm)].map((m) => `${m[1]}.${m[2]}`));
}

function hasPgData(dir: string): boolean {
  return fs.existsSync(path.join(dir, 'PG_VERSION'));
}

function embeddedDir(config: DbConfig): string {
  if (config.dataDir.startsWith('memory://'))
    throw new CliError('RUNBOARD_DATA_DIR is in memory (memory://): there is no folder to back up or restore', 2);
  return path.resolve(config.dataDir);
}

async function backupPostgres(databaseUrl: string, partial: string) {
  const target = libpqTarget(databaseUrl);
  const handle = await openDb({ databaseUrl, dataDir: '' });
  try {
    // pg_dump reads the snapshot this transaction exported, so the printed counts are exactly what the file holds.
    const counts = await handle.db.transaction(
      async (tx) => {
        const [row] = rowsOf<{ snapshot: string }>(await tx.execute(sql`select pg_export_snapshot() as snapshot`));
        const counts = withoutScrubbed(await countRows(tx));
        if (Object.keys(counts).length === 0)
          throw new CliError(`the database ${target.label} has no tables: is DATABASE_URL the right database?`);
        await runTool(
          'pg_dump',
          [
            '--format=custom',
            `--snapshot=${row!.snapshot}`,
            ...SCRUBBED_TABLES.map((t) => `--exclude-table-data=${t}`),
            `--file=${partial}`,
            `--dbname=${target.url}`,
          ],
          target.env,
        );
        return counts;
      },
      { isolationLevel: 'repeatable read', accessMode: 'read only' },
    );
    return { counts, source: `Postgres database ${target.label}` };
  } finally {
    await handle.close();
  }
}

async function backupEmbedded(config: DbConfig, partial: string) {
  const dir = embeddedDir(config);
  if (!hasPgData(dir)) throw new CliError(`there is no embedded database at ${dir} (check RUNBOARD_DATA_DIR)`);
  // Copying a folder PGlite has open is unsafe, and PGlite allows one process: the server must be stopped.
  const release = claimForCli(dir);
  try {
    const pglite = await PGlite.create(dir);
    try {
      const counts = withoutScrubbed(await countRows(drizzlePglite(pglite)));
      // Scrubbed in an in-memory copy: the database being backed up is never changed.
      const copy = await PGlite.create({ loadDataDir: await pglite.dumpDataDir('gzip') });
      try {
        await copy.exec(SCRUBBED_TABLES.map((t) => `delete from ${t};`).join(' '));
        const tarball = await copy.dumpDataDir('gzip');
        fs.writeFileSync(partial, Buffer.from(await tarball.arrayBuffer()), { flag: 'r+' });
      } finally {
        await copy.close();
      }
      return { counts, source: `the embedded database at ${dir}` };
    } finally {
      await pglite.close();
    }
  } finally {
    release();
  }
}

async function restorePostgres(databaseUrl: string, file: string, force: boolean) {
  const target = libpqTarget(databaseUrl);
  const handle = await openDb({ databaseUrl, dataDir: '' });
  try {
    const existingCounts = await countRows(handle.db);
    const existing = summarize(existingCounts, 0);
    if (existing.tables > 0 && !force) {
      throw new CliError(
        `the database ${target.label} already has ${existing.tables} tables (${existing.rows} rows). ` +
          'Restore into an empty database, or pass --force to replace its contents.',
      );
    }
    // --clean replaces only the archive's tables; one it lacks (from a later migration) would survive and break the next migration.
    const inArchive = await archiveTables(file);
    const extra = Object.keys(existingCounts).filter((t) => !inArchive.has(t));
    if (extra.length > 0) {
      throw new CliError(
        `${target.label} has tables the backup does not (${extra.join(', ')}): restore into an empty database instead`,
      );
    }
    // pg_restore --clean drops tables a running instance is using: it would wait on their locks or pull data from under them.
    const [others] = rowsOf<{ n: number | string }>(
      await handle.db.execute(
        sql`select count(*) as n from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid() and backend_type = 'client backend'`,
      ),
    );
    if (Number(others!.n) > 0) {
      throw new CliError(
        `${others!.n} other session(s) are connected to ${target.label}: stop the Runboard instances using it first`,
      );
    }
  } finally {
    await handle.close();
  }
  // One transaction: a restore that fails part-way leaves the database as it was.
  await runTool(
    'pg_restore',
    ['--clean', '--if-exists', '--no-owner', '--single-transaction', '--exit-on-error', `--dbname=${target.url}`, file],
    target.env,
  );
  const restored = await openDb({ databaseUrl, dataDir: '' });
  try {
    return { counts: await countRows(restored.db), destination: `Postgres database ${target.label}` };
  } finally {
    await restored.close();
  }
}

async function restoreEmbedded(config: DbConfig, file: string, force: boolean) {
  const dir = embeddedDir(config);
  const release = claimForCli(dir);
  // Loaded beside the target first, so a bad tarball never touches the current database.
  const staging = `${dir}.restoring-${process.pid}`;
  try {
    const occupied = fs.existsSync(dir) && fs.readdirSync(dir).length > 0;
    if (occupied && !hasPgData(dir))
      throw new CliError(
        `${dir} exists and is not an embedded database: move it away or choose another RUNBOARD_DATA_DIR`,
      );
    if (occupied && !force) {
      throw new CliError(
        `there is already an embedded database at ${dir}. Pass --force to replace it (the current folder is kept beside it).`,
      );
    }
    fs.rmSync(staging, { recursive: true, force: true });
    fs.mkdirSync(staging, { recursive: true });
    const pglite = await PGlite.create({ dataDir: staging, loadDataDir: new Blob([fs.readFileSync(file)]) }).catch(
      (err: unknown) => {
        throw new CliError(
          `${file} could not be loaded as an embedded database: ${err instanceof Error ? err.message : String(err)}`,
        );
      },
    );
    let counts: Record<string, number>;
    try {
      counts = await countRows(drizzlePglite(pglite));
    } finally {
      await pglite.close();
    }
    let keptAs: string | null = null;
    if (occupied) {
      keptAs = `${dir}.before-restore-${new Date().toISOString().replace(/[:.]/g, '-')}`;
      fs.renameSync(dir, keptAs);
    } else {
      fs.rmSync(dir, { recursive: true, force: true });
    }
    fs.renameSync(staging, dir);
    return { counts, destination: `the embedded database at ${dir}`, keptAs };
  } finally {
    fs.rmSync(staging, { recursive: true, force: true });
    release();
  }
}

function backupKind(file: string): 'postgres' | 'pglite' {
  const head = Buffer.alloc(5);
  const fd = fs.openSync(file, 'r');
  try {
    fs.readSync(fd, head, 0, head.length, 0);
  } finally {
    fs.closeSync(fd);
  }
  if (head.equals(PG_DUMP_MAGIC)) return 'postgres';
  if (head.subarray(0, 2).equals(GZIP_MAGIC)) return 'pglite';
  throw new CliError(
    `${file} is not a Runboard backup (neither a pg_dump custom-format archive nor a PGlite data-folder tarball)`,
  );
}

async function backup(file: string): Promise<string> {
  if (fs.existsSync(file))
    throw new CliError(`${file} already exists: choose a new file name (backups are never overwritten)`, 2);
  const config = dbConfigFromEnv();
  // Written under a temporary name and renamed when complete, so a failed backup never leaves a file that looks whole.
  const partial = `${file}.partial-${process.pid}`;
  // A backup holds password hashes, API token hashes and the signing secret: only its owner may read it, from
  // the first byte. The file is created 0600 here (a mode umask can only narrow), and pg_dump / the PGlite writer
  // then write into this file instead of creating their own.
  fs.closeSync(fs.openSync(partial, 'wx', 0o600));
  try {
    const { counts, source } = config.databaseUrl
      ? await backupPostgres(config.databaseUrl, partial)
      : await backupEmbedded(config, partial);
    fs.renameSync(partial, file);
    return `Backed up ${source} to ${file}: ${describeSummary(summarize(counts, fs.statSync(file).size))}.`;
  } finally {
    fs.rmSync(partial, { force: true });
  }
}

async function restore(file: string, force: boolean): Promise<string> {
  if (!fs.existsSync(file)) throw new CliError(`${file} does not exist`, 2);
  const config = dbConfigFromEnv();
  const kind = backupKind(file);
  const configured = config.databaseUrl ? 'postgres' : 'pglite';
  if (kind !== configured) {
    throw new CliError(
      kind === 'postgres'
        ? `${file} is a Postgres backup: set DATABASE_URL to the database to restore it into`
        : `${file} is an embedded-database (PGlite) backup: unset DATABASE_URL and set RUNBOARD_DATA_DIR to restore it`,
      2,
    );
  }
  const bytes = fs.statSync(file).size;
  if (config.databaseUrl) {
    const { counts, destination } = await restorePostgres(config.databaseUrl, file, force);
    return `Restored ${file} into ${destination}: ${describeSummary(summarize(counts, bytes))}.`;
  }
  const { counts, destination, keptAs } = await restoreEmbedded(config, file, force);
  const kept = keptAs ? ` The previous folder is kept at ${keptAs}; delete it once you are satisfied.` : '';
  return `Restored ${file} into ${destination}: ${describeSummary(summarize(counts, bytes))}.${kept}`;
}

const USAGE = [
  'Usage: npm run backup -- <file>',
  '       npm run restore -- <file> [--force]',
  '',
  'Uses Postgres when DATABASE_URL is set (pg_dump/pg_restore must be on PATH), otherwise the embedded',
  'database in RUNBOARD_DATA_DIR (default .data/pglite), which no running Runboard server may hold.',
  'restore refuses a database that already has tables unless --force; stop every Runboard instance first.',
  '',
].join('\n');

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (command !== 'backup' && command !== 'restore')
    throw new CliError(`unknown command "${command ?? ''}" (use backup or restore)`, 2);
  let parsed;
  try {
    parsed = parseArgs({
      args: rest,
      options: { force: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } },
      allowPositionals: true,
    });
  } catch (err) {
    throw new CliError((err as Error).message, 2);
  }
  if (parsed.values.help) {
    process.stdout.write(USAGE);
    return 0;
  }
  if (parsed.positionals.length !== 1)
    throw new CliError(`expected one backup file, got ${parsed.positionals.length} (see --help)`, 2);
  if (command === 'backup' && parsed.values.force)
    throw new CliError('--force applies to restore only (backups are never overwritten)', 2);
  const file = path.resolve(parsed.positionals[0]!);
  const line = command === 'backup' ? await backup(file) : await restore(file, parsed.values.force ?? false);
  process.stdout.write(`${line}\n`);
  return 0;
}

runCli(main);
