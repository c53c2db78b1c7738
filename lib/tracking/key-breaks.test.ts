import { describe, expect, it } from 'vitest';
import { splitAfterSeparators } from './key-breaks';

describe('splitAfterSeparators', () => {
  it('breaks after each separator and keeps every character', () => {
    expect(splitAfterSeparators('val/accuracy_top.5')).toEqual(['val/', 'accuracy_', 'top.', '5']);
    expect(splitAfterSeparators('a--b')).toEqual(['a--', 'b']);
    expect(splitAfterSeparators('mlflow.source.git.commit').join('')).toBe('mlflow.source.git.commit');
  });
  it('leaves a key without separators whole, and an empty one empty', () => {
    expect(splitAfterSeparators('learningrate')).toEqual(['learningrate']);
    expect(splitAfterSeparators('')).toEqual([]);
  });
  it('keeps a leading or trailing separator', () => {
    expect(splitAfterSeparators('/tmp/x/')).toEqual(['/', 'tmp/', 'x/']);
  });
});
