import { type SQL, sql } from 'drizzle-orm';
import { DomainError } from '@/lib/errors';

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
      return sql`${column} like ${value}`;
    case 'ILIKE':
      return sql`${column} ilike ${value}`;
    case 'IN':
      return sql`${column} in ${value as string[]}`;
    case 'NOT IN':
      return sql`${column} not in ${value as string[]}`;
    default:
      throw new DomainError('invalid', `Unsupported comparator ${comparator}.`);
  }
}
