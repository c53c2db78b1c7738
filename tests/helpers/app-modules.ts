import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { z } from 'zod';
import { type Action, type ActionAccess, actionRegistry } from '@/server/action';
import { type RouteAccess, type RouteHandler, routeRegistry } from '@/server/api';
import { MLFLOW_ROUTES } from '@/server/mlflow/router';

export const ROOT = path.resolve(__dirname, '..', '..');

const HTTP_METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'] as const;
// Exports Next.js reads from a route file that are configuration, not request handlers.
const ROUTE_CONFIG_EXPORTS = new Set([
  'dynamic',
  'dynamicParams',
  'revalidate',
  'fetchCache',
  'runtime',
  'preferredRegion',
  'maxDuration',
  'generateStaticParams',
]);

/** Every file named `basename` under `dir`, as paths relative to the repository root, sorted. */
export function findFiles(dir: string, basename: string): string[] {
  const abs = path.resolve(ROOT, dir);
  return fs
    .readdirSync(abs, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && e.name === basename)
    .map((e) => path.relative(ROOT, path.join(e.parentPath, e.name)))
    .sort();
}

async function importFile(file: string): Promise<Record<string, unknown>> {
  return (await import(/* @vite-ignore */ pathToFileURL(path.join(ROOT, file)).href)) as Record<string, unknown>;
}

export type ActionEntry = {
  file: string;
  name: string;
  value: unknown;
  fn: Action<unknown> | null;
  access: ActionAccess | undefined;
  schema: z.ZodType | undefined;
};

/** Every export of every `actions.ts` under `dir` (a 'use server' file exports nothing but actions). */
export async function loadActions(dir = 'app'): Promise<ActionEntry[]> {
  const out: ActionEntry[] = [];
  for (const file of findFiles(dir, 'actions.ts')) {
    for (const [name, value] of Object.entries(await importFile(file))) {
      const fn = typeof value === 'function' ? (value as Action<unknown>) : null;
      const registered = fn ? actionRegistry.get(fn) : undefined;
      out.push({ file, name, value, fn, access: registered?.access, schema: registered?.schema });
    }
  }
  return out;
}

export type RouteEntry = {
  file: string;
  name: string;
  value: unknown;
  fn: RouteHandler | null;
  access: RouteAccess | undefined;
  /** The zod schema of the handler's input; null for a dispatcher, whose targets carry their own. */
  schema: z.ZodType | null | undefined;
  /** URL path with dynamic segments filled in, and the params Next.js would pass. */
  urlPath: string;
  params: Record<string, string | string[]>;
};

/** Turns `app/api/v1/models/[name]/route.ts` (under `dir` = app) into `/api/v1/models/<value>` and `{ name: <value> }`. */
export function routeUrl(
  file: string,
  dir: string,
  paramValue: (name: string) => string,
): { urlPath: string; params: Record<string, string | string[]> } {
  const segments = path.relative(dir, path.dirname(file)).split(path.sep).filter(Boolean);
  const params: Record<string, string | string[]> = {};
  const parts: string[] = [];
  for (const seg of segments) {
    if (/^\(.*\)$/.test(seg) || seg.startsWith('@')) continue; // route groups and parallel slots are not in the URL
    const catchAll = /^\[\[?\.\.\.(.+?)\]\]?$/.exec(seg);
    const dynamic = /^\[(.+)\]$/.exec(seg);
    if (catchAll) {
      const value = paramValue(catchAll[1]!);
      params[catchAll[1]!] = [value];
      parts.push(value);
    } else if (dynamic) {
      const value = paramValue(dynamic[1]!);
      params[dynamic[1]!] = value;
      parts.push(value);
    } else parts.push(seg);
  }
  return { urlPath: `/${parts.join('/')}`, params };
}

/** Every handler-like export of every `route.ts` under `dir`: HTTP methods and any function that is not route config. `paramValue` fills each dynamic segment by name. */
export async function loadRoutes(
  dir = 'app',
  paramValue: (name: string) => string = () => 'probe',
): Promise<RouteEntry[]> {
  const out: RouteEntry[] = [];
  for (const file of findFiles(dir, 'route.ts')) {
    for (const [name, value] of Object.entries(await importFile(file))) {
      const isMethod = (HTTP_METHODS as readonly string[]).includes(name);
      if (!isMethod && (ROUTE_CONFIG_EXPORTS.has(name) || typeof value !== 'function')) continue;
      const fn = typeof value === 'function' ? (value as RouteHandler) : null;
      const registered = fn ? routeRegistry.get(fn) : undefined;
      out.push({
        file,
        name,
        value,
        fn,
        access: registered?.access,
        schema: registered?.schema,
        ...routeUrl(file, dir, paramValue),
      });
    }
  }
  return out;
}

const MLFLOW_MOUNT = 'app/api/2.0/mlflow/[...path]/route.ts';

/**
 * The MLflow API is one catch-all route per prefix that dispatches "METHOD path" to handlers built with
 * defineRoute; each endpoint carries its own access rule and schema, so each is an entry called through the
 * mounted route (found among `routes`).
 */
export function mlflowEndpoints(routes: RouteEntry[]): RouteEntry[] {
  return Object.entries(MLFLOW_ROUTES).map(([key, handler]) => {
    const [method, endpoint] = key.split(' ') as [string, string];
    const mount = routes.find((r) => r.file === MLFLOW_MOUNT && r.name === method);
    const registered = routeRegistry.get(handler);
    return {
      file: 'server/mlflow/router.ts',
      name: method,
      value: handler,
      fn: mount?.fn ?? null,
      access: registered?.access,
      schema: registered?.schema,
      urlPath: `/api/2.0/mlflow/${endpoint}`,
      params: { path: endpoint.split('/') },
    };
  });
}
