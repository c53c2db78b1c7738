// Parsing and profiling an uploaded CSV: column types and shape, for a dataset version's schema summary.

export type ColumnType = 'integer' | 'number' | 'boolean' | 'date' | 'string' | 'empty';
export type ColumnProfile = { name: string; type: ColumnType; missing: number; distinct: number };
export type DatasetProfile = { rows: number; columns: ColumnProfile[] };

/** RFC 4180 CSV: quoted fields with doubled quotes, CRLF or LF line ends; a trailing newline adds no row. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else field += c;
    } else if (c === '"' && field === '') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += c;
  }
  if (quoted) throw new Error('Unterminated quoted field in CSV.');
  if (field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

function typeOf(value: string): Exclude<ColumnType, 'empty'> {
  if (/^[-+]?\d+$/.test(value)) return 'integer';
  if (/^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(value)) return 'number';
  if (/^(true|false)$/i.test(value)) return 'boolean';
  if (/^\d{4}-\d{2}-\d{2}([T ][\d:.]+Z?)?$/.test(value) && !Number.isNaN(Date.parse(value))) return 'date';
  return 'string';
}

const WIDER: Record<string, ColumnType> = { 'integer+number': 'number', 'number+integer': 'number' };

/** The header row names the columns; each column's type is the narrowest that fits every non-empty value. */
export function profileCsv(rows: string[][]): DatasetProfile {
  const [header, ...body] = rows;
  if (!header || header.length === 0) throw new Error('The CSV has no header row.');
  const columns = header.map((name, c) => {
    let type: ColumnType = 'empty';
    let missing = 0;
    const distinct = new Set<string>();
    for (const r of body) {
      const v = (r[c] ?? '').trim();
      if (v === '' || /^(na|nan|null)$/i.test(v)) {
        missing++;
        continue;
      }
      distinct.add(v);
      const t = typeOf(v);
      if (type === 'empty') type = t;
      else if (type !== t) type = WIDER[`${type}+${t}`] ?? 'string';
    }
    return { name: name.trim() || `column_${c + 1}`, type, missing, distinct: distinct.size };
  });
  return { rows: body.length, columns };
}
