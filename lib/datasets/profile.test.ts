import { describe, expect, it } from 'vitest';
import { parseCsv, profileCsv } from './profile';

describe('parseCsv', () => {
  it('handles quotes, doubled quotes, embedded commas and newlines, CRLF', () => {
    expect(parseCsv('a,b\r\n"x, y","say ""hi"""\n"multi\nline",2\n')).toEqual([
      ['a', 'b'],
      ['x, y', 'say "hi"'],
      ['multi\nline', '2'],
    ]);
  });
  it('rejects an unterminated quote', () => {
    expect(() => parseCsv('a\n"oops')).toThrow(/Unterminated/);
  });
});

describe('profileCsv', () => {
  it('infers the narrowest type per column and counts missing and distinct values', () => {
    const profile = profileCsv(
      parseCsv(
        'date,temp,rain,weather,flag\n2012-01-01,12.8,0,drizzle,true\n2012-01-02,10.6,10.9,rain,false\n2012-01-03,,1,rain,TRUE\n',
      ),
    );
    expect(profile.rows).toBe(3);
    expect(profile.columns).toEqual([
      { name: 'date', type: 'date', missing: 0, distinct: 3 },
      { name: 'temp', type: 'number', missing: 1, distinct: 2 },
      { name: 'rain', type: 'number', missing: 0, distinct: 3 },
      { name: 'weather', type: 'string', missing: 0, distinct: 2 },
      { name: 'flag', type: 'boolean', missing: 0, distinct: 3 },
    ]);
  });
});
