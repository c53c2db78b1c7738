import { chiSquareSf } from './distributions';

export type ChiSquareResult = { statistic: number; df: number; p_value: number };

const isCount = (v: number) => Number.isFinite(v) && v >= 0;

/**
 * Pearson χ² test of homogeneity / independence on an r×c table of counts (rows = samples, e.g.
 * reference and current; columns = categories). Expected counts are row total × column total / N.
 *
 * No Yates continuity correction, even for 2×2: SciPy's chi2_contingency and R's chisq.test apply
 * it only when df = 1, and our drift path never reaches df = 1 (two categories go to the
 * two-proportion z-test, whose square this statistic would equal). Columns (categories) that are
 * empty in every row are dropped first — they carry no information and would divide by zero.
 */
export function chiSquareHomogeneity(table: readonly (readonly number[])[]): ChiSquareResult {
  if (table.length < 2) throw new RangeError('A homogeneity test needs at least two rows.');
  const width = table[0]!.length;
  if (table.some((row) => row.length !== width || !row.every(isCount))) {
    throw new RangeError('Every row needs the same number of non-negative counts.');
  }
  const keep = Array.from({ length: width }, (_, c) => c).filter((c) => table.some((row) => row[c]! > 0));
  const rows = table.map((row) => keep.map((c) => row[c]!)).filter((row) => row.some((v) => v > 0));
  const cols = keep.length;
  if (rows.length < 2 || cols < 2) return { statistic: 0, df: 0, p_value: 1 };
  const rowTotals = rows.map((row) => row.reduce((s, v) => s + v, 0));
  const colTotals = Array.from({ length: cols }, (_, c) => rows.reduce((s, row) => s + row[c]!, 0));
  const total = rowTotals.reduce((s, v) => s + v, 0);
  let statistic = 0;
  rows.forEach((row, r) =>
    row.forEach((observed, c) => {
      const expected = (rowTotals[r]! * colTotals[c]!) / total;
      statistic += (observed - expected) ** 2 / expected;
    }),
  );
  const df = (rows.length - 1) * (cols - 1);
  return { statistic, df, p_value: chiSquareSf(statistic, df) };
}

/**
 * Pearson χ² goodness-of-fit of observed counts against expected proportions (rescaled to sum to 1,
 * like R's `rescale.p = TRUE`), df = k − 1. Used for sample-ratio mismatch: counts of assigned units
 * against the configured traffic weights. Every proportion must be positive.
 */
export function chiSquareGoodnessOfFit(observed: readonly number[], proportions: readonly number[]): ChiSquareResult {
  if (observed.length < 2 || observed.length !== proportions.length) {
    throw new RangeError('Need at least two categories and one proportion per category.');
  }
  if (!observed.every(isCount)) throw new RangeError('Observed counts must be non-negative.');
  if (!proportions.every((p) => Number.isFinite(p) && p > 0)) throw new RangeError('Proportions must be positive.');
  const total = observed.reduce((s, v) => s + v, 0);
  const weight = proportions.reduce((s, v) => s + v, 0);
  const df = observed.length - 1;
  if (total === 0) return { statistic: 0, df, p_value: 1 };
  let statistic = 0;
  observed.forEach((o, i) => {
    const expected = (total * proportions[i]!) / weight;
    statistic += (o - expected) ** 2 / expected;
  });
  return { statistic, df, p_value: chiSquareSf(statistic, df) };
}
