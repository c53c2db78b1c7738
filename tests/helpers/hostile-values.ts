// fast-check arbitraries for hostile request input: wrong types, huge strings and arrays, awkward unicode,
// non-finite and extreme numbers, SQL and LIKE metacharacters, markup, deep nesting and prototype keys.
import fc from 'fast-check';
import type { z } from 'zod';

/** Strings a schema may well accept, which must still never break SQL, JSON columns or rendering. */
const NASTY_STRINGS = [
  "'; drop table projects; --",
  "' or '1'='1",
  '%',
  '_',
  '\\',
  '%_\\',
  'a%b_c\\d\'e"f',
  '$1',
  "E'\\x00'",
  'nul\u0000inside',
  '\u0000',
  'lone \ud800 high',
  'lone \udfff low',
  '\udc00\ud800',
  '😀🚀👩‍👩‍👧',
  '\u202eRTL override',
  'مرحبا بالعالم',
  'שלום',
  '\ufeffBOM',
  'e\u0301 İstanbul ß',
  '\uffff\ufffe',
  '<img src=x onerror="window.__xss=1">',
  '<script>window.__xss=1</script>',
  '{{7*7}} ${7*7}',
  '../../etc/passwd',
  '\r\n\t\u000b',
  '  padded  ',
  'NaN',
  'Infinity',
  '-Infinity',
  '-0',
  '1e308',
  '1e309',
  '-1e308',
  '0x1f',
  '9007199254740993',
  'null',
  '__proto__',
  'constructor',
] as const;

const loneSurrogate = fc.integer({ min: 0xd800, max: 0xdfff }).map((c) => String.fromCharCode(c));

/** A short hostile string: a known nasty one, a prototype name, random code points, or lone surrogates mixed with ASCII. */
export const nastyString: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...NASTY_STRINGS) },
  // Names on Object.prototype: a lookup table indexed by user input finds them unless it checks own keys.
  { weight: 1, arbitrary: fc.constantFrom('constructor', '__proto__', 'toString', 'valueOf', 'hasOwnProperty') },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
  {
    weight: 1,
    arbitrary: fc.string({
      unit: fc.oneof(loneSurrogate, fc.constantFrom('a', '%', "'", '\u0000')),
      minLength: 1,
      maxLength: 12,
    }),
  },
);

/** 100k+ characters: plain, multi-byte, or metacharacters. */
const hugeString: fc.Arbitrary<string> = fc
  .tuple(fc.constantFrom('a', '😀', '%', "'", '\u0000', '<b>'), fc.integer({ min: 100_001, max: 120_000 }))
  .map(([unit, length]) => unit.repeat(Math.ceil(length / unit.length)));

/** Numbers JSON cannot hold (NaN, ±Infinity) and extremes; only in-process callers (actions) receive them as numbers. */
const extremeNumber: fc.Arbitrary<number> = fc.oneof(
  fc.constantFrom(
    Number.NaN,
    Infinity,
    -Infinity,
    -0,
    1e308,
    -1e308,
    5e-324,
    2 ** 53 + 2,
    2 ** 63,
    -(2 ** 63),
    2 ** 31,
    -(2 ** 31) - 1,
    0.5,
  ),
  fc.double(),
);

/** Names a big value in fast-check's reports, which would otherwise print it whole (or overflow the stack doing so). */
const labelled = <T extends object>(value: T, label: string): T =>
  Object.defineProperty(value, fc.toStringMethod, { value: () => label });

/** A value nested `depth` levels deep in arrays or objects. */
function nested(depth: number, kind: 'array' | 'object'): unknown {
  let value: object = ['bottom'];
  for (let i = 1; i < depth; i++) value = kind === 'array' ? [value] : { a: value };
  return labelled(value, `nested(${depth}, '${kind}')`);
}
const deepValue: fc.Arbitrary<unknown> = fc
  .tuple(fc.integer({ min: 1_000, max: 3_000 }), fc.constantFrom('array' as const, 'object' as const))
  .map(([depth, kind]) => nested(depth, kind));

const hugeArray: fc.Arbitrary<unknown[]> = fc
  .tuple(fc.integer({ min: 10_001, max: 12_000 }), fc.constantFrom<unknown>('x', 1, null, {}, { key: 'k', value: 'v' }))
  .map(([length, item]) =>
    labelled(
      Array.from({ length }, () => item),
      `Array(${length}).fill(${JSON.stringify(item)})`,
    ),
  );

/** Keys that pollute prototypes when a server merges objects carelessly (JSON.parse keeps them as own keys). */
const prototypeKeys: fc.Arbitrary<Record<string, unknown>> = fc.constantFrom(
  JSON.parse('{"__proto__": {"isAdmin": true, "role": "owner"}}') as Record<string, unknown>,
  JSON.parse('{"constructor": {"prototype": {"isAdmin": true}}}') as Record<string, unknown>,
  JSON.parse('{"__proto__": null, "prototype": "x", "hasOwnProperty": 1, "toString": "x"}') as Record<string, unknown>,
);

const wrongType: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom<unknown>(null, true, false, 0, -1, [], {}, [[]], [null], { a: 1 }, ['a', 'b'], ''),
  fc.integer(),
  fc.array(nastyString, { maxLength: 3 }),
  fc.dictionary(nastyString, nastyString, { maxKeys: 3 }),
);

/** One bad value for a field: the wrong type, an extreme number (in `jsonSafe` form, as strings), huge or deep. */
function badValue(jsonSafe: boolean): fc.Arbitrary<unknown> {
  return fc.oneof(
    { weight: 4, arbitrary: wrongType },
    { weight: 3, arbitrary: nastyString },
    { weight: 2, arbitrary: jsonSafe ? extremeNumber.map((n) => (Number.isFinite(n) ? n : String(n))) : extremeNumber },
    { weight: 1, arbitrary: extremeNumber.map(String) },
    { weight: 1, arbitrary: hugeString },
    { weight: 1, arbitrary: hugeArray },
    { weight: 1, arbitrary: deepValue },
  );
}

/**
 * A request payload built from `fields` (the schema's keys and a valid sample's): some fields get bad values,
 * some are dropped, prototype keys may be mixed in; or the whole payload is not an object at all.
 */
export function hostilePayload(
  fields: readonly string[],
  sample: Record<string, unknown>,
  jsonSafe: boolean,
): fc.Arbitrary<unknown> {
  const keys = fields.length ? [...fields] : ['value'];
  const perField = fc
    .record({
      bad: fc.dictionary(fc.constantFrom(...keys), badValue(jsonSafe), { minKeys: 1, maxKeys: 3 }),
      dropped: fc.subarray(keys, { maxLength: Math.min(2, keys.length) }),
      polluted: fc.option(prototypeKeys, { freq: 5 }),
    })
    .map(({ bad, dropped, polluted }) => {
      const out: Record<string, unknown> = { ...sample };
      for (const key of dropped) delete out[key];
      // Own keys, as JSON.parse makes them (assigning "__proto__" would set the prototype instead).
      for (const [key, value] of Object.entries(polluted ?? {}))
        Object.defineProperty(out, key, { value, enumerable: true, writable: true, configurable: true });
      for (const [key, value] of Object.entries(bad)) out[key] = value;
      return out;
    });
  return fc.oneof({ weight: 8, arbitrary: perField }, { weight: 1, arbitrary: badValue(jsonSafe) });
}

/** Non-JSON and borderline request bodies, sent as raw text. */
export const rawBody: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(
    '{',
    '[1,',
    '{"a":}',
    "{'a': 1}",
    'undefined',
    'NaN',
    '1e400',
    '-0',
    '\u0000',
    '\ufeff{}',
    '{"a": 1}}',
    '<xml/>',
    'null',
    '[]',
    '"str"',
    '{"__proto__": {"x": 1}}',
  ),
  fc.string({ unit: 'binary', maxLength: 60 }),
  fc.integer({ min: 65, max: 100_000 }).map((depth) => '['.repeat(depth) + ']'.repeat(depth)),
  fc.integer({ min: 65, max: 3_000 }).map((depth) => '{"a":'.repeat(depth) + '1' + '}'.repeat(depth)),
  // A JSON string holding deep JSON: MLflow clients' double-encoded bodies are decoded a second time.
  fc
    .integer({ min: 1_000, max: 100_000 })
    .map((depth) =>
      JSON.stringify(
        `{"run_id": ${'['.repeat(depth)}${']'.repeat(depth)}, "name": ${'['.repeat(depth)}${']'.repeat(depth)}}`,
      ),
    ),
);

/** The top-level keys of an object schema, looking through pipes, defaults, intersections and unions. */
export function schemaKeys(schema: z.ZodType): string[] {
  const keys = new Set<string>();
  const visit = (s: z.ZodType | undefined, depth: number) => {
    if (!s || depth > 12) return;
    const def = s._zod.def as unknown as Record<string, unknown> & { type: string };
    if (def.type === 'object') for (const key of Object.keys(def.shape as object)) keys.add(key);
    for (const child of ['in', 'out', 'innerType', 'left', 'right'] as const)
      visit(def[child] as z.ZodType | undefined, depth + 1);
    for (const option of (def.options as z.ZodType[] | undefined) ?? []) visit(option, depth + 1);
  };
  visit(schema, 0);
  return [...keys];
}

const FILTER_TEMPLATES = [
  "params.p = '§'",
  "tags.t LIKE '§'",
  "tags.`§` = 'x'",
  "§.key = 'x'",
  "attributes.run_name ILIKE '%§%'",
  "name LIKE '§'",
  'metrics.loss > §',
  'metrics.`§` <= 1e309',
  '§',
  "params.p = '§' and metrics.loss != §",
  'metrics.§ DESC',
] as const;

/** A filter or order_by expression with a hostile literal or identifier inside (quotes left unbalanced on purpose). */
const hostileFilter: fc.Arbitrary<string> = fc
  .tuple(fc.constantFrom(...FILTER_TEMPLATES), nastyString)
  .map(([template, value]) => template.replaceAll('§', value));

/** Paths of the string leaves of a (small) sample object, e.g. ["name"], ["tags", 0, "value"]. */
function stringPaths(value: unknown, prefix: (string | number)[] = []): (string | number)[][] {
  if (typeof value === 'string') return [prefix];
  if (prefix.length > 3 || value === null || typeof value !== 'object' || value instanceof File) return [];
  return Object.entries(value).flatMap(([key, child]) =>
    stringPaths(child, [...prefix, Array.isArray(value) ? Number(key) : key]),
  );
}

/** A deep copy of a JSON-like sample (Files kept as they are) with the leaf at `path` replaced. */
function withLeaf(sample: Record<string, unknown>, path: (string | number)[], leaf: unknown): Record<string, unknown> {
  const copy = (v: unknown, depth: number): unknown => {
    if (depth === path.length) return leaf;
    const key = path[depth]!;
    if (Array.isArray(v)) return v.map((item, i) => (i === key ? copy(item, depth + 1) : item));
    const obj = v as Record<string, unknown>;
    return { ...obj, [key]: copy(obj[key], depth + 1) };
  };
  return copy(sample, 0) as Record<string, unknown>;
}

const isExpression = (path: (string | number)[]) => path.some((p) => p === 'filter' || p === 'order_by');

/**
 * The sample with 'constructor' in each field in turn (and in each filter and order_by expression): a lookup table
 * indexed by input finds Object.prototype's members unless it checks own keys. Run before the random inputs.
 */
export function prototypeNameProbes(
  fields: readonly string[],
  sample: Record<string, unknown>,
): Record<string, unknown>[] {
  const inFields = fields.map((field) => ({ ...sample, [field]: 'constructor' }));
  const inExpressions = stringPaths(sample)
    .filter(isExpression)
    .flatMap((path) =>
      ['constructor', "constructor = 'x'", "constructor.key = 'x'"].map((leaf) => withLeaf(sample, path, leaf)),
    );
  return [...inFields, ...inExpressions];
}

/** The sample with one or two text fields poisoned: nasty strings, or hostile expressions in filter and order_by fields. */
export function poisonedSample(sample: Record<string, unknown>): fc.Arbitrary<Record<string, unknown>> | null {
  const paths = stringPaths(sample);
  if (paths.length === 0) return null;
  return fc
    .array(fc.constantFrom(...paths), { minLength: 1, maxLength: 2 })
    .chain((chosen) =>
      fc.tuple(
        ...chosen.map((path) =>
          (isExpression(path) ? hostileFilter : nastyString).map((leaf) => [path, leaf] as const),
        ),
      ),
    )
    .map((leaves) => leaves.reduce((acc, [path, leaf]) => withLeaf(acc, path, leaf), sample));
}
