import { describe, expect, it } from 'vitest';
import type { BoardTask } from './board-data';
import { boardFilterOptions, isFiltered, matchesBoardFilter, parseBoardFilter } from './filters';

const task = (over: Partial<BoardTask>): BoardTask => ({
  id: 't',
  number: 1,
  title: 'Task',
  status: 'todo',
  priority: 2,
  effort: 1,
  labels: [],
  sortKey: 'a0',
  version: 1,
  sprintId: null,
  assigneeId: null,
  assigneeName: null,
  runs: [],
  ...over,
});

describe('board filters', () => {
  it('read from the URL, ignoring a priority outside 1–4', () => {
    expect(parseBoardFilter({ assignee: 'u1', label: ['data', 'x'], priority: '3' })).toEqual({
      assignee: 'u1',
      label: 'data',
      priority: 3,
    });
    const none = parseBoardFilter({ priority: '9', label: ' ' });
    expect(none).toEqual({ assignee: null, label: null, priority: null });
    expect(isFiltered(none)).toBe(false);
  });

  it('keep a card only when it matches every filter given', () => {
    const ada = task({ assigneeId: 'u1', labels: ['Data'], priority: 1 });
    const nobody = task({ priority: 1 });
    const f = parseBoardFilter({ assignee: 'u1', label: 'data', priority: '1' });
    expect(matchesBoardFilter(ada, f)).toBe(true);
    expect(matchesBoardFilter(nobody, f)).toBe(false);
    expect(matchesBoardFilter(nobody, parseBoardFilter({ assignee: 'none' }))).toBe(true);
    expect(matchesBoardFilter(ada, parseBoardFilter({ priority: '2' }))).toBe(false);
  });

  it('offer the assignees and labels on the cards', () => {
    const opts = boardFilterOptions([
      task({ assigneeId: 'u2', assigneeName: 'Zoe', labels: ['ui', 'data'] }),
      task({ assigneeId: 'u1', assigneeName: 'Ada', labels: ['data'] }),
    ]);
    expect(opts.assignees).toEqual([
      { id: 'u1', name: 'Ada' },
      { id: 'u2', name: 'Zoe' },
    ]);
    expect(opts.labels).toEqual(['data', 'ui']);
  });
});
