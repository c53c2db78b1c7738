// Form fields shared by every server action: what a browser form sends, parsed one way everywhere.
import { z } from 'zod';

/** An empty or whitespace-only form value means "nothing". */
export const blankToNull = (v: unknown) =>
  v === undefined || v === null || (typeof v === 'string' && v.trim() === '') ? null : v;

/** A number typed in a form, or nothing. */
export const optionalNumber = z.preprocess((v) => {
  const b = blankToNull(v);
  return typeof b === 'string' ? Number(b.trim()) : b;
}, z.number('Enter a number').nullable());

// Date rolls 2026-02-30 over into March; only a day that survives the round trip is real.
const isRealDate = (s: string) => {
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
};

/** A calendar date as YYYY-MM-DD (what <input type="date"> sends). */
export const dateField = z
  .string('Choose a date')
  .trim()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'Choose a date')
  .refine(isRealDate, 'Choose a real date');

export const optionalDate = z.preprocess(blankToNull, dateField.nullable());

/** A project member chosen as owner, or nobody. */
export const ownerField = z.preprocess(blankToNull, z.string().max(64, 'Choose a member').nullable());

export const checkbox = z.preprocess((v) => v === 'on' || v === 'true' || v === true, z.boolean());

export const uuidField = (what: string) => z.uuid(`Unknown ${what}`);

/** A draft's version: 0 means it was never saved (report narratives). */
export const versionField = z.coerce.number('Reload the page and try again').int().min(0);

/** The version of a row the form was loaded with (rows start at 1), for optimistic concurrency. */
export const rowVersion = z.coerce.number().int().positive();

/** Optional free text: blank is null. */
export const optionalText = (max: number) =>
  z.preprocess(
    (v) => (typeof v === 'string' && v.trim() === '' ? null : v),
    z.string().trim().max(max, `Use at most ${max} characters`).nullable().default(null),
  );

export const textField = (max: number) => z.string().trim().max(max, `Use at most ${max} characters`).default('');
