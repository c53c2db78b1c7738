import { describe, expect, it } from 'vitest';
import { closestKey, completeIdentifier, findUnknownKeys, keyIdentifier, wordAt } from './key-suggestions';
import { parseSearchFilter } from './search-filter';

const keys = { params: ['max_depth', 'learning_rate', 'my key'], metrics: ['val_accuracy', 'acc'], tags: ['team'] };

describe('closestKey', () => {
  it('finds a misspelt key, another case, or a prefix; nothing for an unrelated word', () => {
    expect(closestKey('max_dept', keys.params)).toBe('max_depth');
    expect(closestKey('Learning_Rate', keys.params)).toBe('learning_rate');
    expect(closestKey('val', keys.metrics)).toBe('val_accuracy');
    expect(closestKey('zebra', keys.metrics)).toBeNull();
  });
});

describe('findUnknownKeys', () => {
  it('names each unknown key with its suggestion, in the identifier form the filter takes', () => {
    const clauses = parseSearchFilter(
      "params.max_dept > 5 and metrics.acc > 0.5 and params.`my kye` = 'x' and tags.tem = 'x' and params.gone IS NULL",
      { numericParams: true },
    );
    expect(findUnknownKeys(clauses, keys)).toEqual([
      { written: 'params.max_dept', suggestion: 'params.max_depth' },
      { written: 'params.`my kye`', suggestion: 'params.`my key`' },
      { written: 'tags.tem', suggestion: 'tags.team' },
    ]);
  });
});

describe('autocomplete', () => {
  it('reads the identifier before the caret, but not inside a quoted value', () => {
    expect(wordAt('metrics.acc > 0.5 and params.ma', 31)).toEqual({ start: 22, word: 'params.ma' });
    expect(wordAt("params.lr = 'ab", 15)).toEqual({ start: 15, word: '' });
  });

  it('offers keys of the typed entity, prefix matches first, quoting keys that need it', () => {
    expect(completeIdentifier('params.', keys)).toEqual([
      'params.max_depth',
      'params.learning_rate',
      'params.`my key`',
    ]);
    expect(completeIdentifier('metrics.acc', keys)).toEqual([]);
    expect(completeIdentifier('metrics.ac', keys)).toEqual(['metrics.acc', 'metrics.val_accuracy']);
    expect(completeIdentifier('tea', keys)).toEqual(['tags.team']);
    expect(completeIdentifier('and', keys)).toEqual([]);
    expect(keyIdentifier('param', 'a b')).toBe('params.`a b`');
  });
});
