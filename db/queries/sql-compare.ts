import { type SQL, sql } from 'drizzle-orm';
import { DomainError } from '@/lib/errors';

/**
 * A pattern ending in an unpaired backslash makes Postgres fail (22025) only when a row matches up to it, so one
 * filter would work or fail depending on the data: the dangling backslash is read as a literal one instead.
 */
function closeDanglingEscape(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  const trailing = value.length - value.replace(/\\+$/, '').length;
  return trailing % 2 === 1 ? `${value}\\` : value;
}

/** A search-grammar comparison as bound SQL (values are always parameters), shared by every search. */
export function compareSql(column: SQL, comparator: string, value: unknown): SQL {
  switch (comparator) {
    case '=':
      return sql`${column} = ${value}`;
    case '!=':
      return sql`${column} <> ${value}`;
    case '>':
      return sql`${column} > ${value}`;
    case '>=':
      return sql`${column} >= ${value}`;
    case '<':
      return sql`${column} < ${value}`;
    case '<=':
      return sql`${column} <= ${value}`;
    case 'LIKE':
      return sql`${column} like ${closeDanglingEscape(value)}`;
    case 'ILIKE':
      return sql`${column} ilike ${closeDanglingEscape(value)}`;
    case 'IN':
      return sql`${column} in ${value as string[]}`;
    case 'NOT IN':
      return sql`${column} not in ${value as string[]}`;
    default:
      throw new DomainError('invalid', `Unsupported comparator ${comparator}.`);
  }
}
