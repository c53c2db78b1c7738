import { describe, expect, it } from 'vitest';
import {
  applyMove,
  compareKeys,
  keyBetween,
  keyForMove,
  keysAfter,
  keysBefore,
  placementIn,
  prioritise,
  rankAnchor,
  restoreOrder,
  sortByKey,
} from './ordering';

const col = (...keys: string[]) => keys.map((sortKey, i) => ({ id: `t${i + 1}`, sortKey }));

describe('order keys', () => {
  it('match the fractional-indexing README examples', () => {
    // Reference values from the library's README (rocicorp/fractional-indexing).
    expect(keyBetween(null, null)).toBe('a0');
    expect(keyBetween('a0', null)).toBe('a1');
    expect(keyBetween(null, 'a0')).toBe('Zz');
    expect(keyBetween('a0', 'a1')).toBe('a0V');
    expect(keyBetween('a0', 'a0V')).toBe('a0G');
  });

  it('compare byte-wise like COLLATE "C", unlike a locale-aware sort', () => {
    const keys = ['a0', 'Zz', 'b00', 'a0V'];
    expect([...keys].sort(compareKeys)).toEqual(['Zz', 'a0', 'a0V', 'b00']);
    // A natural-language collation puts "Zz" last, which is why the column is declared COLLATE "C".
    expect([...keys].sort((a, b) => a.localeCompare(b, 'en'))).toEqual(['a0', 'a0V', 'b00', 'Zz']);
  });

  it('refuse neighbours given out of order or equal instead of silently swapping them', () => {
    expect(() => keyBetween('a1', 'a0')).toThrow(/increasing/);
    expect(() => keyBetween('a1', 'a1')).toThrow(/increasing/);
  });

  it('keep finding room between two neighbours without renumbering anyone', () => {
    let lower = 'a0';
    const upper = 'a1';
    for (let i = 0; i < 200; i++) {
      const k = keyBetween(lower, upper);
      expect(compareKeys(lower, k)).toBe(-1);
      expect(compareKeys(k, upper)).toBe(-1);
      lower = k;
    }
    // 200 successive midpoints towards one neighbour grow the key slowly (the library is base 62).
    expect(lower.length).toBeLessThan(60);
  });

  it('make runs of keys after the last one and before the first one', () => {
    expect(keysAfter(null, 3)).toEqual(['a0', 'a1', 'a2']);
    expect(keysAfter('a2', 2)).toEqual(['a3', 'a4']);
    const before = keysBefore('a0', 3);
    expect(before).toEqual([...before].sort(compareKeys));
    expect(before.every((k) => compareKeys(k, 'a0') < 0)).toBe(true);
  });
});

describe('placing a moved card', () => {
  const column = col('a0', 'a1', 'a2');

  it('lands right after the anchor it was dropped below, before the current next card', () => {
    expect(placementIn(column, { afterId: 't1', beforeId: 't2' })).toEqual({
      lower: 'a0',
      upper: 'a1',
      placed: 'after',
    });
    expect(placementIn(column, { afterId: 't3' })).toEqual({ lower: 'a2', upper: null, placed: 'after' });
  });

  it('uses the card below when it was dropped at the top', () => {
    expect(placementIn(column, { beforeId: 't1' })).toEqual({ lower: null, upper: 'a0', placed: 'before' });
  });

  it('goes to the end of the column when no anchor is left in it (empty column, or the anchor moved away)', () => {
    expect(placementIn([], {})).toEqual({ lower: null, upper: null, placed: 'end' });
    expect(placementIn(column, { afterId: 'gone', beforeId: 'also-gone' })).toEqual({
      lower: 'a2',
      upper: null,
      placed: 'end',
    });
    expect(placementIn(column, { afterId: 'gone', beforeId: 't2' })).toEqual({
      lower: 'a0',
      upper: 'a1',
      placed: 'before',
    });
  });

  it('gives two drops into the same gap distinct keys, in the order they were applied', () => {
    // Both people saw t1 then t2 and dropped their card between them; the server applies one, then the other.
    const first = keyForMove(column, { afterId: 't1', beforeId: 't2' });
    const afterFirst = sortByKey([...column, { id: 'x', sortKey: first }]);
    const second = keyForMove(afterFirst, { afterId: 't1', beforeId: 't2' });
    expect(second).not.toBe(first);
    const final = sortByKey([...afterFirst, { id: 'y', sortKey: second }]).map((t) => t.id);
    expect(final).toEqual(['t1', 'y', 'x', 't2', 't3']);
  });

  it('moves a card between local columns the way the server will', () => {
    const board = { todo: col('a0', 'a1'), doing: [{ id: 'd1', sortKey: 'a0' }] };
    const moved = applyMove(board, 't2', 'doing', { beforeId: 'd1' }, (t, _c, sortKey) => ({ ...t, sortKey }));
    expect(moved.todo.map((t) => t.id)).toEqual(['t1']);
    expect(moved.doing.map((t) => t.id)).toEqual(['t2', 'd1']);
    expect(moved.doing[0]!.sortKey).toBe('Zz');
    // The input is left untouched, so a failed request can roll back to it.
    expect(board.todo.map((t) => t.id)).toEqual(['t1', 't2']);
  });
});

describe('prioritise', () => {
  it('orders by priority (1 = most urgent), then LOWER effort first — what the seed comment says, not its code', () => {
    const tasks = [
      { id: 'algo', title: 'Try new algorithm', priority: 3, effort: 5, sortKey: 'a0' },
      { id: 'big-data', title: 'Collect more training data', priority: 1, effort: 8, sortKey: 'a1' },
      { id: 'features', title: 'Improve feature engineering', priority: 2, effort: 3, sortKey: 'a2' },
      { id: 'labels', title: 'Fix noisy labels', priority: 1, effort: 2, sortKey: 'a3' },
    ];
    expect(prioritise(tasks).map((t) => t.id)).toEqual(['labels', 'big-data', 'features', 'algo']);
    // The seed's key, (priority, -effort), would put the 8-point task ahead of the 2-point one.
    const seedOrder = [...tasks].sort((a, b) => a.priority - b.priority || -a.effort - -b.effort).map((t) => t.id);
    expect(seedOrder.slice(0, 2)).toEqual(['big-data', 'labels']);
  });

  it('keeps the current order among equal priority and effort', () => {
    const tasks = [
      { id: 'b', priority: 2, effort: 3, sortKey: 'a1' },
      { id: 'a', priority: 2, effort: 3, sortKey: 'a0' },
    ];
    expect(prioritise(tasks).map((t) => t.id)).toEqual(['a', 'b']);
  });
});

describe('restoreOrder (undo of a reorder)', () => {
  it('puts the named items back in their earlier order, in the slots they hold now', () => {
    const now = [{ id: 'c' }, { id: 'new' }, { id: 'a' }, { id: 'b' }].map((t, i) => ({ ...t, sortKey: `a${i}` }));
    expect(restoreOrder(now, ['a', 'b', 'c']).map((t) => t.id)).toEqual(['a', 'new', 'b', 'c']);
  });

  it('ignores ids that have left the column and leaves an unchanged order alone', () => {
    const now = col('a0', 'a1', 'a2');
    expect(restoreOrder(now, ['gone', 't1', 't2', 't3']).map((t) => t.id)).toEqual(['t1', 't2', 't3']);
    expect(restoreOrder(now, []).map((t) => t.id)).toEqual(['t1', 't2', 't3']);
  });
});

describe('rankAnchor (a backlog row dropped among others)', () => {
  const rows = [
    { id: 'b1', status: 'backlog' },
    { id: 'b2', status: 'backlog' },
    { id: 't1', status: 'todo' },
    { id: 't2', status: 'todo' },
  ];
  it('lands after the row above in its column, or before the row below at the top of it', () => {
    expect(rankAnchor(rows, 'b2')).toEqual({ afterId: 'b1' });
    expect(rankAnchor(rows, 'b1')).toEqual({ beforeId: 'b2' });
    expect(rankAnchor(rows, 't1')).toEqual({ beforeId: 't2' });
  });
  it('refuses a drop between two rows of another column', () => {
    const dropped = [rows[0]!, { id: 't9', status: 'todo' }, rows[1]!];
    expect(rankAnchor(dropped, 't9')).toBeNull();
    expect(rankAnchor(rows, 'missing')).toBeNull();
  });
});
