import { z } from 'zod';

export type FieldErrors = Record<string, string[]>;

/** Field → messages, and one sentence that names the first bad field, for 4xx answers. */
export function describeZodError(error: z.ZodError): { message: string; fieldErrors: FieldErrors } {
  const fieldErrors: FieldErrors = {};
  for (const issue of error.issues) {
    const key = issue.path.length ? issue.path.map(String).join('.') : '_';
    (fieldErrors[key] ??= []).push(issue.message);
  }
  const first = error.issues[0];
  const where =
    first && first.path.length ? `Invalid value for '${first.path.map(String).join('.')}'` : 'Invalid input';
  return { message: first ? `${where}: ${first.message}` : 'Invalid input', fieldErrors };
}

const UNSTORABLE = 'must not contain NUL (\\u0000) characters or unpaired surrogates';
const isUnstorable = (s: string) => s.includes('\u0000') || !s.isWellFormed();

/**
 * The first string (value or key) Postgres cannot store — a NUL character, or an unpaired UTF-16 surrogate, which
 * has no UTF-8 form — as a 4xx answer naming the field, or null. Plain objects and arrays are searched `maxDepth` deep.
 */
export function describeUnstorableText(
  value: unknown,
  maxDepth = 64,
): { message: string; fieldErrors: FieldErrors } | null {
  const find = (v: unknown, path: string[]): string[] | null => {
    if (typeof v === 'string') return isUnstorable(v) ? path : null;
    if (v === null || typeof v !== 'object' || path.length >= maxDepth) return null;
    const proto = Object.getPrototypeOf(v) as unknown;
    if (!Array.isArray(v) && proto !== Object.prototype && proto !== null) return null;
    for (const [key, child] of Object.entries(v)) {
      if (isUnstorable(key)) return [...path, key];
      const found = find(child, [...path, key]);
      if (found) return found;
    }
    return null;
  };
  const path = find(value, []);
  if (!path) return null;
  const key = path.length ? path.join('.') : '_';
  return {
    message: `${path.length ? `Invalid value for '${key}'` : 'Invalid input'}: ${UNSTORABLE}.`,
    fieldErrors: { [key]: [UNSTORABLE] },
  };
}

/** FormData → plain object; repeated keys become arrays, File entries are kept. */
export function formDataToObject(form: FormData): Record<string, unknown> {
  const fields = new Map<string, unknown>();
  for (const [key, value] of form.entries()) {
    if (key.startsWith('$ACTION')) continue;
    const prev = fields.get(key);
    // Appending in place: copying the array for each repeat would make a form with many repeats quadratic.
    if (prev === undefined) fields.set(key, value);
    else if (Array.isArray(prev)) prev.push(value);
    else fields.set(key, [prev, value]);
  }
  // fromEntries defines own keys, so a field named "__proto__" stays a field rather than becoming the prototype.
  return Object.fromEntries(fields);
}

export const slugSchema = z
  .string()
  .trim()
  .min(2, 'Use at least 2 characters')
  .max(48, 'Use at most 48 characters')
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'Use lowercase letters, digits and single dashes');

export const emailSchema = z
  .string()
  .trim()
  .toLowerCase()
  .max(254, 'Use at most 254 characters')
  .pipe(z.email('Enter a valid email address'));
export const passwordSchema = z.string().min(8, 'Use at least 8 characters').max(128, 'Use at most 128 characters');
export const nameSchema = (max = 120) => z.string().trim().min(1, 'Required').max(max, `Use at most ${max} characters`);
