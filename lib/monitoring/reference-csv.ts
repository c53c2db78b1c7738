import type { FeatureKind } from '@/lib/stats/drift';
import { MAX_FEATURES, type Scalar, sampleKeyOf } from './ingest';

// An uploaded reference CSV as monitoring rows: every column a feature, except `prediction` and `actual`
// (they give the performance baseline) and `id` / `timestamp` (identifiers, not inputs).

export const MAX_REFERENCE_ROWS = 200_000;
const SPECIAL = new Set(['prediction', 'actual', 'id', 'timestamp']);

export type ReferenceRow = {
  features: Record<string, Scalar | null>;
  prediction: Scalar | null;
  actual: Scalar | null;
  sampleKey: number;
};

export class CsvReferenceError extends Error {}

const isNumber = (cell: string) => cell.trim() !== '' && Number.isFinite(Number(cell));
const label = (cell: string): Scalar | null => (cell.trim() === '' ? null : isNumber(cell) ? Number(cell) : cell);

export function referenceRowsFromCsv(
  table: string[][],
  known: ReadonlyMap<string, FeatureKind>,
): { rows: ReferenceRow[]; newFeatures: Map<string, FeatureKind> } {
  const [header, ...body] = table;
  const data = body.filter((r) => r.some((c) => c.trim() !== ''));
  if (!header || header.length === 0 || data.length === 0)
    throw new CsvReferenceError('The CSV needs a header row and at least one data row.');
  if (data.length > MAX_REFERENCE_ROWS)
    throw new CsvReferenceError(`A reference holds at most ${MAX_REFERENCE_ROWS} rows; this file has ${data.length}.`);
  const names = header.map((h) => h.trim());
  const dup = names.find((n, i) => names.indexOf(n) !== i);
  if (dup !== undefined) throw new CsvReferenceError(`Column "${dup}" appears twice.`);
  const featureCols = names
    .map((n, i) => ({ name: n, i }))
    .filter((c) => c.name !== '' && !SPECIAL.has(c.name.toLowerCase()));
  if (featureCols.length === 0)
    throw new CsvReferenceError('No feature columns: every column is prediction, actual, id or timestamp.');
  if (featureCols.length > MAX_FEATURES) throw new CsvReferenceError(`At most ${MAX_FEATURES} feature columns.`);
  const newFeatures = new Map<string, FeatureKind>();
  const kinds = featureCols.map(({ name, i }) => {
    const kind =
      known.get(name) ?? (data.every((r) => (r[i] ?? '').trim() === '' || isNumber(r[i]!)) ? 'numeric' : 'categorical');
    if (!known.has(name)) newFeatures.set(name, kind);
    return kind;
  });
  const col = (name: string) => names.findIndex((n) => n.toLowerCase() === name);
  const [p, a] = [col('prediction'), col('actual')];
  const rows = data.map((r, rowIndex): ReferenceRow => {
    const features: ReferenceRow['features'] = {};
    featureCols.forEach(({ name, i }, k) => {
      const cell = r[i] ?? '';
      if (cell.trim() === '') features[name] = null;
      else if (kinds[k] === 'numeric') {
        if (!isNumber(cell))
          throw new CsvReferenceError(
            `Row ${rowIndex + 2}, column ${name}: expected a number (${name} is a numeric feature of this model), got "${cell}".`,
          );
        features[name] = Number(cell);
      } else features[name] = cell;
    });
    return {
      features,
      prediction: p >= 0 ? label(r[p] ?? '') : null,
      actual: a >= 0 ? label(r[a] ?? '') : null,
      sampleKey: sampleKeyOf(`reference-row-${rowIndex}`),
    };
  });
  return { rows, newFeatures };
}
