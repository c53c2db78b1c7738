import { describe, expect, it } from 'vitest';
import { groupClause, narrowFilter } from './run-groups';
import { parseGroup } from './runs-view';
import { parseSearchFilter } from './search-filter';

describe('run groups', () => {
  it('groups by params and tags only', () => {
    expect(parseGroup('params.model')).toEqual({ type: 'param', key: 'model' });
    expect(parseGroup('tags.team')).toEqual({ type: 'tag', key: 'team' });
    expect(parseGroup('metrics.acc')).toBeNull();
    expect(parseGroup('attributes.status')).toBeNull();
    expect(parseGroup('')).toBeNull();
    expect(parseGroup(null)).toBeNull();
  });

  it('writes a clause the filter grammar reads back to the same key and value', () => {
    const cases: [ReturnType<typeof parseGroup>, string | null][] = [
      [{ type: 'param', key: 'model' }, 'random-forest'],
      [{ type: 'param', key: 'learning rate' }, "it's"],
      [{ type: 'tag', key: 'mlflow.source.type' }, 'LOCAL'],
      [{ type: 'param', key: 'depth' }, '6'],
      [{ type: 'tag', key: 'team' }, null],
    ];
    for (const [group, value] of cases) {
      const clause = groupClause(group!, value)!;
      const [parsed] = parseSearchFilter(clause, { numericParams: true });
      expect(parsed).toMatchObject({
        type: group!.type,
        key: group!.key,
        comparator: value === null ? 'IS NULL' : '=',
        ...(value === null ? {} : { value }),
      });
    }
  });

  it('gives up on a value holding both kinds of quote rather than writing a wrong clause', () => {
    expect(groupClause({ type: 'param', key: 'x' }, `a'b"c`)).toBeNull();
    expect(groupClause({ type: 'param', key: 'a`b"c' }, 'v')).toBeNull();
  });

  it('adds the clause to an existing filter', () => {
    expect(narrowFilter('', "params.model = 'rf'")).toBe("params.model = 'rf'");
    expect(narrowFilter(' metrics.acc > 0.9 ', "params.model = 'rf'")).toBe(
      "metrics.acc > 0.9 and params.model = 'rf'",
    );
  });
});
