// Form fields shared by the workspace's server actions (metrics, risks, problem tree, report).
import { z } from 'zod';

const blankToNull = (v: unknown) =>
  v === undefined || v === null || (typeof v === 'string' && v.trim() === '') ? null : v;

/** A number typed in a form, or nothing. */
export const optionalNumber = z.preprocess((v) => {
  const b = blankToNull(v);
  return typeof b === 'string' ? Number(b.trim()) : b;
}, z.number('Enter a number').nullable());

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

export const versionField = z.coerce.number('Reload the page and try again').int().min(0);

export const textField = (max: number) => z.string().trim().max(max, `Use at most ${max} characters`).default('');
