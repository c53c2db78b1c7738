/** RFC 4180 CSV; cells that a spreadsheet would run as formulas are prefixed with a quote. */
export function toCsv(header: string[], rows: unknown[][]): string {
  return [header, ...rows].map(csvLine).join('');
}

// OWASP's trigger characters, NUL (ASVS 1.2.10), LF, and the full-width forms some spreadsheets fold to ASCII.
const FORMULA_START = /^[=+\-@\t\r\n\0\uFF1D\uFF0B\uFF0D\uFF20]/;
// A whole cell that is a plain decimal number is read as a number, never as a formula, so metrics such as
// -1.5 or -2e-3 stay numeric. Anything else after the sign (`-1+1+cmd|…`, `-0+HYPERLINK(…)`) is prefixed.
const PLAIN_NUMBER = /^-?\d+(\.\d+)?([eE][-+]?\d+)?$/;

/** The text a spreadsheet shows as-is: formula-like cells get a leading `'`. */
function neutraliseFormula(s: string): string {
  return FORMULA_START.test(s) && !PLAIN_NUMBER.test(s) ? `'${s}` : s;
}

/** One CSV record with its CRLF, for writers that stream rows a chunk at a time. */
export function csvLine(row: unknown[]): string {
  const cell = (value: unknown): string => {
    const s = neutraliseFormula(
      value == null
        ? ''
        : value instanceof Date
          ? value.toISOString()
          : typeof value === 'object'
            ? JSON.stringify(value)
            : String(value),
    );
    return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  return row.map(cell).join(',') + '\r\n';
}
