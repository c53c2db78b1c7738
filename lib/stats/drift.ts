import { chiSquareHomogeneity } from './chi2';
import { jensenShannonDistance, wassersteinNormed } from './distances';
import { ksTwoSample } from './ks';
import { twoProportionZTest } from './proportions';
import { type CategoryValue, type PsiBand, categoryCounts, psiCategorical, psiNumeric } from './psi';

/**
 * Per-feature drift, Evidently's default test selection (PRODUCT.md "Statistics"):
 * - reference ≤ 1000 rows: numeric with > 5 distinct values → two-sample KS, drift if p ≤ 0.05;
 *   otherwise χ² homogeneity (> 2 categories) or two-proportion z (≤ 2), drift if p < 0.05.
 *   (The ≤/< asymmetry is Evidently's: its KS test compares `p_value <= threshold`.)
 * - reference > 1000 rows: p-values become significant for trivial differences at that size, so
 *   effect sizes are used instead: numeric → Wasserstein ÷ reference std, else Jensen–Shannon
 *   distance (natural log); drift if ≥ 0.1.
 * - "Distinct values" counts both windows together, as Evidently does, so a numeric feature with a
 *   handful of levels (a rating, a flag stored as 0/1) is tested as categorical.
 * - PSI is computed for every tested feature; fewer than 30 usable rows in either window → no test.
 * Missing values (null, undefined, NaN, and non-numbers for numeric features) are dropped first.
 */

export type FeatureKind = 'numeric' | 'categorical';
export type DriftTestName =
  'ks' | 'chi_square' | 'z_test' | 'wasserstein_normed' | 'jensen_shannon' | 'not_enough_data';
export type DriftValue = CategoryValue | null | undefined;

export type FeatureDrift = {
  feature: string;
  test: DriftTestName;
  /** KS D, χ², z, normed Wasserstein or JS distance; null when there was not enough data. */
  statistic: number | null;
  /** Present for the hypothesis tests (KS, χ², z) only. */
  p_value?: number;
  /** The cut-off `drifted` compares against: a p-value level or a distance. */
  threshold: number | null;
  psi: number | null;
  psi_band: PsiBand | null;
  drifted: boolean;
  reference_size: number;
  current_size: number;
};

export type DatasetDrift = {
  dataset_drift: boolean;
  /** Share of tested features that drifted (0 when none could be tested). */
  share: number;
  drifted_features: number;
  tested_features: number;
};

export const MIN_WINDOW_ROWS = 30;
export const SMALL_REFERENCE_MAX_ROWS = 1000;
export const P_VALUE_THRESHOLD = 0.05;
export const DISTANCE_THRESHOLD = 0.1;
export const DATASET_DRIFT_SHARE = 0.5;
/** Numeric features with at most this many distinct values are tested as categorical. */
export const MAX_CATEGORICAL_LEVELS_FOR_NUMERIC = 5;

const toNumbers = (values: readonly DriftValue[]) =>
  values.filter((v): v is number => typeof v === 'number' && Number.isFinite(v));
const toCategories = (values: readonly DriftValue[]) =>
  values.filter(
    (v): v is CategoryValue => v !== null && v !== undefined && !(typeof v === 'number' && Number.isNaN(v)),
  );

/** Which test a feature gets, given the reference size, its kind and distinct values in both windows. */
export function selectDriftTest(referenceSize: number, kind: FeatureKind, distinctValues: number): DriftTestName {
  const continuous = kind === 'numeric' && distinctValues > MAX_CATEGORICAL_LEVELS_FOR_NUMERIC;
  if (referenceSize <= SMALL_REFERENCE_MAX_ROWS) {
    if (continuous) return 'ks';
    return distinctValues > 2 ? 'chi_square' : 'z_test';
  }
  return continuous ? 'wasserstein_normed' : 'jensen_shannon';
}

function notEnoughData(feature: string, reference_size: number, current_size: number): FeatureDrift {
  return {
    feature,
    test: 'not_enough_data',
    statistic: null,
    threshold: null,
    psi: null,
    psi_band: null,
    drifted: false,
    reference_size,
    current_size,
  };
}

type TestOutcome = Pick<FeatureDrift, 'statistic' | 'p_value' | 'threshold' | 'drifted'>;

function runContinuousTest(test: DriftTestName, reference: number[], current: number[]): TestOutcome {
  if (test === 'ks') {
    const res = ksTwoSample(reference, current);
    return {
      statistic: res.statistic,
      p_value: res.p_value,
      threshold: P_VALUE_THRESHOLD,
      drifted: res.p_value <= P_VALUE_THRESHOLD,
    };
  }
  const statistic = wassersteinNormed(reference, current);
  return { statistic, threshold: DISTANCE_THRESHOLD, drifted: statistic >= DISTANCE_THRESHOLD };
}

function runCategoricalTest(test: DriftTestName, reference: CategoryValue[], current: CategoryValue[]): TestOutcome {
  const counts = categoryCounts(reference, current);
  if (test === 'jensen_shannon') {
    const statistic = jensenShannonDistance(counts.reference, counts.current);
    return { statistic, threshold: DISTANCE_THRESHOLD, drifted: statistic >= DISTANCE_THRESHOLD };
  }
  if (test === 'chi_square') {
    const res = chiSquareHomogeneity([counts.reference, counts.current]);
    return {
      statistic: res.statistic,
      p_value: res.p_value,
      threshold: P_VALUE_THRESHOLD,
      drifted: res.p_value < P_VALUE_THRESHOLD,
    };
  }
  // z-test: share of the first category (sorted), reference vs current
  const res = twoProportionZTest(counts.reference[0]!, reference.length, counts.current[0]!, current.length);
  return {
    statistic: res.z,
    p_value: res.p_value,
    threshold: P_VALUE_THRESHOLD,
    drifted: res.p_value < P_VALUE_THRESHOLD,
  };
}

/**
 * Drift of one feature, current window against the reference window. Never throws for sparse or
 * odd data: too few usable rows gives test 'not_enough_data' and drifted = false.
 */
export function detectFeatureDrift(
  reference: readonly DriftValue[],
  current: readonly DriftValue[],
  kind: FeatureKind,
  feature = '',
): FeatureDrift {
  const refNumbers = toNumbers(reference);
  const curNumbers = toNumbers(current);
  const ref = kind === 'numeric' ? refNumbers : toCategories(reference);
  const cur = kind === 'numeric' ? curNumbers : toCategories(current);
  if (ref.length < MIN_WINDOW_ROWS || cur.length < MIN_WINDOW_ROWS)
    return notEnoughData(feature, ref.length, cur.length);
  const distinct = new Set([...ref, ...cur].map((v) => String(v))).size;
  const test = selectDriftTest(ref.length, kind, distinct);
  const sizes = { reference_size: ref.length, current_size: cur.length };
  if (test === 'ks' || test === 'wasserstein_normed') {
    const psi = psiNumeric(refNumbers, curNumbers);
    return {
      feature,
      test,
      ...runContinuousTest(test, refNumbers, curNumbers),
      psi: psi.psi,
      psi_band: psi.band,
      ...sizes,
    };
  }
  const psi = psiCategorical(ref, cur);
  return { feature, test, ...runCategoricalTest(test, ref, cur), psi: psi.psi, psi_band: psi.band, ...sizes };
}

/** Dataset drift: at least half of the features that could be tested drifted (Evidently's default share). */
export function detectDatasetDrift(features: readonly FeatureDrift[]): DatasetDrift {
  const tested = features.filter((f) => f.test !== 'not_enough_data');
  const drifted = tested.filter((f) => f.drifted).length;
  const share = tested.length > 0 ? drifted / tested.length : 0;
  return {
    dataset_drift: tested.length > 0 && share >= DATASET_DRIFT_SHARE,
    share,
    drifted_features: drifted,
    tested_features: tested.length,
  };
}
