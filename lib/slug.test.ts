import { describe, expect, it } from 'vitest';
import { slugSchema } from './validation';
import { SLUG_MAX, slugify } from './slug';

describe('slugify', () => {
  it.each([
    ['Customer churn', 'customer-churn'],
    ['  Rain tomorrow?  ', 'rain-tomorrow'],
    ['Café Crème 2026', 'cafe-creme-2026'],
    ['A/B -- tests__v2', 'a-b-tests-v2'],
    ['Ünïcödé Straße', 'unicode-strasse'],
    ['---', ''],
    ['', ''],
  ])('%j → %j', (name, slug) => {
    expect(slugify(name)).toBe(slug);
  });

  it('cuts long names to the longest slug without a trailing dash', () => {
    const slug = slugify(`${'a'.repeat(SLUG_MAX - 1)} bcd`);
    expect(slug).toBe('a'.repeat(SLUG_MAX - 1));
    expect(slugify('word '.repeat(30)).length).toBeLessThanOrEqual(SLUG_MAX);
    expect(slugify('word '.repeat(30))).not.toMatch(/-$/);
  });

  it('gives slugs the server accepts for ordinary names', () => {
    for (const name of ['Customer churn', 'Q3 demand forecast', 'Émile’s fraud model', 'x'.repeat(200)]) {
      expect(slugSchema.safeParse(slugify(name)).success, name).toBe(true);
    }
  });
});
