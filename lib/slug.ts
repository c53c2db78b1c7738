/** The longest slug the server accepts (slugSchema in lib/validation.ts). */
export const SLUG_MAX = 48;

/**
 * A URL slug from a human name: "Café Churn (2026)" → "cafe-churn-2026". Accents are dropped, anything
 * that is not a letter or digit becomes a single dash, and the result fits SLUG_MAX without a trailing dash.
 */
export function slugify(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/ß/g, 'ss')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, SLUG_MAX)
    .replace(/-+$/, '');
}
