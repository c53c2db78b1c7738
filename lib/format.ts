// Formatters shared by server-rendered tables and client charts. Dates and times default to UTC so the
// server's and the browser's renderings agree (no hydration mismatch); components/ui/local-time.tsx
// re-renders them in the reader's time zone once the page runs in the browser.

const pad = (n: number) => String(n).padStart(2, '0');

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** The calendar fields of an instant in a time zone (UTC unless the browser passes its own). */
function partsIn(ms: number, timeZone: string) {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    hourCycle: 'h23',
  }).formatToParts(new Date(ms));
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  return { year: get('year'), month: get('month'), day: get('day'), hour: get('hour'), minute: get('minute') };
}

const isInstant = (ms: number | null | undefined): ms is number =>
  ms !== null && ms !== undefined && Number.isFinite(ms);

/** The one date format of the interface: epoch ms → "3 Dec 2026" in `timeZone`. */
export function formatDate(ms: number | null | undefined, timeZone = 'UTC'): string {
  if (!isInstant(ms)) return '—';
  const { year, month, day } = partsIn(ms, timeZone);
  return `${day} ${MONTHS[month - 1]} ${year}`;
}

/** The one date-and-time format: epoch ms → "3 Dec 2026, 14:05" in `timeZone`. */
export function formatDateTime(ms: number | null | undefined, timeZone = 'UTC'): string {
  if (!isInstant(ms)) return '—';
  const { hour, minute } = partsIn(ms, timeZone);
  return `${formatDate(ms, timeZone)}, ${pad(hour)}:${pad(minute)}`;
}

/** A calendar day stored as "2026-12-03" (sprint and due dates have no time zone) → "3 Dec 2026". */
export function formatDay(day: string | null | undefined): string {
  if (!day) return '—';
  return formatDate(Date.parse(`${day}T00:00:00Z`));
}

/** A UTC minute as a datetime-local input holds it ("2026-12-03T14:05") → "3 Dec 2026, 14:05". */
export function formatDayTime(value: string | null | undefined): string {
  if (!value) return '—';
  return formatDateTime(Date.parse(`${value}Z`));
}

const MONTH_NAMES = [
  'january',
  'february',
  'march',
  'april',
  'may',
  'june',
  'july',
  'august',
  'september',
  'october',
  'november',
  'december',
];

/** "Dec", "december", "Sept" → 12, 12, 9; anything shorter than 3 letters or unknown → null. */
function monthNumber(word: string): number | null {
  const w = word.toLowerCase().replace(/\.$/, '');
  if (w.length < 3) return null;
  const i = MONTH_NAMES.findIndex((m) => m.startsWith(w) || (w === 'sept' && m === 'september'));
  return i === -1 ? null : i + 1;
}

/** A day that exists (no 30 February) as "2026-12-03", or null. */
function realDay(year: number, month: number | null, day: number): string | null {
  if (month === null) return null;
  const d = new Date(Date.UTC(year, month - 1, day));
  if (d.getUTCFullYear() !== year || d.getUTCMonth() !== month - 1 || d.getUTCDate() !== day) return null;
  return d.toISOString().slice(0, 10);
}

/**
 * What a person types for a day → "2026-12-03": the interface's own "3 Dec 2026", "Dec 3, 2026", full month
 * names, an optional weekday, or ISO "2026-12-03". Blank → ''; anything else (including the ambiguous
 * 03/12/2026) → null.
 */
export function parseDay(text: string): string | null {
  const t = text.trim().replace(/\s+/g, ' ');
  if (t === '') return '';
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(t);
  if (iso) return realDay(Number(iso[1]), Number(iso[2]), Number(iso[3]));
  const weekday = '(?:[a-z]+\\.?,? )?';
  const dayFirst = new RegExp(`^${weekday}(\\d{1,2}) ([a-z]+\\.?),? (\\d{4})$`, 'i').exec(t);
  if (dayFirst) return realDay(Number(dayFirst[3]), monthNumber(dayFirst[2]!), Number(dayFirst[1]));
  const monthFirst = new RegExp(`^${weekday}([a-z]+\\.?) (\\d{1,2}),? (\\d{4})$`, 'i').exec(t);
  if (monthFirst) return realDay(Number(monthFirst[3]), monthNumber(monthFirst[1]!), Number(monthFirst[2]));
  return null;
}

/** A day with an optional "14:05" (24-hour; midnight when left out) → "2026-12-03T14:05"; blank → ''; else null. */
export function parseDayTime(text: string): string | null {
  const t = text.trim();
  if (t === '') return '';
  const m = /^(.+?)(?:(?:,? +|T)(\d{1,2}):(\d{2}))?$/.exec(t);
  const day = m ? parseDay(m[1]!) : null;
  if (!m || !day) return null;
  const hour = Number(m[2] ?? 0);
  const minute = Number(m[3] ?? 0);
  if (hour > 23 || minute > 59) return null;
  return `${day}T${pad(hour)}:${pad(minute)}`;
}

/** Epoch ms → "31 Jan 2026, 14:05 UTC", for text rendered on the server (LocalTime shows the reader's zone). */
export function formatTimestamp(ms: number | null | undefined): string {
  return isInstant(ms) ? `${formatDateTime(ms)} UTC` : '—';
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

/** An epoch-ms instant as its UTC day, "3 Dec 2026" (the same text on server and browser). */
export const formatUtcDay = (ms: number) => formatDate(ms);

/** An epoch-ms instant as its ISO day, "2026-12-03": for files (the Markdown report, file names), not for reading. */
export const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

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
