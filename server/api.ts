import { z } from 'zod';
import { type Db, type DbHandle, getDbHandle } from '@/db/client';
import { getProjectAccess } from '@/db/queries/projects';
import type { TokenCaller } from '@/db/queries/tokens';
import { getAuthFor } from './auth';
import { tokenCacheFor } from './token-cache';
import { type ProjectRole, roleAtLeast } from '@/lib/domain';
import { DomainError } from '@/lib/errors';
import { classifyDbError } from '@/lib/db-errors';
import { describeErrorForLog } from '@/lib/log-error';
import { describeUnstorableText, describeZodError } from '@/lib/validation';

/** The error shape every API answers with (MLflow's, so MLflow clients understand it). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export function errorResponse(status: number, code: string, message: string): Response {
  return Response.json({ error_code: code, message }, { status });
}

const DOMAIN_STATUS: Record<DomainError['kind'], [number, string]> = {
  invalid: [400, 'INVALID_PARAMETER_VALUE'],
  exists: [400, 'RESOURCE_ALREADY_EXISTS'],
  not_found: [404, 'RESOURCE_DOES_NOT_EXIST'],
  conflict: [409, 'RESOURCE_CONFLICT'],
  forbidden: [403, 'PERMISSION_DENIED'],
};

export function toErrorResponse(err: unknown): Response {
  if (err instanceof ApiError) return errorResponse(err.status, err.code, err.message);
  if (err instanceof DomainError) {
    const [status, code] = DOMAIN_STATUS[err.kind];
    return errorResponse(status, code, err.message);
  }
  const dbError = classifyDbError(err);
  // Two clients creating the same thing at once: the loser learns it exists, as it would have a moment later.
  if (dbError?.kind === 'exists') return errorResponse(400, 'RESOURCE_ALREADY_EXISTS', 'That resource already exists.');
  if (dbError?.kind === 'invalid') return errorResponse(400, 'INVALID_PARAMETER_VALUE', dbError.message);
  if (dbError?.kind === 'canceled') return errorResponse(503, 'TEMPORARILY_UNAVAILABLE', dbError.message);
  if (dbError?.kind === 'transient') {
    return errorResponse(503, 'TEMPORARILY_UNAVAILABLE', 'The database is briefly unavailable; retry the request.');
  }
  console.error('api route failed', describeErrorForLog(err));
  return errorResponse(500, 'INTERNAL_ERROR', 'Internal error; the request was not applied.');
}

/** Bearer token, or HTTP Basic with the token as password (what MLflow clients send for MLFLOW_TRACKING_TOKEN / username+password). */
export function readToken(req: Request): string | null {
  const header = req.headers.get('authorization');
  if (!header) return null;
  const [scheme, value] = header.split(/\s+/, 2);
  if (!value) return null;
  if (scheme?.toLowerCase() === 'bearer') return value.trim();
  if (scheme?.toLowerCase() === 'basic') {
    const decoded = Buffer.from(value, 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    return colon >= 0 ? decoded.slice(colon + 1) : null;
  }
  return null;
}

export type RouteAccess = 'public' | ProjectRole;
type Params = Record<string, string | string[] | undefined>;
export type RouteContext = { params: Promise<Params> };
export type RouteHandler = (req: Request, ctx: RouteContext) => Promise<Response>;

/** Who is calling: a project token, or (for the UI's own GET routes) a signed-in member. */
export type Caller = Omit<TokenCaller, 'tokenId'> & { via: 'token' | 'session'; tokenId?: string };

type Ctx<A extends RouteAccess, I> = {
  db: Db;
  req: Request;
  params: Params;
  input: I;
  caller: A extends 'public' ? null : Caller;
};

async function authenticate(
  handle: DbHandle,
  req: Request,
  params: Params,
  access: ProjectRole,
  allowSession: boolean,
): Promise<Caller> {
  const db = handle.db;
  const token = readToken(req);
  let caller: Caller | null = null;
  if (token) {
    const found = await tokenCacheFor(handle).authenticate(token);
    if (!found) throw new ApiError(401, 'UNAUTHENTICATED', 'The API token is invalid or has been revoked.');
    caller = { ...found, via: 'token' };
  } else if (allowSession && req.method === 'GET') {
    // Session cookies only for reads: writes from the UI go through server actions, which carry their own CSRF checks.
    const auth = await getAuthFor(db);
    const session = await auth.api.getSession({ headers: req.headers });
    const slug = typeof params.project === 'string' ? params.project : '';
    if (session && slug) {
      const user = {
        id: session.user.id,
        isAdmin: Boolean(session.user.isAdmin),
        name: session.user.name,
        email: session.user.email,
      };
      const access = await getProjectAccess(db, slug, user);
      if (!access) throw new ApiError(404, 'RESOURCE_DOES_NOT_EXIST', 'Project not found.');
      caller = { ...access, user, via: 'session' };
    }
  }
  if (!caller)
    throw new ApiError(401, 'UNAUTHENTICATED', 'Send a project API token as "Authorization: Bearer <token>".');
  // A token belongs to one project: on routes that name a project it must be that one.
  if (typeof params.project === 'string' && caller.project.slug !== params.project) {
    throw new ApiError(404, 'RESOURCE_DOES_NOT_EXIST', 'Project not found.');
  }
  if (!roleAtLeast(caller.role, access)) {
    throw new ApiError(
      403,
      'PERMISSION_DENIED',
      `This needs the ${access} role in the project; you act as ${caller.role}.`,
    );
  }
  return caller;
}

/** Every route handler's access rule and input schema (none for a dispatcher), so tests can enumerate and probe them. */
export const routeRegistry = new WeakMap<RouteHandler, { access: RouteAccess; schema: z.ZodType | null }>();

/** Larger than any request the APIs define (a 10,000-row prediction batch is a few MB); refused while reading, before parsing. */
export const MAX_BODY_BYTES = 32 * 1024 * 1024;

const bodyTooLarge = () =>
  new ApiError(
    413,
    'RESOURCE_LIMIT_EXCEEDED',
    `The request body is larger than ${MAX_BODY_BYTES / 1024 / 1024} MB; send smaller batches.`,
  );

async function readBodyText(req: Request): Promise<string> {
  if (Number(req.headers.get('content-length') ?? 0) > MAX_BODY_BYTES) throw bodyTooLarge();
  if (!req.body) return '';
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > MAX_BODY_BYTES) {
      await reader.cancel();
      throw bodyTooLarge();
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** Deeper than any request body the APIs define; refused before parsing, as printing it in an error message would overflow the stack. */
export const MAX_JSON_DEPTH = 64;

function nestingExceeds(json: string, max: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < json.length; i++) {
    const c = json[i];
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
    } else if (c === '"') inString = true;
    else if (c === '{' || c === '[') {
      if (++depth > max) return true;
    } else if (c === '}' || c === ']') depth--;
  }
  return false;
}

/**
 * The JSON body, and whether its text could hold a string Postgres cannot store. UTF-8 decoding never yields a lone
 * surrogate (invalid bytes become U+FFFD), so a NUL or a lone surrogate can only come from a `\u` escape or a raw
 * NUL byte; a body with neither — every MLflow client's metrics batch — needs no scan of its parsed strings.
 */
async function readBody(req: Request): Promise<{ value: unknown; mayHoldUnstorable: boolean }> {
  const text = await readBodyText(req);
  if (!text.trim()) return { value: {}, mayHoldUnstorable: false };
  if (nestingExceeds(text, MAX_JSON_DEPTH)) {
    throw new ApiError(400, 'BAD_REQUEST', `The request body nests JSON deeper than ${MAX_JSON_DEPTH} levels.`);
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new ApiError(400, 'BAD_REQUEST', 'The request body is not valid JSON.');
  }
  return { value, mayHoldUnstorable: text.includes('\\u') || text.includes('\u0000') };
}

function readQuery(req: Request): Record<string, string | string[]> {
  const url = new URL(req.url);
  // fromEntries defines own keys, so `?__proto__=…` is a field like any other rather than the object's prototype.
  return Object.fromEntries(
    [...new Set(url.searchParams.keys())].map((key) => {
      const all = url.searchParams.getAll(key);
      return [key, all.length > 1 ? all : all[0]!];
    }),
  );
}

/** What a route's schema is given: the query string as an object, or the JSON body. Exported for the hostile-input tests. */
export async function readInput(req: Request, source: 'query' | 'body'): Promise<unknown> {
  return source === 'query' ? readQuery(req) : (await readBody(req)).value;
}

/**
 * The one wrapper for API routes: token → project role → zod → body.
 * GET/DELETE-without-body read the query string, other methods a JSON body (MLflow's convention).
 */
export function defineRoute<A extends RouteAccess, S extends z.ZodType, T>(
  access: A,
  schema: S,
  body: (ctx: Ctx<A, z.output<S>>) => Promise<T | Response>,
  opts: { source?: 'query' | 'body'; session?: boolean } = {},
): RouteHandler {
  const handler: RouteHandler = async (req, routeCtx) => {
    try {
      const handle = await getDbHandle().catch((err: unknown) => {
        console.error('database unavailable', describeErrorForLog(err));
        throw new ApiError(503, 'TEMPORARILY_UNAVAILABLE', 'The database is unreachable; retry the request.');
      });
      const db = handle.db;
      const params = (await routeCtx?.params) ?? {};
      const caller =
        access === 'public'
          ? null
          : await authenticate(handle, req, params, access as ProjectRole, opts.session ?? false);
      const source = opts.source ?? (req.method === 'GET' || req.method === 'HEAD' ? 'query' : 'body');
      // Query strings are always scanned: percent-decoding can yield NUL and lone surrogates.
      const input = source === 'query' ? { value: readQuery(req), mayHoldUnstorable: true } : await readBody(req);
      const parsed = schema.safeParse(input.value);
      if (!parsed.success) throw new ApiError(400, 'INVALID_PARAMETER_VALUE', describeZodError(parsed.error).message);
      const unstorable = input.mayHoldUnstorable ? describeUnstorableText(parsed.data) : null;
      if (unstorable) throw new ApiError(400, 'INVALID_PARAMETER_VALUE', unstorable.message);
      const result = await body({ db, req, params, input: parsed.data, caller } as Ctx<A, z.output<S>>);
      return result instanceof Response ? result : Response.json(result ?? {});
    } catch (err) {
      return toErrorResponse(err);
    }
  };
  routeRegistry.set(handler, { access, schema });
  return handler;
}

/**
 * A protocol router's entry point: it only forwards to handlers built with defineRoute, each of which
 * checks its own access rule. It is registered under the least access any target needs, so the
 * authorization test covers it like any other route.
 */
export function defineDispatch(access: RouteAccess, dispatch: RouteHandler): RouteHandler {
  const handler: RouteHandler = async (req, routeCtx) => {
    try {
      return await dispatch(req, routeCtx);
    } catch (err) {
      return toErrorResponse(err);
    }
  };
  routeRegistry.set(handler, { access, schema: null });
  return handler;
}
