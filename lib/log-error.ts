import { DrizzleQueryError } from 'drizzle-orm';

const MAX_CAUSES = 5;

/**
 * An error as log text that carries no request values. Drizzle puts a failed query's parameters in its message,
 * PGlite errors carry them as an enumerable `params`, and Postgres's `detail` quotes row values; those parameters
 * include session tokens and token and password hashes. So the log gets each error's name, code and message down
 * the cause chain (a failed query as its SQL text, whose values are placeholders) and the outermost stack frames.
 */
export function describeErrorForLog(err: unknown): string {
  const lines: string[] = [];
  let current: unknown = err;
  for (let depth = 0; depth < MAX_CAUSES && current != null; depth++) {
    lines.push(`${depth > 0 ? 'caused by: ' : ''}${headline(current)}`);
    if (depth === 0 && current instanceof Error)
      lines.push(...(current.stack ?? '').split('\n').filter((l) => /^\s+at /.test(l)));
    current = current instanceof Error ? current.cause : undefined;
  }
  return lines.join('\n');
}

function headline(err: unknown): string {
  // A thrown non-Error can be anything, a request body included.
  if (!(err instanceof Error)) return `a thrown ${typeof err} (not an Error)`;
  const code = (err as { code?: unknown }).code;
  const message = err instanceof DrizzleQueryError ? `Failed query: ${err.query}` : err.message;
  // Some subclasses (drizzle's DrizzleQueryError) leave name as "Error"; the class says more.
  const name = err.name === 'Error' ? err.constructor.name : err.name;
  return `${name}${typeof code === 'string' || typeof code === 'number' ? ` [${code}]` : ''}: ${message}`;
}
