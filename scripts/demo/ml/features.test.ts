import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  DEMO_SPLIT,
  FEATURE_SETS,
  buildExamples,
  fitStandardizer,
  oversampleMinority,
  positiveRate,
  standardize,
  timeSplit,
} from './features';
import { accuracy } from './classifier-scores';
import { type WeatherDay, parseWeatherCsv } from './weather';

const day = (date: string, precipitation: number, tempMax = 10, tempMin = 5, wind = 3): WeatherDay => ({
  date,
  precipitation,
  tempMax,
  tempMin,
  wind,
  weather: 'x',
});
const realDays = () =>
  parseWeatherCsv(
    fs.readFileSync(path.join(process.cwd(), 'node_modules/vega-datasets/data/seattle-weather.csv'), 'utf8'),
  );

describe('buildExamples', () => {
  const days = [
    day('2012-01-01', 2, 8, 1, 4),
    day('2012-01-02', 0, 9, 2, 5),
    day('2012-01-03', 1.5, 11, 3, 6),
    day('2012-01-04', 0),
    day('2012-01-05', 0.3),
  ];

  it('labels each day with rain on the next day, starting once two days of history exist', () => {
    const t = buildExamples(days, 'basic');
    expect(t.examples.map((e) => [e.date, e.label])).toEqual([
      ['2012-01-03', 0], // 2012-01-04 was dry
      ['2012-01-04', 1], // 2012-01-05 had 0.3 mm
    ]);
    expect(t.featureNames).toEqual(['precipitation', 'temp_max', 'temp_min', 'wind', 'month']);
    expect(t.examples[0]!.features).toEqual([1.5, 11, 3, 6, 1]);
  });

  it('computes the history features from the day and the two before it', () => {
    const t = buildExamples(days, 'history');
    const f = Object.fromEntries(t.featureNames.map((n, i) => [n, t.examples[0]!.features[i]]));
    expect(f.log_precipitation).toBeCloseTo(Math.log(2.5), 12);
    expect(f.rained_today).toBe(1);
    expect(f.temp_range).toBe(8);
    expect(f.log_precipitation_yesterday).toBe(0);
    expect(f.log_precipitation_3d).toBeCloseTo(Math.log(1 + 2 + 0 + 1.5), 12);
    expect(f.wind_yesterday).toBe(5);
    expect(f.temp_max_change).toBe(2);
    expect(f.temp_min_change).toBe(1);
    // 3 January is day 3 of the year.
    expect(f.doy_sin).toBeCloseTo(Math.sin((2 * Math.PI * 3) / 365.25), 12);
    expect(f.doy_cos).toBeCloseTo(Math.cos((2 * Math.PI * 3) / 365.25), 12);
    expect(t.featureNames).toHaveLength(FEATURE_SETS.history.length);
  });

  it('refuses a gap in the days, which would make "yesterday" and "tomorrow" lie', () => {
    expect(() =>
      buildExamples([day('2012-01-01', 0), day('2012-01-02', 0), day('2012-01-03', 0), day('2012-01-05', 0)], 'basic'),
    ).toThrow(/consecutive/);
  });
});

describe('timeSplit', () => {
  it('puts the boundary day in training and everything after it in validation', () => {
    const rows = ['2013-12-30', '2013-12-31', '2014-01-01', '2014-01-02'].map((date) => ({ date }));
    const { train, valid } = timeSplit(rows, '2013-12-31');
    expect(train.map((r) => r.date)).toEqual(['2013-12-30', '2013-12-31']);
    expect(valid.map((r) => r.date)).toEqual(['2014-01-01', '2014-01-02']);
  });

  it('splits the real data into 2012–2013 and 2014–2015 forecasts', () => {
    const { train, valid } = timeSplit(buildExamples(realDays(), 'basic').examples, DEMO_SPLIT.trainEnd);
    // Forecasts made from 2012-01-03 (two days of history) to 2015-12-30 (the last day with a tomorrow).
    expect([train[0]!.date, train.at(-1)!.date, train.length]).toEqual(['2012-01-03', '2013-12-31', 364 + 365]);
    expect([valid[0]!.date, valid.at(-1)!.date, valid.length]).toEqual(['2014-01-01', '2015-12-30', 365 + 364]);
  });

  it('leaves the persistence forecast ("tomorrow like today") at about 72% on validation, the bar the demo cites', () => {
    const { valid } = timeSplit(buildExamples(realDays(), 'basic').examples, DEMO_SPLIT.trainEnd);
    const persistence = valid.map((e) => (e.features[0]! > 0 ? 1 : 0));
    const acc = accuracy(
      valid.map((e) => e.label),
      persistence,
    );
    expect(acc).toBeGreaterThan(0.715);
    expect(acc).toBeLessThan(0.725);
  });
});

describe('scaling and balancing', () => {
  it('standardizes with the training mean and population std; a constant column keeps std 1', () => {
    const s = fitStandardizer([
      [1, 5],
      [3, 5],
    ]);
    expect(s).toEqual({ mean: [2, 5], std: [1, 1] });
    expect(standardize([[4, 7]], s)).toEqual([[2, 2]]);
  });

  it('oversamples the minority class to parity, reproducibly for a seed', () => {
    const examples = [0, 0, 0, 0, 0, 1, 1].map((label, i) => ({ date: `d${i}`, features: [i], label: label as 0 | 1 }));
    const a = oversampleMinority(examples, 7);
    expect(a).toHaveLength(10);
    expect(positiveRate(a)).toBe(0.5);
    expect(a.slice(0, 7)).toEqual(examples);
    expect(oversampleMinority(examples, 7)).toEqual(a);
    const other = [1, 2, 3, 4, 5].map((s) =>
      oversampleMinority(examples, s)
        .slice(7)
        .map((e) => e.date)
        .join(),
    );
    expect(new Set(other).size).toBeGreaterThan(1);
  });
});
