import { createRng, randomInt } from './random';
import type { WeatherDay } from './weather';

// The question: will it rain tomorrow? An example is one day t; its features may use days t-2..t (what a
// forecaster knows that evening) and its label is whether day t+1 had measurable precipitation (> 0 mm).

export type Example = { date: string; features: number[]; label: 0 | 1 };
export type ExampleTable = { featureSet: FeatureSetName; featureNames: string[]; examples: Example[] };

export const FEATURE_SETS = {
  /** Today's raw readings and the month as a plain number (December and January look far apart). */
  basic: ['precipitation', 'temp_max', 'temp_min', 'wind', 'month'],
  /** The season as a point on a circle (day of year as sin/cos) and the day's temperature range. */
  seasonal: ['precipitation', 'temp_max', 'temp_min', 'wind', 'temp_range', 'doy_sin', 'doy_cos'],
  /** Seasonal, plus precipitation on a log scale (it is heavily skewed) and the two previous days. */
  history: [
    'log_precipitation',
    'rained_today',
    'temp_max',
    'temp_min',
    'wind',
    'temp_range',
    'doy_sin',
    'doy_cos',
    'log_precipitation_yesterday',
    'log_precipitation_3d',
    'wind_yesterday',
    'temp_max_change',
    'temp_min_change',
  ],
} as const;
export type FeatureSetName = keyof typeof FEATURE_SETS;
export const FEATURE_SET_NAMES = Object.keys(FEATURE_SETS) as FeatureSetName[];

/** Days of history every feature set may read; every set starts at the same day so their metrics compare. */
export const HISTORY_DAYS = 2;

function dayOfYear(date: string): number {
  const t = Date.parse(`${date}T00:00:00Z`);
  const start = Date.parse(`${date.slice(0, 4)}-01-01T00:00:00Z`);
  return Math.round((t - start) / 86_400_000) + 1;
}

function featureValue(name: string, days: WeatherDay[], t: number): number {
  const today = days[t]!;
  const yesterday = days[t - 1]!;
  const doyAngle = (2 * Math.PI * dayOfYear(today.date)) / 365.25;
  switch (name) {
    case 'precipitation':
      return today.precipitation;
    case 'log_precipitation':
      return Math.log1p(today.precipitation);
    case 'rained_today':
      return today.precipitation > 0 ? 1 : 0;
    case 'temp_max':
      return today.tempMax;
    case 'temp_min':
      return today.tempMin;
    case 'wind':
      return today.wind;
    case 'month':
      return Number(today.date.slice(5, 7));
    case 'temp_range':
      return today.tempMax - today.tempMin;
    case 'doy_sin':
      return Math.sin(doyAngle);
    case 'doy_cos':
      return Math.cos(doyAngle);
    case 'log_precipitation_yesterday':
      return Math.log1p(yesterday.precipitation);
    case 'log_precipitation_3d':
      return Math.log1p(today.precipitation + yesterday.precipitation + days[t - 2]!.precipitation);
    case 'wind_yesterday':
      return yesterday.wind;
    case 'temp_max_change':
      return today.tempMax - yesterday.tempMax;
    case 'temp_min_change':
      return today.tempMin - yesterday.tempMin;
    default:
      throw new Error(`Unknown feature ${name}`);
  }
}

/** One example per day that has HISTORY_DAYS days before it and a next day to label it; days must be consecutive. */
export function buildExamples(days: WeatherDay[], featureSet: FeatureSetName): ExampleTable {
  const featureNames = [...FEATURE_SETS[featureSet]];
  const examples: Example[] = [];
  for (let t = HISTORY_DAYS; t < days.length - 1; t++) {
    const gap = Date.parse(`${days[t + 1]!.date}T00:00:00Z`) - Date.parse(`${days[t]!.date}T00:00:00Z`);
    if (gap !== 86_400_000)
      throw new Error(`Days must be consecutive: ${days[t]!.date} is followed by ${days[t + 1]!.date}.`);
    examples.push({
      date: days[t]!.date,
      features: featureNames.map((name) => featureValue(name, days, t)),
      label: days[t + 1]!.precipitation > 0 ? 1 : 0,
    });
  }
  return { featureSet, featureNames, examples };
}

/** The demo's time-ordered split: learn on 2012–2013, validate on everything after (the days monitoring replays). */
export const DEMO_SPLIT = { trainEnd: '2013-12-31' } as const;

/**
 * Time-ordered split, never shuffled: rows dated up to and including trainEnd train, later rows validate,
 * so no day from the validation period informs the model. Works on any rows with an ISO `date`.
 */
export function timeSplit<T extends { date: string }>(rows: T[], trainEnd: string): { train: T[]; valid: T[] } {
  const train: T[] = [];
  const valid: T[] = [];
  for (const row of rows) (row.date <= trainEnd ? train : valid).push(row);
  return { train, valid };
}

export type Standardizer = { mean: number[]; std: number[] };

/** Column means and population standard deviations, fitted on training rows only (constant columns keep std 1). */
export function fitStandardizer(rows: number[][]): Standardizer {
  const width = rows[0]?.length ?? 0;
  const mean = new Array<number>(width).fill(0);
  const std = new Array<number>(width).fill(0);
  for (const r of rows) r.forEach((v, j) => (mean[j]! += v / rows.length));
  for (const r of rows) r.forEach((v, j) => (std[j]! += (v - mean[j]!) ** 2 / rows.length));
  return { mean, std: std.map((v) => Math.sqrt(v) || 1) };
}

export function standardize(rows: number[][], s: Standardizer): number[][] {
  return rows.map((r) => r.map((v, j) => (v - s.mean[j]!) / s.std[j]!));
}

/** Balances the classes by resampling the minority class with replacement (seeded) until both are equally frequent. */
export function oversampleMinority(examples: Example[], seed: number): Example[] {
  const positives = examples.filter((e) => e.label === 1);
  const negatives = examples.filter((e) => e.label === 0);
  const [minority, majority] = positives.length < negatives.length ? [positives, negatives] : [negatives, positives];
  if (minority.length === 0) return [...examples];
  const rng = createRng(seed);
  const extra = Array.from(
    { length: majority.length - minority.length },
    () => minority[randomInt(rng, minority.length)]!,
  );
  return [...examples, ...extra];
}

export const positiveRate = (examples: { label: number }[]) =>
  examples.length ? examples.filter((e) => e.label === 1).length / examples.length : 0;
