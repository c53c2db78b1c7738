// Formatters shared by server-rendered tables and client charts; UTC everywhere so the server's and
// the browser's renderings of the same value agree (no hydration mismatch).

const pad = (n: number) => String(n).padStart(2, '0');

/** Epoch ms → "2026-01-31 14:05:09 UTC". */
export function formatTimestamp(ms: number | null | undefined): string {
  if (ms === null || ms === undefined || !Number.isFinite(ms)) return '—';
  const d = new Date(ms);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())} UTC`;
}

/** Milliseconds → "850ms", "12.4s", "3m 05s", "2h 07m", "3d 4h". */
export function formatDuration(ms: number | null | undefined): string {
  if (ms === null || ms === undefined || !Number.isFinite(ms) || ms < 0) return '—';
  if (ms < 1000) return `${Math.round(ms)}ms`;
  const s = ms / 1000;
  if (s < 60) return `${s.toFixed(1)}s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m}m ${pad(Math.floor(s % 60))}s`;
  const h = Math.floor(m / 60);
  if (h < 24) return `${h}h ${pad(m % 60)}m`;
  return `${Math.floor(h / 24)}d ${h % 24}h`;
}

/** A metric value with up to 6 significant digits; NaN and infinities spelled out. */
export function formatMetric(v: number | null | undefined): string {
  if (v === null || v === undefined) return '—';
  if (Number.isNaN(v)) return 'NaN';
  if (!Number.isFinite(v)) return v > 0 ? '∞' : '−∞';
  if (v === 0) return '0';
  const abs = Math.abs(v);
  if (abs >= 1e6 || abs < 1e-4) return v.toExponential(4);
  return String(Number(v.toPrecision(6)));
}

/** Whole numbers with thousands separators: 1234567 → "1,234,567". */
export const formatCount = (n: number) => n.toLocaleString('en-US');

/** A number rounded to `digits` significant digits without trailing zeros; anything else (blank, NaN, ∞) is "—". */
export const formatSignificant = (v: unknown, digits: number) =>
  typeof v === 'number' && Number.isFinite(v) ? String(Number(v.toPrecision(digits))) : '—';

/** An epoch-ms instant as its UTC day, YYYY-MM-DD (the same text on server and browser). */
export const formatUtcDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** Bytes in binary units with one decimal past KB: 512 → "512 B", 1536 → "1.5 KB", 3 × 2^30 → "3.0 GB". */
export function formatBytes(n: number | null | undefined): string {
  if (n === null || n === undefined || !Number.isFinite(n) || n < 0) return '—';
  if (n < 1024) return `${n} B`;
  const units = ['KB', 'MB', 'GB', 'TB'];
  let v = n / 1024;
  let i = 0;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  return `${v.toFixed(1)} ${units[i]}`;
}

/** "1 run", "2 runs", "2 criteria": the count with its noun in the right number. */
export function countOf(n: number, singular: string, plural = `${singular}s`): string {
  return `${n} ${n === 1 ? singular : plural}`;
}
