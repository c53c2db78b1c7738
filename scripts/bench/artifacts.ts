// Figures 8–9 (artifacts): one large file PUT to the MLflow artifact proxy over HTTP and GET back from it, against
// writing and reading the same bytes through the artifact store API in this process; and how much the server's
// resident memory grows meanwhile (streaming keeps it flat, buffering would grow by the file's size).
// BENCH_ARTIFACT_MB sizes the file (default 1024). Run alone with `npx tsx scripts/bench/artifacts.ts`.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { DbHandle } from '@/db/client';
import { createExperiment } from '@/db/queries/experiments';
import { createProject } from '@/db/queries/projects';
import { createRun } from '@/db/queries/runs';
import { createApiToken } from '@/db/queries/tokens';
import { createUser } from '@/db/queries/users';
import { storePathOfUri } from '@/lib/artifacts/paths';
import { artifactStoreFromEnv } from '@/server/artifacts/store';
import { type RunningServer, buildState, startNextServer } from '../lib/next-server';
import { type Figure, fmtInt } from '../lib/util';
import { runFigureAlone } from './standalone';

export const ARTIFACT_TARGETS = { ratio: 0.5, rssGrowthMb: 64 };
const MiB = 1024 * 1024;
const CHUNK = MiB;

/** `bytes` of a fixed pseudo-random pattern, produced one chunk at a time: the whole body never exists in memory. */
function body(bytes: number): Readable {
  const pattern = Buffer.alloc(CHUNK);
  let x = 0x9e3779b9;
  for (let i = 0; i < CHUNK; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    pattern[i] = x & 0xff;
  }
  let left = bytes;
  return new Readable({
    highWaterMark: CHUNK,
    read() {
      if (left <= 0) return void this.push(null);
      const n = Math.min(left, CHUNK);
      left -= n;
      // A fresh copy each time: a writer may still hold the previous chunk while this one is produced.
      this.push(Buffer.from(pattern.subarray(0, n)));
    },
  });
}

/** Counts what flows in and drops it. */
function sink(counted: { bytes: number }): Writable {
  return new Writable({
    highWaterMark: CHUNK,
    write(chunk: Buffer, _enc, done) {
      counted.bytes += chunk.length;
      done();
    },
  });
}

/** Resident set size of a process and every process below it (next start may fork its server), in bytes. */
function treeRss(rootPid: number): number {
  const children = new Map<number, number[]>();
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      // Field 4 of /proc/<pid>/stat is the parent; the name in parentheses may hold spaces, so split after it.
      const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      children.set(ppid, [...(children.get(ppid) ?? []), Number(entry)]);
    } catch {
      // Gone meanwhile.
    }
  }
  let total = 0;
  const todo = [rootPid];
  while (todo.length) {
    const pid = todo.pop()!;
    try {
      const kb = /VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
      total += Number(kb ?? 0) * 1024;
    } catch {
      // Gone meanwhile.
    }
    todo.push(...(children.get(pid) ?? []));
  }
  return total;
}

/** Samples a memory reading every 20 ms while `work` runs; the growth is the peak minus the reading just before. */
async function withRssPeak<T>(read: () => number, work: () => Promise<T>): Promise<{ result: T; growth: number }> {
  const before = read();
  let peak = before;
  const timer = setInterval(() => (peak = Math.max(peak, read())), 20);
  try {
    const result = await work();
    peak = Math.max(peak, read());
    return { result, growth: peak - before };
  } finally {
    clearInterval(timer);
  }
}

async function timed(work: () => Promise<void>): Promise<number> {
  const t = performance.now();
  await work();
  return (performance.now() - t) / 1000;
}

type Proxy = {
  put: (key: string, bytes: number) => Promise<void>;
  get: (key: string) => Promise<number>;
  rss: () => number;
  kind: 'http' | 'in-process';
};

function httpProxy(server: RunningServer, token: string): Proxy {
  const url = (key: string) => `${server.baseUrl}/api/2.0/mlflow-artifacts/artifacts/${key}`;
  const headers = { authorization: `Bearer ${token}` };
  const answer = (res: http.IncomingMessage, what: string) =>
    new Promise<void>((resolve, reject) => {
      let text = '';
      res.on('data', (c: Buffer) => (text += c.toString()));
      res.on('end', () =>
        res.statusCode === 200 ? resolve() : reject(new Error(`${what} answered ${res.statusCode}: ${text}`)),
      );
      res.on('error', reject);
    });
  return {
    kind: 'http',
    rss: () => treeRss(server.pid),
    // node:http rather than fetch: the client should cost as little as the direct path's caller does.
    put: async (key, bytes) => {
      const req = http.request(url(key), {
        method: 'PUT',
        headers: { ...headers, 'content-type': 'application/octet-stream', 'content-length': String(bytes) },
      });
      const answered = new Promise<void>((resolve, reject) => {
        req.on('response', (res) => answer(res, 'PUT').then(resolve, reject));
        req.on('error', reject);
      });
      await pipeline(body(bytes), req);
      await answered;
    },
    get: (key) => rawGet(url(key), headers),
  };
}

/**
 * GET over a bare socket reading into one 4 MiB buffer: node:http's client parses and emits every 64 KiB read, and
 * that capped the measure at about half of what curl gets from the same server. Counts the body's bytes, framed by
 * content-length or chunked (Next sends route handler bodies chunked: it drops their content-length).
 */
function rawGet(url: string, headers: Record<string, string>): Promise<number> {
  const u = new URL(url);
  return new Promise((resolve, reject) => {
    let head = Buffer.alloc(0);
    let received = 0;
    // Takes body bytes; true once the body is complete.
    let body: ((data: Buffer) => boolean) | null = null;
    const byLength = (total: number) => (data: Buffer) => (received += data.length) >= total;
    const chunked = () => {
      let line = ''; // the chunk-size line so far
      let left = 0; // bytes of the current chunk still to come
      let crlf = 0; // bytes of the CRLF after a chunk still to skip
      return (data: Buffer) => {
        let i = 0;
        while (i < data.length) {
          if (left > 0) {
            const take = Math.min(left, data.length - i);
            left -= take;
            received += take;
            i += take;
            if (left === 0) crlf = 2;
          } else if (crlf > 0) {
            const take = Math.min(crlf, data.length - i);
            crlf -= take;
            i += take;
          } else {
            const nl = data.indexOf(10, i);
            line += data.toString('latin1', i, nl < 0 ? data.length : nl);
            if (nl < 0) return false;
            i = nl + 1;
            const size = parseInt(line, 16);
            line = '';
            if (Number.isNaN(size)) throw new Error('GET answered a malformed chunk');
            if (size === 0) return true;
            left = size;
          }
        }
        return false;
      };
    };
    const socket = net.connect({
      host: u.hostname,
      port: Number(u.port),
      onread: {
        buffer: Buffer.allocUnsafe(4 * MiB),
        callback: (n: number, buf: Uint8Array) => {
          try {
            let data = Buffer.from(buf.buffer, buf.byteOffset, n);
            if (!body) {
              head = Buffer.concat([head, data]);
              const end = head.indexOf('\r\n\r\n');
              if (end < 0) return true;
              const text = head.subarray(0, end).toString('latin1');
              const length = /\r\ncontent-length: *(\d+)/i.exec(text)?.[1];
              body =
                length !== undefined
                  ? byLength(Number(length))
                  : /\r\ntransfer-encoding: *chunked/i.test(text)
                    ? chunked()
                    : null;
              if (!/^HTTP\/1\.1 200 /.test(text) || !body) throw new Error(`GET answered:\n${text}`);
              data = head.subarray(end + 4);
            }
            if (body(data)) {
              socket.destroy();
              resolve(received);
            }
            return true;
          } catch (err) {
            socket.destroy();
            reject(err);
            return false;
          }
        },
      },
    });
    socket.on('error', reject);
    socket.on('close', () => reject(new Error(`the connection closed after ${received} bytes of the body`)));
    const lines = Object.entries({ host: u.host, ...headers, connection: 'close' }).map(([k, v]) => `${k}: ${v}\r\n`);
    socket.write(`GET ${u.pathname} HTTP/1.1\r\n${lines.join('')}\r\n`);
  });
}

/**
 * A bare node:http server in its own process streaming files from `dir` (fs stream piped to the response): the
 * reference for what loopback HTTP with the same client allows on this machine, without Next or the proxy.
 */
async function startRawFileServer(dir: string): Promise<{ url: (key: string) => string; stop: () => void }> {
  const code = `const fs = require('fs'), http = require('http'), path = require('path');
const s = http.createServer((req, res) => {
  const file = path.join(process.argv[1], decodeURIComponent(req.url));
  fs.stat(file, (err, st) => {
    if (err) return void res.writeHead(404).end();
    res.writeHead(200, { 'content-length': st.size });
    fs.createReadStream(file, { highWaterMark: 1 << 20 }).pipe(res);
  });
});
s.listen(0, '127.0.0.1', () => console.log(s.address().port));`;
  const child = spawn(process.execPath, ['-e', code, dir], { stdio: ['ignore', 'pipe', 'inherit'] });
  const port = await new Promise<number>((resolve, reject) => {
    child.stdout.once('data', (c: Buffer) => resolve(Number(c.toString().trim())));
    child.once('exit', (code) => reject(new Error(`the raw file server exited with ${code}`)));
  });
  return { url: (key) => `http://127.0.0.1:${port}/${key}`, stop: () => child.kill() };
}

/** Without a build: the proxy's route handlers called in this process with streamed Request bodies. */
async function inProcessProxy(handle: DbHandle, token: string): Promise<Proxy> {
  const { provideDbHandle } = await import('@/db/client');
  provideDbHandle(handle);
  const { GET, PUT } = await import('@/server/mlflow/artifact-proxy');
  const call = (method: 'GET' | 'PUT', key: string, init: RequestInit = {}) =>
    (method === 'GET' ? GET : PUT)(
      new Request(`http://runboard.internal/api/2.0/mlflow-artifacts/artifacts/${key}`, {
        method,
        ...init,
        headers: { authorization: `Bearer ${token}`, ...init.headers },
      }),
      { params: Promise.resolve({ path: ['artifacts', ...key.split('/')] }) },
    );
  const base = process.memoryUsage().rss;
  return {
    kind: 'in-process',
    rss: () => process.memoryUsage().rss - base,
    put: async (key, bytes) => {
      const res = await call('PUT', key, {
        body: Readable.toWeb(body(bytes)) as ReadableStream,
        headers: { 'content-length': String(bytes) },
        duplex: 'half',
      } as RequestInit);
      if (res.status !== 200) throw new Error(`PUT answered ${res.status}: ${await res.text()}`);
    },
    get: async (key) => {
      const res = await call('GET', key);
      if (res.status !== 200 || !res.body) throw new Error(`GET answered ${res.status}: ${await res.text()}`);
      const counted = { bytes: 0 };
      await pipeline(Readable.fromWeb(res.body as import('node:stream/web').ReadableStream), sink(counted));
      return counted.bytes;
    },
  };
}

export type ArtifactBench = { figures: Figure[] };

export async function benchArtifacts(
  handle: DbHandle,
  opts: { databaseUrl: string; megabytes?: number; rounds?: number; log?: (line: string) => void },
): Promise<ArtifactBench> {
  const log = opts.log ?? ((line: string) => console.log(line));
  const bytes = (opts.megabytes ?? 1024) * MiB;
  const rounds = opts.rounds ?? 3;
  const db = handle.db;
  const user = await createUser(db, null, {
    email: 'artifact-bench@example.com',
    name: 'Bench',
    password: 'bench-password-1',
  });
  const project = await createProject(db, user, {
    slug: 'artifact-bench',
    name: 'Artifact bench',
    problemStatement: '',
  });
  const experiment = await createExperiment(db, user, project.id, { name: 'Artifact bench' });
  const run = await createRun(db, user, project.id, { experimentId: experiment.id, startTime: Date.now() });
  const { token } = await createApiToken(db, user, project.id, 'artifact-bench');
  const runDir = storePathOfUri(run.artifactUri)!;

  // One store folder on the same disk for both paths; the server is pointed at it, the direct path opens it here.
  const dir = await fsp.mkdtemp(path.join(os.tmpdir(), 'runboard-bench-artifacts-'));
  const store = artifactStoreFromEnv({ ...process.env, RUNBOARD_ARTIFACTS_URI: dir });
  const build = buildState();
  let server: RunningServer | null = null;
  let raw: Awaited<ReturnType<typeof startRawFileServer>> | null = null;
  let note: string | undefined;
  try {
    let proxy: Proxy;
    if (build.ok && process.env.BENCH_TRANSPORT !== 'in-process') {
      server = await startNextServer({
        databaseUrl: opts.databaseUrl,
        env: { RUNBOARD_ARTIFACTS_URI: dir, RUNBOARD_SCHEDULER: 'off' },
        log,
      });
      proxy = httpProxy(server, token);
      raw = await startRawFileServer(dir);
    } else {
      note = `in-process, not HTTP: ${build.ok ? 'BENCH_TRANSPORT=in-process' : build.reason}`;
      log(`  measuring the artifact proxy in-process (route handlers called directly): ${note}`);
      const { setArtifactStore } = await import('@/server/artifacts/store');
      setArtifactStore(store);
      proxy = await inProcessProxy(handle, token);
    }
    // Warm-up, untimed: the first request loads the route and opens the database.
    await proxy.put(`${runDir}/warm-up.bin`, MiB);
    await proxy.get(`${runDir}/warm-up.bin`);

    const size = `${fmtInt(bytes / MiB)} MiB`;
    const rate = (sec: number) => bytes / MiB / sec;
    const best = { directPut: 0, proxyPut: 0, directGet: 0, proxyGet: 0, rawGet: 0, putGrowth: 0, getGrowth: 0 };
    // Alternating rounds, best of each: other load on the machine hits both paths alike.
    for (let r = 1; r <= rounds; r++) {
      const directKey = `${runDir}/direct-${r}.bin`;
      const proxyKey = `${runDir}/proxy-${r}.bin`;
      const directPut = await timed(async () => void (await store.put(directKey, body(bytes), Infinity)));
      const put = await withRssPeak(proxy.rss, () => timed(() => proxy.put(proxyKey, bytes)));
      const stat = await store.stat(proxyKey);
      if (stat?.size !== bytes) throw new Error(`the proxy stored ${stat?.size ?? 'nothing'} of ${bytes} bytes`);
      const directGet = await timed(async () => {
        const counted = { bytes: 0 };
        await pipeline((await store.get(directKey))!.stream, sink(counted));
        if (counted.bytes !== bytes) throw new Error(`read ${counted.bytes} of ${bytes} bytes`);
      });
      const get = await withRssPeak(proxy.rss, () =>
        timed(async () => {
          const got = await proxy.get(proxyKey);
          if (got !== bytes) throw new Error(`downloaded ${got} of ${bytes} bytes`);
        }),
      );
      const rawSec = raw
        ? await timed(async () => {
            const got = await rawGet(raw!.url(proxyKey), {});
            if (got !== bytes) throw new Error(`raw node:http sent ${got} of ${bytes} bytes`);
          })
        : 0;
      await store.deletePrefix(directKey);
      await store.deletePrefix(proxyKey);
      log(
        `  round ${r}: write ${rate(directPut).toFixed(0)} MiB/s direct, ${rate(put.result).toFixed(0)} MiB/s PUT (server +${(put.growth / MiB).toFixed(1)} MB); ` +
          `read ${rate(directGet).toFixed(0)} MiB/s direct, ${rate(get.result).toFixed(0)} MiB/s GET (server +${(get.growth / MiB).toFixed(1)} MB)` +
          (raw ? `; bare node:http ${rate(rawSec).toFixed(0)} MiB/s` : ''),
      );
      best.directPut = Math.max(best.directPut, rate(directPut));
      best.proxyPut = Math.max(best.proxyPut, rate(put.result));
      best.directGet = Math.max(best.directGet, rate(directGet));
      best.proxyGet = Math.max(best.proxyGet, rate(get.result));
      if (raw) best.rawGet = Math.max(best.rawGet, rate(rawSec));
      // Memory is judged on the worst round.
      best.putGrowth = Math.max(best.putGrowth, put.growth);
      best.getGrowth = Math.max(best.getGrowth, get.growth);
    }
    const via = proxy.kind === 'http' ? 'over HTTP' : 'in-process';
    const putRatio = best.proxyPut / best.directPut;
    const getRatio = best.proxyGet / best.directGet;
    const rssFigure = (name: string, growth: number): Figure => ({
      name,
      measured: `+${(growth / MiB).toFixed(1)} MB`,
      baseline: proxy.kind === 'http' ? 'server RSS just before' : 'process RSS just before',
      ratio: `${((growth / bytes) * 100).toFixed(1)}% of the file`,
      target: `< ${ARTIFACT_TARGETS.rssGrowthMb} MB`,
      pass: growth < ARTIFACT_TARGETS.rssGrowthMb * MiB,
      note,
    });
    return {
      figures: [
        {
          name: `8 Artifact upload, ${size} PUT ${via}`,
          measured: `${best.proxyPut.toFixed(0)} MiB/s`,
          baseline: `store.put ${best.directPut.toFixed(0)} MiB/s`,
          ratio: putRatio.toFixed(2),
          target: `≥ ${ARTIFACT_TARGETS.ratio}`,
          pass: putRatio >= ARTIFACT_TARGETS.ratio,
          note,
        },
        rssFigure(`8 Artifact upload, server memory growth`, best.putGrowth),
        {
          name: `9 Artifact download, ${size} GET ${via}`,
          measured: `${best.proxyGet.toFixed(0)} MiB/s`,
          baseline: `store.get ${best.directGet.toFixed(0)} MiB/s`,
          ratio: getRatio.toFixed(2),
          target: `≥ ${ARTIFACT_TARGETS.ratio}`,
          pass: getRatio >= ARTIFACT_TARGETS.ratio,
          note: raw
            ? `a bare node:http server in its own process sent the same file to the same client at ${best.rawGet.toFixed(0)} MiB/s (${(best.rawGet / best.directGet).toFixed(2)} of store.get), the proxy ${(best.proxyGet / best.rawGet).toFixed(2)} of that`
            : note,
        },
        rssFigure(`9 Artifact download, server memory growth`, best.getGrowth),
      ],
    };
  } finally {
    raw?.stop();
    await server?.stop();
    await fsp.rm(dir, { recursive: true, force: true });
  }
}

runFigureAlone(import.meta.url, 'artifacts', (handle, databaseUrl) =>
  benchArtifacts(handle, {
    databaseUrl,
    megabytes: Number(process.env.BENCH_ARTIFACT_MB) || 1024,
    rounds: Number(process.env.BENCH_ROUNDS) || 3,
  }),
);
