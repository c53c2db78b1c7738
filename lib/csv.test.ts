import { describe, expect, it } from 'vitest';
import { toCsv } from './csv';

describe('toCsv', () => {
  it('quotes commas, quotes and newlines per RFC 4180', () => {
    expect(
      toCsv(
        ['a', 'b'],
        [
          ['x,y', 'say "hi"'],
          ['line\nbreak', null],
        ],
      ),
    ).toBe('a,b\r\n"x,y","say ""hi"""\r\n"line\nbreak",\r\n');
  });
  it('neutralises spreadsheet formulas but keeps negative numbers', () => {
    expect(toCsv(['v'], [['=HYPERLINK("x")'], ['-3.5'], ['@cmd']])).toBe(
      'v\r\n"\'=HYPERLINK(""x"")"\r\n-3.5\r\n\'@cmd\r\n',
    );
  });
  it('writes dates as ISO 8601', () => {
    expect(toCsv(['t'], [[new Date('2026-01-02T03:04:05Z')]])).toBe('t\r\n2026-01-02T03:04:05.000Z\r\n');
  });
});
