import { revalidatePath } from 'next/cache';
import { unstable_rethrow } from 'next/navigation';
import { z } from 'zod';
import type { Db } from '@/db/client';
import { getDb } from '@/db/client';
import { type ProjectAccess, getProjectAccess } from '@/db/queries/projects';
import { type ProjectRole, roleAtLeast } from '@/lib/domain';
import { type EditConflict, EditConflictError } from '@/lib/edit-merge';
import { DomainError } from '@/lib/errors';
import { classifyDbError } from '@/lib/db-errors';
import { describeErrorForLog } from '@/lib/log-error';
import {
  type FieldErrors,
  describeUnstorableText,
  describeZodError,
  formDataToObject,
  slugSchema,
} from '@/lib/validation';
import { type SessionUser, getSessionUser } from './session';

export type ActionResult<T = undefined> =
  | { ok: true; data: T; message?: string }
  | { ok: false; message: string; fieldErrors?: FieldErrors; conflict?: EditConflict };

/** Who may call an action: anyone, any signed-in user, instance admins, or members with at least a role. */
export type ActionAccess = 'public' | 'signed-in' | 'admin' | ProjectRole;

type Ctx<A extends ActionAccess, I> = {
  db: Db;
  input: I;
  /** An edit form's fields as it was loaded (its `base` field, parsed like the input), for merging stale saves. */
  base: Partial<I> | null;
  user: A extends 'public' ? SessionUser | null : SessionUser;
} & (A extends ProjectRole ? ProjectAccess : object);

export type Action<T> = (prev: unknown, payload: FormData | Record<string, unknown>) => Promise<ActionResult<T>>;

/** Every server action's access rule and input schema, so tests can enumerate and probe them. */
export const actionRegistry = new WeakMap<Action<unknown>, { access: ActionAccess; schema: z.ZodType }>();

/** Re-render every page of a project after a write (the layout, so the header and nav counts follow too). */
export const revalidateProject = (slug: string) => revalidatePath(`/${slug}`, 'layout');

const projectField = z.object({ project: slugSchema });

const fail = (message: string, fieldErrors?: FieldErrors) => ({ ok: false as const, message, fieldErrors });

export function domainErrorResult(err: DomainError) {
  const result = fail(err.message, err.field ? { [err.field]: [err.message] } : undefined);
  return err instanceof EditConflictError ? { ...result, conflict: err.conflict } : result;
}

/** The `base` an edit form sends (JSON of its fields as loaded), parsed with the action's own schema. */
function parseBase(schema: z.ZodType, raw: Record<string, unknown>): Record<string, unknown> | null {
  if (typeof raw.base !== 'string') return null;
  try {
    const loaded: unknown = JSON.parse(raw.base);
    if (typeof loaded !== 'object' || loaded === null) return null;
    const parsed = schema.safeParse({ ...raw, ...loaded });
    if (!parsed.success || typeof parsed.data !== 'object' || parsed.data === null) return null;
    return Object.fromEntries(Object.keys(loaded).map((k) => [k, (parsed.data as Record<string, unknown>)[k]]));
  } catch {
    return null;
  }
}

/**
 * The one wrapper for server actions: session → project role → zod → body.
 * Project-scoped actions receive the project slug as the `project` field and re-read the project server-side.
 */
export function defineAction<A extends ActionAccess, S extends z.ZodType, T = undefined>(
  access: A,
  schema: S,
  body: (ctx: Ctx<A, z.output<S>>) => Promise<ActionResult<T> | void>,
): Action<T> {
  const action: Action<T> = async (_prev, payload) => {
    try {
      const raw = payload instanceof FormData ? formDataToObject(payload) : (payload ?? {});
      const db = await getDb();
      const user = await getSessionUser();
      if (access !== 'public' && !user) return fail('Your session has ended. Sign in again.');
      if (access === 'admin' && !user!.isAdmin) return fail('Only instance administrators can do this.');
      let scope: ProjectAccess | undefined;
      if (access !== 'public' && access !== 'signed-in' && access !== 'admin') {
        const slug = projectField.safeParse(raw);
        if (!slug.success) return fail('Missing or invalid project.', { project: ['Missing or invalid project'] });
        const found = await getProjectAccess(db, slug.data.project, user!);
        // Non-members get the same answer as for a missing project: they learn nothing about it.
        if (!found) return fail('Project not found.');
        if (!roleAtLeast(found.role, access))
          return fail(`This needs the ${access} role in the project; you are ${found.role}.`);
        scope = found;
      }
      const parsed = schema.safeParse(raw);
      if (!parsed.success) {
        const { message, fieldErrors } = describeZodError(parsed.error);
        return fail(message, fieldErrors);
      }
      const unstorable = describeUnstorableText(parsed.data);
      if (unstorable) return fail(unstorable.message, unstorable.fieldErrors);
      const base = parseBase(schema, raw);
      const result = await body({ db, input: parsed.data, base, user, ...scope } as Ctx<A, z.output<S>>);
      return result ?? ({ ok: true, data: undefined } as ActionResult<T>);
    } catch (err) {
      unstable_rethrow(err);
      if (err instanceof DomainError) return domainErrorResult(err);
      const dbError = classifyDbError(err);
      if (dbError?.kind === 'exists')
        return fail('That already exists (someone may have just created it). Reload and try again.');
      if (dbError?.kind === 'transient') return fail('The database is briefly unavailable. Try again in a moment.');
      if (dbError) return fail(dbError.message);
      console.error('server action failed', describeErrorForLog(err));
      return fail('Something went wrong on our side; nothing was saved.');
    }
  };
  actionRegistry.set(action as Action<unknown>, { access, schema });
  return action;
}
