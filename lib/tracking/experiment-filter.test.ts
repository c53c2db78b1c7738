import { describe, expect, it } from 'vitest';
import { parseExperimentFilter, parseExperimentOrderBy } from './experiment-filter';
import { FilterSyntaxError } from './search-filter';

describe('parseExperimentFilter', () => {
  it("parses service.proto's documented example and quoted tag keys", () => {
    expect(parseExperimentFilter("name LIKE 'test-%' AND tags.key = 'value'")).toEqual([
      { type: 'attribute', key: 'name', comparator: 'LIKE', value: 'test-%' },
      { type: 'tag', key: 'key', comparator: '=', value: 'value' },
    ]);
    expect(parseExperimentFilter('tags."extra-key" = \'value\' and tags.`extra key` != "v"')).toEqual([
      { type: 'tag', key: 'extra-key', comparator: '=', value: 'value' },
      { type: 'tag', key: 'extra key', comparator: '!=', value: 'v' },
    ]);
  });
  it('takes numbers for the time attributes', () => {
    expect(
      parseExperimentFilter('creation_time > 1700000000000 and attribute.last_update_time <= 1800000000000'),
    ).toEqual([
      { type: 'attribute', key: 'creation_time', comparator: '>', value: 1700000000000 },
      { type: 'attribute', key: 'last_update_time', comparator: '<=', value: 1800000000000 },
    ]);
  });
  it('is empty for a blank filter', () => {
    expect(parseExperimentFilter(' ')).toEqual([]);
    expect(parseExperimentFilter(undefined)).toEqual([]);
  });
  it.each([
    ["name = 'a' OR name = 'b'", /OR is not supported/],
    ['metrics.acc > 1', /Invalid entity type 'metrics'/],
    ["lifecycle_stage = 'active'", /Invalid attribute key 'lifecycle_stage'/],
    ["name > 'a'", /Invalid comparator '>'/],
    ['creation_time LIKE 5', /Invalid comparator 'LIKE'/],
    ["creation_time = '5'", /Expected an integer/],
    ['creation_time > 1.5', /Expected an integer/],
    ['name = 5', /Expected a quoted string/],
    ["name = 'a' tags.x = 'b'", /Expected AND/],
    ["name = 'a'; DROP TABLE experiments", /Unexpected character ';'/],
  ])('refuses %j', (filter, message) => {
    expect(() => parseExperimentFilter(filter)).toThrow(FilterSyntaxError);
    expect(() => parseExperimentFilter(filter)).toThrow(message);
  });
  it('keeps quotes and SQL inside values as data', () => {
    expect(parseExperimentFilter(`name = "x' OR '1'='1"`)).toEqual([
      { type: 'attribute', key: 'name', comparator: '=', value: "x' OR '1'='1" },
    ]);
  });
});

describe('parseExperimentOrderBy', () => {
  it('reads keys and directions, ascending by default', () => {
    expect(
      parseExperimentOrderBy(['name', 'experiment_id DESC', 'attribute.creation_time asc', 'last_update_time desc']),
    ).toEqual([
      { key: 'name', ascending: true },
      { key: 'experiment_id', ascending: false },
      { key: 'creation_time', ascending: true },
      { key: 'last_update_time', ascending: false },
    ]);
  });
  it.each(['tags.x', 'name sideways', 'metrics.acc DESC', 'name; drop table experiments'])('refuses %j', (entry) => {
    expect(() => parseExperimentOrderBy([entry])).toThrow(/Invalid order_by clause/);
  });
});
