// Errors that mean "the database is briefly unreachable", which clients should retry (HTTP 503),
// as opposed to bad input or bugs. Drizzle wraps driver errors, so the cause chain is walked.
const TRANSIENT_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'CONNECTION_CLOSED',
  'CONNECTION_ENDED',
  'CONNECTION_DESTROYED',
  'CONNECT_TIMEOUT',
  '57P01', // admin_shutdown
  '57P02', // crash_shutdown
  '57P03', // cannot_connect_now
  '53300', // too_many_connections
  '40001', // serialization_failure
  '40P01', // deadlock_detected
]);

export function isTransientDbError(err: unknown): boolean {
  for (let e: unknown = err, depth = 0; e && depth < 5; depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && (TRANSIENT_CODES.has(code) || code.startsWith('08'))) return true;
    e = (e as { cause?: unknown }).cause;
  }
  return false;
}

/** Postgres unique_violation (23505) anywhere in the cause chain. */
export function isUniqueViolation(err: unknown): boolean {
  for (let e: unknown = err, depth = 0; e && depth < 5; depth++) {
    if ((e as { code?: unknown }).code === '23505') return true;
    e = (e as { cause?: unknown }).cause;
  }
  return false;
}

// Postgres refusing a value as data (class 22, and 54000 for a value past a size limit): input the schema let
// through but a column cannot hold. It is the client's to fix (HTTP 400), and retrying would not help.
const UNSTORABLE_TEXT =
  'A text value holds a character the database cannot store (a NUL character or an unpaired surrogate).';
const INVALID_VALUE_MESSAGES: Record<string, string> = {
  '22001': 'A text value is longer than the database can store.',
  '22003': 'A number is outside the range the database can store.',
  '22007': 'A date or time is not valid.',
  '22008': 'A date or time is out of range.',
  '22021': UNSTORABLE_TEXT,
  '22025': 'A LIKE pattern ends with, or misuses, the escape character \\ (write \\\\ for a literal backslash).',
  '22P02': 'A value is not in the form the database expects.',
  '22P05': UNSTORABLE_TEXT,
  '54000': 'A value is larger than the database can store.',
};

/** What to tell the client when the database refused a value it sent, or null for any other error. */
export function invalidValueMessage(err: unknown): string | null {
  for (let e: unknown = err, depth = 0; e && depth < 5; depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && Object.hasOwn(INVALID_VALUE_MESSAGES, code)) return INVALID_VALUE_MESSAGES[code]!;
    e = (e as { cause?: unknown }).cause;
  }
  return null;
}

/** For a statement the timeout stopped outside a search (searches say which field to narrow). */
export const QUERY_CANCELED_MESSAGE =
  'This request took longer than the server allows and was stopped. Ask for less (a narrower filter or range).';

/** Postgres query_canceled (57014): a statement ran past statement_timeout. */
export function isQueryCanceled(err: unknown): boolean {
  for (let e: unknown = err, depth = 0; e && depth < 5; depth++) {
    if ((e as { code?: unknown }).code === '57014') return true;
    e = (e as { cause?: unknown }).cause;
  }
  return false;
}

/** What a database error means to the client, or null for anything else (a bug). Each surface words the first two. */
export type DbErrorMeaning =
  | { kind: 'exists' }
  | { kind: 'transient' }
  | { kind: 'invalid'; message: string }
  | { kind: 'canceled'; message: string };

export function classifyDbError(err: unknown): DbErrorMeaning | null {
  if (isUniqueViolation(err)) return { kind: 'exists' };
  const invalid = invalidValueMessage(err);
  if (invalid) return { kind: 'invalid', message: invalid };
  if (isQueryCanceled(err)) return { kind: 'canceled', message: QUERY_CANCELED_MESSAGE };
  if (isTransientDbError(err)) return { kind: 'transient' };
  return null;
}
