// Starts the existing production build (`next start`) on a free port against a given database, for the HTTP path.
import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { freePort } from './util';

export type BuildState = { ok: true } | { ok: false; reason: string };

/** Whether .next holds a build that serves the MLflow API; the bench never builds (the lead coordinates builds). */
export function buildState(root = process.cwd()): BuildState {
  if (!fs.existsSync(path.join(root, '.next', 'BUILD_ID'))) {
    return { ok: false, reason: '.next/BUILD_ID is missing: run `npx next build` first to measure over HTTP' };
  }
  if (!fs.existsSync(path.join(root, '.next', 'server', 'app', 'api', '2.0', 'mlflow'))) {
    return { ok: false, reason: 'the existing build predates the MLflow routes (no .next/server/app/api/2.0/mlflow): rebuild with `npx next build` to measure over HTTP' };
  }
  return { ok: true };
}

export type RunningServer = { baseUrl: string; pid: number; stop: () => Promise<void> };

export async function startNextServer(databaseUrl: string, log: (l: string) => void): Promise<RunningServer> {
  const port = await freePort();
  const bin = path.join(process.cwd(), 'node_modules', '.bin', 'next');
  // Own process group, so stop() ends this server and whatever it spawned, and nothing else.
  const child: ChildProcess = spawn(bin, ['start', '-p', String(port), '-H', '127.0.0.1'], {
    env: { ...process.env, DATABASE_URL: databaseUrl, RUNBOARD_AUTH_SECRET: '', NODE_ENV: 'production' },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let output = '';
  child.stdout?.on('data', (c: Buffer) => (output = (output + c.toString()).slice(-4000)));
  child.stderr?.on('data', (c: Buffer) => (output = (output + c.toString()).slice(-4000)));
  const pid = child.pid!;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    try {
      process.kill(-pid, 'SIGTERM');
    } catch {
      return;
    }
    const timeout = new Promise<'timeout'>((resolve) => setTimeout(() => resolve('timeout'), 5000));
    if ((await Promise.race([exited, timeout])) === 'timeout') {
      try {
        process.kill(-pid, 'SIGKILL');
      } catch {
        // Already gone.
      }
    }
  };
  const baseUrl = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 90_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`next start exited with ${child.exitCode}:\n${output}`);
    try {
      const res = await fetch(`${baseUrl}/api/health`);
      if (res.ok) {
        log(`  next start (pid ${pid}) ready on ${baseUrl}`);
        return { baseUrl, pid, stop };
      }
    } catch {
      // Not listening yet.
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  await stop();
  throw new Error(`next start did not become healthy within 90 s:\n${output}`);
}
