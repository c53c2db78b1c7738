import { describe, expect, it } from 'vitest';
import { EditConflictError, mergeEdits, resolveStaleSave } from './edit-merge';

const base = { title: 'Data drift', description: 'old', likelihood: 'Low', labels: ['a'] };

describe('mergeEdits', () => {
  it('keeps fields only the other save changed and applies fields only I changed', () => {
    const theirs = { ...base, description: 'their text' };
    const mine = { ...base, likelihood: 'High' };
    expect(mergeEdits(base, mine, theirs)).toEqual({ changes: { likelihood: 'High' }, conflicts: [] });
  });

  it('reports a field both changed to different values, with both values', () => {
    const theirs = { ...base, title: 'Theirs' };
    const mine = { ...base, title: 'Mine', description: 'new' };
    expect(mergeEdits(base, mine, theirs)).toEqual({
      changes: { description: 'new' },
      conflicts: [{ field: 'title', mine: 'Mine', theirs: 'Theirs' }],
    });
  });

  it('does not count the same change on both sides as a conflict, arrays compared by value', () => {
    const theirs = { ...base, labels: ['a', 'b'] };
    const mine = { ...base, labels: ['a', 'b'] };
    expect(mergeEdits(base, mine, theirs)).toEqual({ changes: {}, conflicts: [] });
  });

  it('without a base every difference from what is stored conflicts', () => {
    const theirs = { ...base, title: 'Theirs' };
    expect(mergeEdits(null, { title: 'Mine', description: 'old' }, theirs).conflicts).toEqual([
      { field: 'title', mine: 'Mine', theirs: 'Theirs' },
    ]);
  });
});

describe('resolveStaleSave', () => {
  it('writes everything when nobody saved meanwhile', () => {
    const mine = { ...base, title: 'Mine' };
    expect(resolveStaleSave('risk', 3, { ...base, version: 3 }, base, mine)).toBe(mine);
  });

  it('throws a conflict naming the field, with the stored version and values', () => {
    const current = { ...base, title: 'Theirs', version: 4 };
    let caught: unknown;
    try {
      resolveStaleSave('risk', 3, current, base, { ...base, title: 'Mine' });
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(EditConflictError);
    const err = caught as EditConflictError;
    expect(err.field).toBe('title');
    expect(err.message).toContain('(title)');
    expect(err.conflict.version).toBe(4);
    expect(err.conflict.fields).toEqual([{ field: 'title', mine: 'Mine', theirs: 'Theirs' }]);
  });
});
