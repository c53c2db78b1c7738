// Field schemas for MLflow requests, read the way MLflow's proto-JSON parser reads them: JSON null means
// unset, int64 may arrive as a number or a string of digits (Java's JsonFormat sends strings), doubles may
// be "NaN" / "Infinity" / "-Infinity", and enums may be given by name or by number.
import { z } from 'zod';
import { RUN_STATUSES } from '../tracking/vocabulary';
import { type KeyKind, keyProblem, lengthProblem } from './validation';

export const MISSING = 'Missing value for required parameter.';

function show(value: unknown): string {
  let text: string;
  try {
    text = typeof value === 'string' ? `'${value}'` : (JSON.stringify(value) ?? String(value));
  } catch {
    // Too deep to print (a double-encoded body is parsed again past the request's nesting check).
    text = Array.isArray(value) ? 'an array' : typeof value;
  }
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

const unsetNull = (v: unknown) => (v === null ? undefined : v);

/** A string; Postgres cannot store NUL characters, so they are refused here rather than failing in SQL. */
export const text = z
  .string({ error: (iss) => (iss.input === undefined ? MISSING : `expected a string, got ${show(iss.input)}.`) })
  .refine((s) => !s.includes('\u0000'), 'must not contain NUL (\\u0000) characters.');

/** An optional field: absent or null. */
export const optional = <T extends z.ZodType>(schema: T) => z.preprocess(unsetNull, schema.optional());
/** A required field: absent, null and "" are all missing (MLflow's _assert_required). */
export const required = <T extends z.ZodType>(schema: T) =>
  z.preprocess((v) => (v === null || v === '' ? undefined : v), schema);
export const requiredText = required(text);

/** Ten times MLflow's largest per-request limit: a longer list is refused before its items are checked one by one. */
export const MAX_REPEATED = 10_000;

/** A repeated field: a list, or one value (a query-string field given once), or absent. */
export const repeated = <T extends z.ZodType>(item: T) =>
  z.preprocess((v, ctx) => {
    const list = v === undefined || v === null ? [] : Array.isArray(v) ? v : [v];
    if (list.length <= MAX_REPEATED) return list;
    ctx.addIssue({ code: 'custom', message: `expected at most ${MAX_REPEATED} values, got ${list.length}.` });
    return z.NEVER;
  }, z.array(item));

/** int64 / int32 fields: a safe integer given as a JSON number or a string of digits. */
export function integer(opts: { min?: number; max?: number } = {}) {
  return z.unknown().transform((v, ctx) => {
    const n = typeof v === 'number' ? v : typeof v === 'string' && /^\s*[-+]?\d+\s*$/.test(v) ? Number(v) : Number.NaN;
    if (!Number.isSafeInteger(n)) {
      ctx.addIssue({ code: 'custom', message: v === undefined ? MISSING : `expected an integer, got ${show(v)}.` });
      return z.NEVER;
    }
    if ((opts.min !== undefined && n < opts.min) || (opts.max !== undefined && n > opts.max)) {
      const range =
        opts.max === undefined
          ? `at least ${opts.min}`
          : opts.min === undefined
            ? `at most ${opts.max}`
            : `between ${opts.min} and ${opts.max}`;
      ctx.addIssue({ code: 'custom', message: `must be ${range}, got ${n}.` });
      return z.NEVER;
    }
    return n;
  });
}

const SPECIAL_DOUBLES: Record<string, number> = { NaN: Number.NaN, Infinity: Infinity, '-Infinity': -Infinity };

/** A double: a JSON number, a numeric string, or "NaN" / "Infinity" / "-Infinity" as proto JSON writes them. */
export const double = z.unknown().transform((v, ctx) => {
  if (typeof v === 'number') return v;
  if (typeof v === 'string') {
    if (Object.hasOwn(SPECIAL_DOUBLES, v)) return SPECIAL_DOUBLES[v]!;
    const n = Number(v);
    if (v.trim() !== '' && Number.isFinite(n)) return n;
  }
  ctx.addIssue({
    code: 'custom',
    message:
      v === undefined ? MISSING : `expected a double (a number, or "NaN", "Infinity", "-Infinity"), got ${show(v)}.`,
  });
  return z.NEVER;
});

function protoEnum<const T extends readonly string[]>(names: T, firstNumber: number) {
  return z.unknown().transform((v, ctx): T[number] => {
    if (typeof v === 'string' && (names as readonly string[]).includes(v)) return v as T[number];
    const n = typeof v === 'number' ? v : typeof v === 'string' && /^\d+$/.test(v) ? Number(v) : Number.NaN;
    const byNumber = names[n - firstNumber];
    if (Number.isInteger(n) && byNumber !== undefined) return byNumber as T[number];
    ctx.addIssue({ code: 'custom', message: `expected one of ${names.join(', ')}, got ${show(v)}.` });
    return z.NEVER;
  });
}

export const VIEW_TYPES = ['ACTIVE_ONLY', 'DELETED_ONLY', 'ALL'] as const;
export const viewType = protoEnum(VIEW_TYPES, 1);
export const runStatus = protoEnum(RUN_STATUSES, 1);

/** Experiment ids are strings of digits ("0" names the project's Default experiment); numbers are accepted too. */
export const experimentId = z.unknown().transform((v, ctx) => {
  const s = typeof v === 'number' ? String(v) : v;
  if (typeof s === 'string' && /^\d{1,15}$/.test(s)) return Number(s);
  ctx.addIssue({
    code: 'custom',
    message: v === undefined || v === '' ? MISSING : `Invalid experiment ID: ${show(v)}.`,
  });
  return z.NEVER;
});

export const runId = requiredText.refine((s) => s.length <= 256, 'Invalid run ID: longer than 256 characters.');

/** A metric, param or tag key, checked with MLflow's rules. */
export const key = (kind: KeyKind) =>
  requiredText.superRefine((k, ctx) => {
    const problem = keyProblem(kind, k);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  });

/** A string value within MLflow's length limit for `entity` (e.g. "Param value", 6000). */
export const limitedText = (entity: string, limit: number) =>
  text.superRefine((value, ctx) => {
    const problem = lengthProblem(entity, limit, value);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  });

/** Run, experiment and registry tags: current MLflow (validation.py MAX_TAG_VAL_LENGTH) limits values to 8000 characters. */
export const tag = z.object({ key: key('tag'), value: z.preprocess((v) => v ?? '', limitedText('Tag value', 8000)) });
