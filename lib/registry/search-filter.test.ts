import { describe, expect, it } from 'vitest';
import { parseModelFilter, parseModelOrderBy, parseVersionFilter, parseVersionOrderBy } from './search-filter';
import { FilterSyntaxError } from '../tracking/search-filter';

describe('parseModelFilter', () => {
  it('reads MLflow’s documented examples', () => {
    expect(parseModelFilter("name LIKE '%churn%'")).toEqual([
      { type: 'attribute', key: 'name', comparator: 'LIKE', value: '%churn%' },
    ]);
    expect(parseModelFilter("name='churn'")).toEqual([
      { type: 'attribute', key: 'name', comparator: '=', value: 'churn' },
    ]);
    expect(parseModelFilter('attributes.name ilike \'C%\' and tags.`team name` != "growth"')).toEqual([
      { type: 'attribute', key: 'name', comparator: 'ILIKE', value: 'C%' },
      { type: 'tag', key: 'team name', comparator: '!=', value: 'growth' },
    ]);
  });

  it('treats an empty or blank filter as no clauses', () => {
    expect(parseModelFilter(undefined)).toEqual([]);
    expect(parseModelFilter('   ')).toEqual([]);
  });

  it.each([
    ["run_id = 'x'", /Invalid attribute key 'run_id'/],
    ["name = 'a' or name = 'b'", /OR is not supported/],
    ["name IN ('a')", /Invalid comparator 'IN' for name/],
    ['name = 3', /Expected a quoted string/],
    ["name = 'a' name = 'b'", /Expected AND at position 12/],
    ["name = 'a' AND", /Dangling AND/],
    ["metrics.acc = 'x'", /Invalid entity type 'metrics'/],
  ])('refuses %s', (filter, message) => {
    expect(() => parseModelFilter(filter)).toThrow(FilterSyntaxError);
    expect(() => parseModelFilter(filter)).toThrow(message);
  });
});

describe('parseVersionFilter', () => {
  it('reads name, run_id (with IN), source_path, version_number and tags', () => {
    expect(
      parseVersionFilter(
        "name = 'm' and run_id IN ('a1', 'b2') and source_path LIKE 's3://%' and version_number >= 2 and tags.qa = 'ok'",
      ),
    ).toEqual([
      { type: 'attribute', key: 'name', comparator: '=', value: 'm' },
      { type: 'attribute', key: 'run_id', comparator: 'IN', value: ['a1', 'b2'] },
      { type: 'attribute', key: 'source_path', comparator: 'LIKE', value: 's3://%' },
      { type: 'attribute', key: 'version_number', comparator: '>=', value: 2 },
      { type: 'tag', key: 'qa', comparator: '=', value: 'ok' },
    ]);
  });

  it.each([
    ["current_stage = 'Production'", /Invalid attribute key 'current_stage'/],
    ["version_number = '2'", /Expected an integer for version_number/],
    ['version_number = 2.5', /Expected an integer/],
    ["version_number LIKE '2%'", /Invalid comparator 'LIKE' for version_number/],
    ['run_id IN ()', /Expected a quoted string in the IN list/],
    ["run_id IN 'a'", /parenthesised list/],
    ["run_id IN ('a' 'b')", /Expected ',' or '\)'/],
  ])('refuses %s', (filter, message) => {
    expect(() => parseVersionFilter(filter)).toThrow(message);
  });
});

describe('order_by', () => {
  it('reads keys with an optional direction, ascending by default, and MLflow’s `timestamp` synonym', () => {
    expect(parseModelOrderBy(['name DESC', 'timestamp'])).toEqual([
      { key: 'name', ascending: false },
      { key: 'last_updated_timestamp', ascending: true },
    ]);
    expect(parseVersionOrderBy(['version_number asc', 'attributes.creation_timestamp DESC'])).toEqual([
      { key: 'version_number', ascending: true },
      { key: 'creation_timestamp', ascending: false },
    ]);
  });

  it('refuses unknown keys, bad directions and duplicates', () => {
    expect(() => parseModelOrderBy(['version_number'])).toThrow(/Invalid order by key 'version_number' specified/);
    expect(() => parseVersionOrderBy(['name sideways'])).toThrow(/Invalid order by key/);
    expect(() => parseModelOrderBy(['last_updated_timestamp', 'timestamp DESC'])).toThrow(
      /`order_by` contains duplicate fields/,
    );
  });
});
