import fs from 'node:fs';
import path from 'node:path';
import { type Db, type DbConfig, type DbHandle, openDb } from '@/db/client';
import { claimEmbeddedDb, embeddedDbHolder } from '@/db/embedded-lock';
import { migrateDb } from '@/db/migrate';
import { isTransientDbError } from '@/lib/db-errors';
import { DomainError } from '@/lib/errors';

/** An expected failure the CLI reports as one line: exit 2 for bad usage, 1 for everything else. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: 1 | 2 = 1,
  ) {
    super(message);
    this.name = 'CliError';
  }
}

// Mirrors the private lockFile() in db/embedded-lock.ts (the server's pid file sits beside the data
// folder); tests/admin-cli.test.ts checks that claimEmbeddedDb writes exactly this path.
export function embeddedLockFile(dataDir: string): string {
  return path.join(dataDir, '..', `${path.basename(dataDir)}.server.pid`);
}

/** Removes the pid file only while it still names this process, so a server that started since keeps its claim. */
export function releaseEmbeddedDb(dataDir: string): void {
  if (dataDir.startsWith('memory://')) return;
  const file = embeddedLockFile(dataDir);
  try {
    if (fs.readFileSync(file, 'utf8').trim() === String(process.pid)) fs.unlinkSync(file);
  } catch {
    // Already gone: nothing to release.
  }
}

function inUse(dataDir: string, pid: number): CliError {
  return new CliError(
    `the embedded database at ${dataDir} is in use by a running Runboard server (pid ${pid}). ` +
      'Stop the server first, or set DATABASE_URL to use Postgres.',
  );
}

/**
 * Claims the embedded database for this process (PGlite allows one), or refuses if a server holds it.
 * Returns the release function; it also runs on exit and on Ctrl-C so a crash leaves no claim behind.
 */
export function claimForCli(dataDir: string): () => void {
  const holder = embeddedDbHolder(dataDir);
  if (holder) throw inUse(dataDir, holder);
  try {
    claimEmbeddedDb(dataDir);
  } catch (err) {
    // A server claimed it between our check and our claim.
    const racer = embeddedDbHolder(dataDir);
    if (racer) throw inUse(dataDir, racer);
    throw err;
  }
  const release = () => releaseEmbeddedDb(dataDir);
  const onSignal = (signal: NodeJS.Signals) => {
    release();
    process.exit(signal === 'SIGINT' ? 130 : 143);
  };
  process.once('exit', release);
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  return () => {
    release();
    process.off('exit', release);
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  };
}

/**
 * Opens and migrates the configured database for one CLI command, then closes it and drops any claim.
 * `run` also gets the handle, for scripts that share it with in-process route handlers (provideDbHandle).
 */
export async function withCliDb<T>(config: DbConfig, run: (db: Db, handle: DbHandle) => Promise<T>): Promise<T> {
  const release = config.databaseUrl ? () => {} : claimForCli(config.dataDir);
  try {
    const handle = await openDb(config);
    try {
      await migrateDb(handle, config);
      return await run(handle.db, handle);
    } finally {
      await handle.close();
    }
  } finally {
    release();
  }
}

function rootCause(err: unknown): unknown {
  let e = err;
  for (let depth = 0; depth < 5 && e instanceof Error && e.cause instanceof Error; depth++) e = e.cause;
  return e;
}

/** One line for the operator; never a stack, nor a failed query's parameters (they can hold password hashes). */
export function describeCliFailure(err: unknown): { message: string; exitCode: number } {
  if (err instanceof CliError) return { message: err.message, exitCode: err.exitCode };
  if (err instanceof DomainError) return { message: err.message, exitCode: 1 };
  const cause = rootCause(err);
  const detail = cause instanceof Error ? cause.message || cause.name : String(cause);
  if (isTransientDbError(err))
    return {
      message: `cannot reach the database (${detail}). Check DATABASE_URL and that Postgres is running.`,
      exitCode: 1,
    };
  const hint = process.env.RUNBOARD_DEBUG ? '' : ' (set RUNBOARD_DEBUG=1 for details)';
  return { message: `unexpected failure: ${detail}${hint}`, exitCode: 1 };
}

/** Runs a CLI's main: its return value is the exit code; a failure is one line on stderr. */
export function runCli(main: (argv: string[]) => Promise<number>): void {
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (err: unknown) => {
      const { message, exitCode } = describeCliFailure(err);
      process.stderr.write(`error: ${message}\n`);
      if (process.env.RUNBOARD_DEBUG) console.error(err);
      process.exitCode = exitCode;
    },
  );
}
