// Merging a save made against an older version of a row (two tabs, two people): each field is compared
// with the value the form was loaded with (the base). Only fields both sides changed, to different
// values, conflict; everything else lands.
import { DomainError } from './errors';

/** A field both saves changed, to different values. */
export type FieldConflict = { field: string; mine: unknown; theirs: unknown };

/** What a stale save's conflict response carries: the stored version and the fields to choose between. */
export type EditConflict = { version: number; fields: FieldConflict[]; current: Record<string, unknown> };

export function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (a instanceof Date && b instanceof Date) return a.getTime() === b.getTime();
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((v, i) => sameValue(v, b[i]));
  return false;
}

/**
 * Three-way merge of one row's fields. `mine` are the fields the save sends, `base` what the form was loaded
 * with, `theirs` what is stored now. A field I left as loaded keeps theirs; a field only I changed takes mine;
 * a field both changed to different values is a conflict. Without a base for a field, any difference conflicts.
 */
export function mergeEdits<T extends Record<string, unknown>>(
  base: Partial<T> | null,
  mine: Partial<T>,
  theirs: T,
): { changes: Partial<T>; conflicts: FieldConflict[] } {
  const changes: Partial<T> = {};
  const conflicts: FieldConflict[] = [];
  for (const field of Object.keys(mine) as Array<keyof T & string>) {
    const value = mine[field];
    const known = base !== null && field in base;
    if (known && sameValue(value, base[field])) continue;
    if (sameValue(value, theirs[field]) || (known && sameValue(theirs[field], base[field]))) {
      if (!sameValue(value, theirs[field])) changes[field] = value;
      continue;
    }
    conflicts.push({ field, mine: value, theirs: theirs[field] });
  }
  return { changes, conflicts };
}

/** A stale save whose fields collide; the action wrapper sends `conflict` back so the form can show both sides. */
export class EditConflictError extends DomainError {
  constructor(
    what: string,
    readonly conflict: EditConflict,
    now?: string,
  ) {
    super(
      'conflict',
      `Someone else saved this ${what} since you opened it and changed the same ${
        conflict.fields.length === 1 ? 'field' : 'fields'
      } (${conflict.fields.map((f) => f.field).join(', ')}).${now ? ` Now: ${now}.` : ''} Choose which value to keep for each, then save again.`,
      conflict.fields[0]?.field,
    );
  }
}

/**
 * The values to write for a save made at `expectedVersion` when the row is now at `current.version`: all of
 * `mine` when nobody saved meanwhile, else each of mine's fields merged with what is stored; a collision
 * throws EditConflictError.
 */
export function resolveStaleSave<T extends Record<string, unknown>, M extends Partial<T>>(
  what: string,
  expectedVersion: number,
  current: T & { version: number },
  base: Partial<T> | null,
  mine: M,
  /** The stored row in words, for the message (e.g. "likelihood Low, impact High"). */
  describeCurrent?: () => string,
): M {
  if (current.version === expectedVersion) return mine;
  const { changes, conflicts } = mergeEdits<T>(base, mine, current);
  if (conflicts.length)
    throw new EditConflictError(
      what,
      {
        version: current.version,
        fields: conflicts,
        current: Object.fromEntries(Object.keys(mine).map((k) => [k, current[k]])),
      },
      describeCurrent?.(),
    );
  return { ...Object.fromEntries(Object.keys(mine).map((k) => [k, current[k]])), ...changes } as M;
}
