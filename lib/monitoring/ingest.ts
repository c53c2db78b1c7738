import { DomainError } from '@/lib/errors';
import { bucketHash } from '@/lib/stats/assign';
import type { FeatureKind } from '@/lib/stats/drift';

// Validation of the native prediction-logging API's batches. Every problem names the row and the field
// the way a client can find it in the JSON it sent: `rows[17].timestamp: Expected an ISO 8601 time or epoch ms`.

export const MAX_BATCH_ROWS = 10_000;
export const MAX_FEATURES = 100;
export const MAX_ID_LENGTH = 256;
export const MAX_FEATURE_NAME_LENGTH = 250;
export const MAX_TEXT_VALUE_LENGTH = 1000;
/** Rows are spread over this many sample shards by a hash of their id, so a check can read a uniform sample by index. */
export const SAMPLE_SHARDS = 1024;

export type Scalar = number | string | boolean;

export type PredictionRow = {
  id: string;
  ts: Date;
  features: Record<string, Scalar | null>;
  prediction: Scalar;
  actual: Scalar | null;
  sampleKey: number;
};

export type ActualRow = { id: string; actual: Scalar };

const rowPath = (index: number | null, field: string) =>
  `${index === null ? 'rows' : `rows[${index}]`}${field ? `.${field}` : ''}`;

/** A batch refused because of one row; the message starts with its JSON path ("rows[17].timestamp"). */
export class BatchError extends DomainError {
  constructor(
    readonly index: number | null,
    readonly rowField: string,
    readonly detail: string,
  ) {
    super('invalid', `${rowPath(index, rowField)}: ${detail}`, rowPath(index, rowField));
    this.name = 'BatchError';
  }
}

const ISO_8601 = /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/i;
// Epoch ms from 1970 to 9999-12-31: a number outside is almost surely seconds or a typo.
const MAX_EPOCH_MS = 253_402_300_799_999;

export function sampleKeyOf(id: string): number {
  return Math.floor(bucketHash('runboard-monitoring-sample', id) * SAMPLE_SHARDS);
}

/** ISO 8601 text (date, or date and time with optional offset; no offset means UTC) or epoch milliseconds. */
export function parseTimestamp(value: unknown, digitsAsEpoch = false): Date | null {
  if (digitsAsEpoch && typeof value === 'string' && /^\d{9,}$/.test(value.trim())) return parseTimestamp(Number(value));
  if (typeof value === 'number') {
    if (!Number.isFinite(value) || value < 0 || value > MAX_EPOCH_MS) return null;
    return new Date(Math.round(value));
  }
  if (typeof value !== 'string' || !ISO_8601.test(value.trim())) return null;
  const text = value.trim();
  // Date.parse rolls 2024-02-30 over into March; a calendar date that does not exist is a client bug.
  const [y, m, d] = text.slice(0, 10).split('-').map(Number) as [number, number, number];
  if (m < 1 || m > 12 || d < 1 || d > new Date(Date.UTC(y, m, 0)).getUTCDate()) return null;
  const hasZone = /(?:Z|[+-]\d{2}:?\d{2})$/i.test(text) && text.length > 10;
  const normalized = text.length === 10 ? `${text}T00:00:00Z` : hasZone ? text : `${text.replace(' ', 'T')}Z`;
  const ms = Date.parse(normalized.replace(/([+-]\d{2})(\d{2})$/, '$1:$2'));
  return Number.isFinite(ms) ? new Date(ms) : null;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isScalar = (v: unknown): v is Scalar =>
  (typeof v === 'number' && Number.isFinite(v)) || typeof v === 'string' || typeof v === 'boolean';

/** The rows of a request body: a bare JSON array, or an object holding it under `rows` or `key`. */
export function rowsOf(body: unknown, key: string): unknown[] {
  const rows = Array.isArray(body) ? body : isRecord(body) ? (body.rows ?? body[key]) : undefined;
  if (!Array.isArray(rows))
    throw new BatchError(null, '', `Send a JSON array of rows, or an object with a "rows" array.`);
  if (rows.length === 0) throw new BatchError(null, '', 'Send at least one row.');
  if (rows.length > MAX_BATCH_ROWS)
    throw new BatchError(
      null,
      '',
      `A batch holds at most ${MAX_BATCH_ROWS} rows; this one has ${rows.length}. Split it.`,
    );
  return rows;
}

function parseId(value: unknown, index: number): string {
  if (typeof value === 'number' && Number.isInteger(value)) return String(value);
  if (typeof value !== 'string' || value.trim() === '')
    throw new BatchError(index, 'id', 'Expected a non-empty string or an integer.');
  if (value.length > MAX_ID_LENGTH) throw new BatchError(index, 'id', `Use at most ${MAX_ID_LENGTH} characters.`);
  return value;
}

function parseScalar(value: unknown, index: number, field: string): Scalar {
  if (!isScalar(value)) throw new BatchError(index, field, 'Expected a number, string or boolean.');
  if (typeof value === 'string' && value.length > MAX_TEXT_VALUE_LENGTH)
    throw new BatchError(index, field, `Use at most ${MAX_TEXT_VALUE_LENGTH} characters.`);
  return value;
}

const kindOf = (v: Scalar): FeatureKind => (typeof v === 'number' ? 'numeric' : 'categorical');

function parseFeatures(
  value: unknown,
  index: number,
  kinds: Map<string, FeatureKind>,
  added: Map<string, FeatureKind>,
): PredictionRow['features'] {
  if (!isRecord(value)) throw new BatchError(index, 'features', 'Expected an object of feature name → value.');
  const entries = Object.entries(value);
  if (entries.length > MAX_FEATURES)
    throw new BatchError(index, 'features', `At most ${MAX_FEATURES} features per row.`);
  const out: PredictionRow['features'] = {};
  for (const [name, raw] of entries) {
    const field = `features.${name}`;
    if (name.length === 0 || name.length > MAX_FEATURE_NAME_LENGTH)
      throw new BatchError(index, field, `Feature names need 1 to ${MAX_FEATURE_NAME_LENGTH} characters.`);
    if (raw === null) {
      out[name] = null;
      continue;
    }
    const v = parseScalar(raw, index, field);
    const known = kinds.get(name) ?? added.get(name);
    if (known === 'numeric' && typeof v !== 'number')
      throw new BatchError(index, field, `Expected a number or null: ${name} is a numeric feature of this model.`);
    if (!known) {
      if (kinds.size + added.size >= MAX_FEATURES)
        throw new BatchError(index, field, `A model monitors at most ${MAX_FEATURES} features.`);
      added.set(name, kindOf(v));
    }
    out[name] = v;
  }
  return out;
}

/**
 * Checks a whole batch before anything is written (all or nothing). `kinds` are the model's known
 * features; a new feature's kind comes from its first non-null value (number → numeric, else categorical).
 */
export function parsePredictionBatch(
  body: unknown,
  kinds: ReadonlyMap<string, FeatureKind>,
): { rows: PredictionRow[]; newFeatures: Map<string, FeatureKind> } {
  const raw = rowsOf(body, 'predictions');
  const known = new Map(kinds);
  const added = new Map<string, FeatureKind>();
  const rows = raw.map((item, index): PredictionRow => {
    if (!isRecord(item))
      throw new BatchError(index, '', 'Expected an object {id, timestamp, features, prediction, actual?}.');
    const id = parseId(item.id, index);
    const ts = parseTimestamp(item.timestamp);
    if (!ts) throw new BatchError(index, 'timestamp', 'Expected an ISO 8601 time or epoch ms');
    const features = parseFeatures(item.features, index, known, added);
    if (item.prediction === undefined || item.prediction === null)
      throw new BatchError(index, 'prediction', 'Required: the model output (number, string or boolean).');
    const prediction = parseScalar(item.prediction, index, 'prediction');
    const actual = item.actual === undefined || item.actual === null ? null : parseScalar(item.actual, index, 'actual');
    return { id, ts, features, prediction, actual, sampleKey: sampleKeyOf(id) };
  });
  return { rows, newFeatures: added };
}

/** `[{id, actual}]`; the same id twice must carry the same label. */
export function parseActualsBatch(body: unknown): ActualRow[] {
  const raw = rowsOf(body, 'actuals');
  const seen = new Map<string, { index: number; actual: Scalar }>();
  return raw.map((item, index) => {
    if (!isRecord(item)) throw new BatchError(index, '', 'Expected an object {id, actual}.');
    const id = parseId(item.id, index);
    if (item.actual === undefined || item.actual === null)
      throw new BatchError(index, 'actual', 'Required: the observed outcome (number, string or boolean).');
    const actual = parseScalar(item.actual, index, 'actual');
    const before = seen.get(id);
    if (before && before.actual !== actual)
      throw new BatchError(
        index,
        'id',
        `Duplicate id ${JSON.stringify(id)} with a different actual than rows[${before.index}].`,
      );
    seen.set(id, { index, actual });
    return { id, actual };
  });
}
