import { describe, expect, it } from 'vitest';
import type { BoardTask } from './board-data';
import { columnWindow } from './column-window';
import { NO_FILTER } from './filters';

const task = (n: number, over: Partial<BoardTask> = {}): BoardTask => ({
  id: `t${n}`,
  number: n,
  title: `Task ${n}`,
  status: 'todo',
  priority: 2,
  effort: n,
  labels: [],
  sortKey: `a${n}`,
  version: 1,
  sprintId: null,
  assigneeId: null,
  assigneeName: null,
  runs: [],
  ...over,
});

const ids = (cards: BoardTask[]) => cards.map((t) => t.id);
const column = (count: number) => Array.from({ length: count }, (_, i) => task(i + 1));

describe('columnWindow', () => {
  it('draws every card of a short column', () => {
    expect(columnWindow(column(3), NO_FILTER, 50, null)).toEqual({
      cards: column(3),
      filtered: 0,
      more: 0,
      total: 3,
      points: 6,
    });
  });

  it('draws the first cards of a long column and counts the rest, whose effort still adds up', () => {
    const w = columnWindow(column(10), NO_FILTER, 4, null);
    expect(ids(w.cards)).toEqual(['t1', 't2', 't3', 't4']);
    expect(w.more).toBe(6);
    expect(w.filtered).toBe(0);
    expect(w.points).toBe(55);
  });

  it('keeps the dragged card drawn past the window, in its place in the order', () => {
    const w = columnWindow(column(10), NO_FILTER, 3, 't8');
    expect(ids(w.cards)).toEqual(['t1', 't2', 't3', 't8']);
    expect(w.more).toBe(6);
  });

  it('draws the same neighbours whether or not a card inside the window is being dragged', () => {
    expect(columnWindow(column(10), NO_FILTER, 3, 't2').cards).toEqual(
      columnWindow(column(10), NO_FILTER, 3, null).cards,
    );
  });

  it('windows the matching cards only, and draws the dragged card even when it does not match', () => {
    const all = column(10).map((t) => ({ ...t, priority: t.number % 2 === 0 ? 1 : 3 }));
    const w = columnWindow(all, { ...NO_FILTER, priority: 1 }, 2, 't3');
    expect(ids(w.cards)).toEqual(['t2', 't3', 't4']);
    expect(w.filtered).toBe(5);
    expect(w.more).toBe(3);
    expect(w.total).toBe(10);
  });
});
