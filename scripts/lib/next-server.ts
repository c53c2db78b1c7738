// Starts the existing production build (`next start`) on a port against a given database: used by the bench,
// the load test, the fault test and the two-instance test. None of them builds (`ensureBuild` says how).
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { freePort } from './util';

export type BuildState = { ok: true } | { ok: false; reason: string };

/** Whether .next holds a build that serves the MLflow API. */
export function buildState(root = process.cwd()): BuildState {
  if (!fs.existsSync(path.join(root, '.next', 'BUILD_ID'))) {
    return { ok: false, reason: '.next/BUILD_ID is missing: run `npx next build` first to measure over HTTP' };
  }
  if (!fs.existsSync(path.join(root, '.next', 'server', 'app', 'api', '2.0', 'mlflow'))) {
    return {
      ok: false,
      reason:
        'the existing build predates the MLflow routes (no .next/server/app/api/2.0/mlflow): rebuild with `npx next build` to measure over HTTP',
    };
  }
  return { ok: true };
}

/** Builds once when there is no build yet (the test scripts run after the e2e suite, which builds). */
export function ensureBuild(log: (l: string) => void): void {
  const state = buildState();
  if (state.ok) return;
  log(`${state.reason}; building now`);
  const r = spawnSync(path.join(process.cwd(), 'node_modules', '.bin', 'next'), ['build'], { stdio: 'inherit' });
  if (r.status !== 0) throw new Error('next build failed');
}

export type ServerOptions = {
  databaseUrl: string;
  port?: number;
  /** Extra environment, e.g. RUNBOARD_SCHEDULER=off. */
  env?: Record<string, string>;
  log: (l: string) => void;
  /** Label for log lines, e.g. "instance A". */
  name?: string;
};

export type RunningServer = {
  baseUrl: string;
  port: number;
  pid: number;
  /** Everything the server printed so far (kept whole: the log-secrets check reads it). */
  output: () => string;
  stop: () => Promise<void>;
  /** SIGKILL to the whole process group, no chance to finish anything. */
  kill9: () => Promise<void>;
};

/** Spawns `next start` and resolves once /api/health answers 200 (the first request opens the database and migrates it). */
export async function startNextServer(opts: ServerOptions): Promise<RunningServer> {
  const port = opts.port ?? (await freePort());
  const bin = path.join(process.cwd(), 'node_modules', '.bin', 'next');
  // Own process group, so stop() ends this server and whatever it spawned, and nothing else.
  const child: ChildProcess = spawn(bin, ['start', '-p', String(port), '-H', '127.0.0.1'], {
    env: {
      ...process.env,
      DATABASE_URL: opts.databaseUrl,
      RUNBOARD_AUTH_SECRET: '',
      NODE_ENV: 'production',
      ...opts.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let output = '';
  child.stdout?.on('data', (c: Buffer) => (output += c.toString()));
  child.stderr?.on('data', (c: Buffer) => (output += c.toString()));
  const pid = child.pid!;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const alive = () => child.exitCode === null && child.signalCode === null;
  const signal = async (sig: NodeJS.Signals, graceMs: number) => {
    if (!alive()) return;
    try {
      process.kill(-pid, sig);
    } catch {
      return;
    }
    const timeout = new Promise<'timeout'>((resolve) => setTimeout(() => resolve('timeout'), graceMs));
    if ((await Promise.race([exited, timeout])) === 'timeout') {
      try {
        process.kill(-pid, 'SIGKILL');
      } catch {
        // Already gone.
      }
      await exited;
    }
  };
  const baseUrl = `http://127.0.0.1:${port}`;
  const server: RunningServer = {
    baseUrl,
    port,
    pid,
    output: () => output,
    stop: () => signal('SIGTERM', 5000),
    kill9: () => signal('SIGKILL', 5000),
  };
  const deadline = Date.now() + 90_000;
  while (Date.now() < deadline) {
    if (!alive())
      throw new Error(`next start exited with ${child.exitCode ?? child.signalCode}:\n${output.slice(-4000)}`);
    try {
      const res = await fetch(`${baseUrl}/api/health`);
      if (res.ok) {
        opts.log(`  ${opts.name ?? 'next start'} (pid ${pid}) ready on ${baseUrl}`);
        return server;
      }
    } catch {
      // Not listening yet.
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  await server.stop();
  throw new Error(`next start did not become healthy within 90 s:\n${output.slice(-4000)}`);
}
