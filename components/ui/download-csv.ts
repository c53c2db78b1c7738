import { toCsv } from '@/lib/csv';

/** Saves rows as a CSV file in the browser. */
export function downloadCsv(filename: string, header: string[], rows: unknown[][]) {
  const url = URL.createObjectURL(new Blob([toCsv(header, rows)], { type: 'text/csv;charset=utf-8' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  a.click();
  URL.revokeObjectURL(url);
}
