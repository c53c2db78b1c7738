import { describe, expect, it } from 'vitest';
import { parseExperimentFilter, parseExperimentOrderBy } from './experiment-filter';
import { parseModelOrderBy } from '../registry/search-filter';
import {
  FilterSyntaxError,
  MAX_FILTER_CLAUSES,
  MAX_ORDER_BY_ENTRIES,
  parseOrderBy,
  parseSearchFilter,
} from './search-filter';

describe('parseSearchFilter', () => {
  it('parses the documented MLflow example', () => {
    expect(parseSearchFilter("metrics.acc > 0.9 and params.lr = '0.01' and tags.x LIKE 'a%'")).toEqual([
      { type: 'metric', key: 'acc', comparator: '>', value: 0.9 },
      { type: 'param', key: 'lr', comparator: '=', value: '0.01' },
      { type: 'tag', key: 'x', comparator: 'LIKE', value: 'a%' },
    ]);
  });
  it('accepts attributes, quoted keys, dotted tag keys and IN lists', () => {
    expect(
      parseSearchFilter(
        "attributes.status = \"FINISHED\" AND metrics.\"val loss\" <= 1e-3 AND tags.mlflow.source.git.commit != 'abc' AND attributes.run_id IN ('a', 'b')",
      ),
    ).toEqual([
      { type: 'attribute', key: 'status', comparator: '=', value: 'FINISHED' },
      { type: 'metric', key: 'val loss', comparator: '<=', value: 0.001 },
      { type: 'tag', key: 'mlflow.source.git.commit', comparator: '!=', value: 'abc' },
      { type: 'attribute', key: 'run_id', comparator: 'IN', value: ['a', 'b'] },
    ]);
  });
  it('numeric attributes take numbers; IS NULL works on tags', () => {
    expect(parseSearchFilter('attributes.start_time >= 1700000000000 and tags.note IS NOT NULL')).toEqual([
      { type: 'attribute', key: 'start_time', comparator: '>=', value: 1700000000000 },
      { type: 'tag', key: 'note', comparator: 'IS NOT NULL', value: null },
    ]);
  });
  it('an empty filter has no clauses', () => {
    expect(parseSearchFilter('  ')).toEqual([]);
  });
  it.each([
    ["metrics.acc > 0.9 OR params.lr = '1'", /OR is not supported/],
    ["metrics.acc = 'high'", /Expected a number/],
    ['params.lr = 0.01', /Expected a quoted string/],
    ["params.lr > '1'", /Invalid comparator '>'/],
    ["foo.bar = '1'", /Invalid entity type 'foo'/],
    ["attributes.colour = 'red'", /Invalid attribute key 'colour'/],
    ["params.lr = '0.01", /Unterminated/],
    ['metrics.acc >', /Missing value/],
    ["metrics.acc > 1 params.lr = '1'", /Expected AND/],
    ['metrics.acc > 1 AND', /Dangling AND/],
    ["params.x = '1'; DROP TABLE runs", /Unexpected character ';'/],
  ])('rejects %s with a clear message', (filter, message) => {
    expect(() => parseSearchFilter(filter)).toThrow(FilterSyntaxError);
    expect(() => parseSearchFilter(filter)).toThrow(message);
  });
  it('keeps SQL metacharacters inside string values as data', () => {
    expect(parseSearchFilter(`tags.note = "x' OR 1=1 --"`)).toEqual([
      { type: 'tag', key: 'note', comparator: '=', value: "x' OR 1=1 --" },
    ]);
    expect(parseSearchFilter("params.q LIKE '%_\\%'")[0]).toMatchObject({ value: '%_\\%' });
  });
});

describe('filter caps', () => {
  const clauses = (n: number) => Array.from({ length: n }, (_, i) => `metrics.m${i} > ${i}`).join(' AND ');
  it('takes 50 clauses and refuses 51 or 300, naming the limit', () => {
    expect(parseSearchFilter(clauses(MAX_FILTER_CLAUSES))).toHaveLength(50);
    expect(() => parseSearchFilter(clauses(51))).toThrow(/Use at most 50 clauses joined by AND/);
    expect(() => parseSearchFilter(clauses(300))).toThrow(/Use at most 50 clauses joined by AND/);
    expect(() =>
      parseExperimentFilter(
        clauses(300)
          .replaceAll('metrics.m', 'tags.t')
          .replace(/> (\d+)/g, "= '$1'"),
      ),
    ).toThrow(/Use at most 50 clauses/);
  });
});

describe('parseOrderBy', () => {
  it('parses direction and entity, defaulting to ascending', () => {
    expect(parseOrderBy(['metrics.acc DESC', 'params.lr', 'attributes.start_time asc', 'start_time DESC'])).toEqual([
      { type: 'metric', key: 'acc', ascending: false },
      { type: 'param', key: 'lr', ascending: true },
      { type: 'attribute', key: 'start_time', ascending: true },
      { type: 'attribute', key: 'start_time', ascending: false },
    ]);
  });
  it('rejects unknown entities', () => {
    expect(() => parseOrderBy(['foo.bar DESC'])).toThrow(/Invalid entity type/);
  });
  it('keeps quoted keys and refuses too many or too long entries', () => {
    expect(parseOrderBy(['metrics.`my key` DESC', 'params."a b"'])).toEqual([
      { type: 'metric', key: 'my key', ascending: false },
      { type: 'param', key: 'a b', ascending: true },
    ]);
    expect(() => parseOrderBy(Array(MAX_ORDER_BY_ENTRIES + 1).fill('metrics.acc'))).toThrow(/at most 20 order_by/);
    expect(() => parseOrderBy([`metrics.${'a'.repeat(600)}`])).toThrow(/at most 500 characters/);
  });
});

describe('order_by parsing time', () => {
  const parsers = [parseOrderBy, parseExperimentOrderBy, parseModelOrderBy];
  /** Best of five, in ms per call: the least disturbed sample of a busy machine. */
  const msPerCall = (entries: string[], reps: number) => {
    let best = Infinity;
    for (let sample = 0; sample < 5; sample++) {
      const start = performance.now();
      for (let r = 0; r < reps; r++)
        for (const parse of parsers) {
          try {
            parse(entries);
          } catch {
            // refusals are expected here; only the time to reach them is measured
          }
        }
      best = Math.min(best, (performance.now() - start) / reps);
    }
    return best;
  };
  const pad = (n: number, c = ' ') => c.repeat(n);

  it('takes about as long on backtracking bait as on a normal order_by, measured in the same run', () => {
    const normal = msPerCall(
      Array.from({ length: MAX_ORDER_BY_ENTRIES }, (_, i) => `metrics.accuracy_${i} DESC`),
      200,
    );
    // A key, a long run of spaces, then one more letter: the old regex tried every split of the spaces
    // between the key and an optional ASC/DESC (quadratic per entry; 100 × 3,000 spaces blocked for 4.6 s).
    const worst: Record<string, string[]> = {
      '100 entries of a key, 3,000 spaces and a letter': Array(100).fill(`metrics.a${pad(3000)}x`),
      '20 entries of a key, 480 spaces and a letter': Array(20).fill(`metrics.a${pad(480)}x`),
      '100 entries of 3,000 spaces': Array(100).fill(pad(3000)),
      '20 entries of 499 spaces': Array(20).fill(pad(499)),
      'a name, 480 tabs, then junk': Array(20).fill(`name${pad(480, '\t')}!`),
      'spaces around a key and its direction': Array(20).fill(`${pad(240)}metrics.a${pad(240)}DESC`),
      'a direction word repeated': Array(20).fill(' ASC'.repeat(124)),
    };
    for (const [label, entries] of Object.entries(worst)) {
      const ratio = msPerCall(entries, 20) / normal;
      expect(ratio, `${label}: ${ratio.toFixed(1)}× a normal order_by`).toBeLessThan(20);
    }
  });
});

describe('numeric params (the runs table only)', () => {
  it('takes a number for a param and orders only against numbers', () => {
    expect(parseSearchFilter('params.depth > 5', { numericParams: true })).toEqual([
      { type: 'param', key: 'depth', comparator: '>', value: 5 },
    ]);
    expect(parseSearchFilter("params.lr = '0.01'", { numericParams: true })[0]!.value).toBe('0.01');
    expect(() => parseSearchFilter("params.depth > '5'", { numericParams: true })).toThrow(/Expected a number/);
  });

  it("keeps MLflow's grammar without the option", () => {
    expect(() => parseSearchFilter('params.depth > 5')).toThrow(/Invalid comparator '>'/);
    expect(() => parseSearchFilter('params.depth = 5')).toThrow(/Expected a quoted string/);
  });
});
