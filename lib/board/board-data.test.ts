import { describe, expect, it } from 'vitest';
import { type BoardData, type BoardTask, patchBoardTask } from './board-data';

const task = (id: string, status: BoardTask['status'], sortKey: string, sprintId: string | null = 's1'): BoardTask => ({
  id,
  number: 1,
  title: id,
  status,
  priority: 0,
  effort: 1,
  labels: [],
  sortKey,
  version: 1,
  sprintId,
  assigneeId: null,
  assigneeName: null,
  runs: [],
});

const board = (tasks: BoardTask[]): BoardData => ({
  sprint: { id: 's1', name: 'Sprint 1', goal: '', status: 'active', startDate: '2026-12-01', endDate: '2026-12-14' },
  tasks,
  wipLimits: {},
});

const ids = (data: BoardData) => data.tasks.map((t) => `${t.status}:${t.id}`);

describe('patchBoardTask', () => {
  const a = task('a', 'todo', 'a0');
  const b = task('b', 'todo', 'a1');
  const c = task('c', 'in_progress', 'a0');

  it('moves a card into its new column at its order key and keeps every other card object', () => {
    const moved = { ...a, status: 'in_progress' as const, sortKey: 'Zz', version: 2 };
    const after = patchBoardTask(board([a, b, c]), 'a', moved);
    expect(ids(after)).toEqual(['todo:b', 'in_progress:a', 'in_progress:c']);
    expect(after.tasks.find((t) => t.id === 'b')).toBe(b);
    expect(after.tasks.find((t) => t.id === 'c')).toBe(c);
  });

  it('orders by byte order, as the column is collated "C" (Zz before a0)', () => {
    const after = patchBoardTask(board([a, b]), 'n', task('n', 'todo', 'a0V'));
    expect(ids(after)).toEqual(['todo:a', 'todo:n', 'todo:b']);
  });

  it('drops a card that was deleted or left for another sprint, and adds one that arrived', () => {
    expect(ids(patchBoardTask(board([a, b]), 'a', null))).toEqual(['todo:b']);
    expect(ids(patchBoardTask(board([a, b]), 'a', { ...a, sprintId: 's2' }))).toEqual(['todo:b']);
    expect(ids(patchBoardTask(board([b]), 'a', a))).toEqual(['todo:a', 'todo:b']);
  });
});
