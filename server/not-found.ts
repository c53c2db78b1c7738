import { notFound } from 'next/navigation';
import type { z } from 'zod';
import { DomainError } from '@/lib/errors';

/** A page's read: a missing row is a 404; anything else (a database outage) reaches the error boundary. */
export async function orNotFound<T>(promise: Promise<T>): Promise<T> {
  try {
    return await promise;
  } catch (err) {
    if (err instanceof DomainError && err.kind === 'not_found') notFound();
    throw err;
  }
}

/** Route params (or one param) that do not fit their id schema name nothing that can exist: a 404. */
export async function paramsOrNotFound<S extends z.ZodType>(schema: S, params: unknown): Promise<z.output<S>> {
  const parsed = schema.safeParse(await params);
  if (!parsed.success) notFound();
  return parsed.data;
}
