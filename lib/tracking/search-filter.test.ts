import { describe, expect, it } from 'vitest';
import { FilterSyntaxError, parseOrderBy, parseSearchFilter } from './search-filter';

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
});
