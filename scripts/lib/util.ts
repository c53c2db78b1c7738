import net from 'node:net';

export const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
};

/** Nearest-rank percentile. */
export const percentile = (xs: number[], p: number) =>
  [...xs].sort((a, b) => a - b)[Math.max(0, Math.ceil((p / 100) * xs.length) - 1)]!;

/** Milliseconds each call of fn takes, after `warmup` untimed calls. */
export async function timeRuns(fn: () => Promise<unknown>, runs: number, warmup = 1): Promise<number[]> {
  for (let i = 0; i < warmup; i++) await fn();
  const out: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await fn();
    out.push(performance.now() - t);
  }
  return out;
}

// Ports the e2e suite and dev servers use; never taken by the bench.
const RESERVED_PORTS = new Set([3000, 3100, 3101, 3102, 3200]);

/** A port the OS reports free right now (ephemeral range), never one of the reserved ones. */
export async function freePort(): Promise<number> {
  for (;;) {
    const port = await new Promise<number>((resolve, reject) => {
      const srv = net.createServer();
      srv.once('error', reject);
      srv.listen(0, '127.0.0.1', () => {
        const addr = srv.address();
        srv.close(() => resolve(typeof addr === 'object' && addr ? addr.port : 0));
      });
    });
    if (port && !RESERVED_PORTS.has(port)) return port;
  }
}

export const fmtInt = (n: number) => Math.round(n).toLocaleString('en-US');
export const fmtMs = (ms: number) => (ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(1)} ms`);

export type Figure = {
  name: string;
  measured: string;
  baseline: string;
  ratio: string;
  target: string;
  pass: boolean;
  note?: string;
};

export function printTable(figures: Figure[]): string {
  const head = ['Figure', 'Measured', 'Baseline (same run)', 'Ratio', 'Target', 'Result'];
  const rows = figures.map((f) => [f.name, f.measured, f.baseline, f.ratio, f.target, f.pass ? 'PASS' : 'MISS']);
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i]!)).join('  ');
  const notes = figures.filter((f) => f.note).map((f) => `  * ${f.name}: ${f.note}`);
  return [
    line(head),
    widths.map((w) => '-'.repeat(w)).join('  '),
    ...rows.map(line),
    ...(notes.length ? ['', ...notes] : []),
  ].join('\n');
}

/** Prints a test script's verdict — each failure on its own line, or the pass line — and returns its exit code. */
export function verdict(failures: string[], passed: string): number {
  console.log(failures.length ? `\nFAILED:\n  ${failures.join('\n  ')}` : `\n${passed}`);
  return failures.length ? 1 : 0;
}

/** Runs a test script's main and exits with its code; exiting also ends any keep-alive sockets the clients left open. */
export function runScript(label: string, main: () => Promise<number>): void {
  main().then(
    (code) => process.exit(code),
    (err: unknown) => {
      console.error(`${label} failed:`, err instanceof Error ? err.message : err);
      process.exit(1);
    },
  );
}
