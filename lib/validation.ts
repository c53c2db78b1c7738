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
  const where = first && first.path.length ? `Invalid value for '${first.path.map(String).join('.')}'` : 'Invalid input';
  return { message: first ? `${where}: ${first.message}` : 'Invalid input', fieldErrors };
}

/** FormData → plain object; repeated keys become arrays, File entries are kept. */
export function formDataToObject(form: FormData): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of form.entries()) {
    if (key.startsWith('$ACTION')) continue;
    const prev = out[key];
    out[key] = prev === undefined ? value : Array.isArray(prev) ? [...prev, value] : [prev, value];
  }
  return out;
}

export const slugSchema = z
  .string()
  .trim()
  .min(2, 'Use at least 2 characters')
  .max(48, 'Use at most 48 characters')
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'Use lowercase letters, digits and single dashes');

export const emailSchema = z.string().trim().toLowerCase().max(254, 'Use at most 254 characters').pipe(z.email('Enter a valid email address'));
export const passwordSchema = z.string().min(8, 'Use at least 8 characters').max(128, 'Use at most 128 characters');
export const nameSchema = (max = 120) => z.string().trim().min(1, 'Required').max(max, `Use at most ${max} characters`);

/**
 * Where to go after sign-in: a path on this site only. Browsers read "/\\host" and control characters
 * leniently, so the path is resolved against a fixed origin and kept only if it stays there.
 */
export function safeNextPath(next: string | undefined): string {
  if (!next || !next.startsWith('/') || /[\\\u0000-\u001f]/.test(next)) return '/';
  const base = 'http://runboard.invalid';
  const url = new URL(next, base);
  return url.origin === base ? url.pathname + url.search + url.hash : '/';
}
