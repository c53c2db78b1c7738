import fs from 'node:fs';
import path from 'node:path';

// PGlite allows one process on a data folder. The server records its pid beside the data so the
// admin CLI can refuse, with a clear message, instead of corrupting the database.

function lockFile(dataDir: string) {
  return path.join(dataDir, '..', `${path.basename(dataDir)}.server.pid`);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export function embeddedDbHolder(dataDir: string): number | null {
  if (dataDir.startsWith('memory://')) return null;
  try {
    const pid = Number(fs.readFileSync(lockFile(dataDir), 'utf8').trim());
    return pid && pid !== process.pid && isAlive(pid) ? pid : null;
  } catch {
    return null;
  }
}

export function claimEmbeddedDb(dataDir: string): void {
  if (dataDir.startsWith('memory://')) return;
  const holder = embeddedDbHolder(dataDir);
  if (holder) {
    throw new Error(
      `The embedded database at ${dataDir} is in use by another process (pid ${holder}). ` +
        'Stop it first, or set DATABASE_URL to use Postgres.',
    );
  }
  fs.mkdirSync(path.dirname(lockFile(dataDir)), { recursive: true });
  fs.writeFileSync(lockFile(dataDir), String(process.pid));
}
