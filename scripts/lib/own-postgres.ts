// A throwaway PostgreSQL server of our own (initdb in a temp folder, its own port), so fault tests can stop and
// restart it without touching the machine's server. As root, the server binaries run as the `postgres` user.
import { execFile, execFileSync } from 'node:child_process';
import { promisify } from 'node:util';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort } from './util';

function binDir(): string {
  try {
    return execFileSync('pg_config', ['--bindir'], { encoding: 'utf8' }).trim();
  } catch {
    const root = '/usr/lib/postgresql';
    const versions = fs.existsSync(root) ? fs.readdirSync(root).sort((a, b) => Number(b) - Number(a)) : [];
    if (!versions[0])
      throw new Error('no PostgreSQL server binaries found (pg_config or /usr/lib/postgresql/<version>/bin)');
    return path.join(root, versions[0], 'bin');
  }
}

export type OwnPostgres = {
  url: string;
  port: number;
  stop: () => Promise<void>;
  start: () => Promise<void>;
  destroy: () => Promise<void>;
};

const execFileAsync = promisify(execFile);

export async function startOwnPostgres(log: (l: string) => void): Promise<OwnPostgres> {
  const bin = binDir();
  const asRoot = process.getuid?.() === 0;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'runboard-own-pg-'));
  const data = path.join(dir, 'data');
  if (asRoot) execFileSync('chown', ['-R', 'postgres:postgres', dir]);
  // Asynchronous: the fault test keeps its clients running while the server stops and starts.
  const run = async (cmd: string, args: string[]) => {
    const [file, argv] = asRoot
      ? ['runuser', ['-u', 'postgres', '--', path.join(bin, cmd), ...args]]
      : [path.join(bin, cmd), args];
    await execFileAsync(file as string, argv as string[]);
  };
  await run('initdb', ['-D', data, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--no-sync']);
  const port = await freePort();
  const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=on -c max_connections=200`;
  const pgctl = (args: string[]) => run('pg_ctl', ['-D', data, '-w', '-t', '60', ...args]);
  const start = () => pgctl(['-o', options, '-l', path.join(dir, 'server.log'), 'start']);
  const stop = () => pgctl(['-m', 'fast', 'stop']);
  await start();
  log(`  own PostgreSQL (${bin}) on port ${port}, data in ${data}`);
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    port,
    start,
    stop,
    destroy: async () => {
      await stop().catch(() => {
        // Already stopped.
      });
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
