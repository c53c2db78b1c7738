// "Did you mean" for filters that name a param, metric or tag no run has logged, and the autocomplete list the
// filter box offers while typing.
import type { Clause } from './search-filter';

export type RunKeys = { params: string[]; metrics: string[]; tags: string[] };
export type UnknownKey = { written: string; suggestion: string | null };

const PREFIX = { param: 'params', metric: 'metrics', tag: 'tags' } as const;
type KeyedType = keyof typeof PREFIX;
const keysOf = (keys: RunKeys, type: KeyedType) =>
  type === 'param' ? keys.params : type === 'metric' ? keys.metrics : keys.tags;

/** The filter identifier for a key: quoted with backticks when it is not a plain identifier. */
export function keyIdentifier(type: KeyedType, key: string): string {
  return /^[A-Za-z_][\w.\-:/]*$/.test(key) ? `${PREFIX[type]}.${key}` : `${PREFIX[type]}.\`${key}\``;
}

function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++)
      row[j] = Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    prev = row;
  }
  return prev[b.length]!;
}

/** The known key closest to a misspelt one: same letters in another case, a prefix, or a few edits away. */
export function closestKey(written: string, known: readonly string[]): string | null {
  const lower = written.toLowerCase();
  const sameCase = known.find((k) => k.toLowerCase() === lower);
  if (sameCase) return sameCase;
  let best: { key: string; distance: number } | null = null;
  for (const key of known) {
    const distance = editDistance(lower, key.toLowerCase());
    if (!best || distance < best.distance) best = { key, distance };
  }
  if (best && best.distance <= Math.max(2, Math.floor(written.length / 3))) return best.key;
  return known.find((k) => k.toLowerCase().startsWith(lower) || lower.startsWith(k.toLowerCase())) ?? null;
}

/** Clauses naming a param, metric or tag that no run in scope has, each with the closest existing key. */
export function findUnknownKeys(clauses: Clause[], keys: RunKeys): UnknownKey[] {
  const out: UnknownKey[] = [];
  for (const c of clauses) {
    if (c.type !== 'param' && c.type !== 'metric' && c.type !== 'tag') continue;
    // `IS NULL` asks for runs without the key; that a key is unknown is then no mistake.
    if (c.comparator === 'IS NULL') continue;
    const known = keysOf(keys, c.type);
    if (known.includes(c.key)) continue;
    const match = closestKey(c.key, known);
    out.push({
      written: keyIdentifier(c.type, c.key),
      suggestion: match === null ? null : keyIdentifier(c.type, match),
    });
  }
  return out;
}

/** Where the identifier being typed starts and what it is so far: the text from the last break before the caret. */
export function wordAt(text: string, caret: number): { start: number; word: string } {
  const before = text.slice(0, caret);
  // Inside a quoted value nothing is an identifier.
  if (((before.match(/'/g)?.length ?? 0) + (before.match(/"/g)?.length ?? 0)) % 2 === 1)
    return { start: caret, word: '' };
  const match = /[A-Za-z_][\w.\-:/]*$/.exec(before);
  if (!match) return { start: caret, word: '' };
  return { start: caret - match[0].length, word: match[0] };
}

/**
 * Identifiers to offer for a partly typed word: `params.l` → params starting with (then containing) `l`; a bare
 * word matches any param, metric or tag key. Keywords (and, like, …) and complete identifiers offer nothing.
 */
export function completeIdentifier(word: string, keys: RunKeys, limit = 8): string[] {
  if (!word || /^(and|or|in|not|is|null|like|ilike)$/i.test(word)) return [];
  const dot = word.indexOf('.');
  const entity = dot < 0 ? null : word.slice(0, dot).toLowerCase();
  const partial = (dot < 0 ? word : word.slice(dot + 1)).toLowerCase();
  const types: KeyedType[] =
    entity === null
      ? ['metric', 'param', 'tag']
      : entity === 'metrics' || entity === 'metric'
        ? ['metric']
        : entity === 'params' || entity === 'param'
          ? ['param']
          : entity === 'tags' || entity === 'tag'
            ? ['tag']
            : [];
  const starts: string[] = [];
  const contains: string[] = [];
  for (const type of types)
    for (const key of keysOf(keys, type)) {
      const k = key.toLowerCase();
      const id = keyIdentifier(type, key);
      if (id === word) return [];
      if (k.startsWith(partial) || (entity === null && id.toLowerCase().startsWith(partial))) starts.push(id);
      else if (k.includes(partial)) contains.push(id);
    }
  return [...starts, ...contains].slice(0, limit);
}
