import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { WeatherCsvError, parseWeatherCsv, weatherProfile, weatherSchemaJson } from './weather';

const HEADER = 'date,precipitation,temp_max,temp_min,wind,weather';
const realCsv = () =>
  fs.readFileSync(path.join(process.cwd(), 'node_modules/vega-datasets/data/seattle-weather.csv'), 'utf8');

describe('parseWeatherCsv', () => {
  it('reads the vega-datasets file: four years of consecutive days', () => {
    const days = parseWeatherCsv(realCsv());
    expect(days).toHaveLength(1461); // 2012 (leap) + 2013 + 2014 + 2015
    expect(days[0]).toEqual({
      date: '2012-01-01',
      precipitation: 0,
      tempMax: 12.8,
      tempMin: 5,
      wind: 4.7,
      weather: 'drizzle',
    });
    expect(days[1]).toEqual({
      date: '2012-01-02',
      precipitation: 10.9,
      tempMax: 10.6,
      tempMin: 2.8,
      wind: 4.5,
      weather: 'rain',
    });
    expect(days.at(-1)?.date).toBe('2015-12-31');
  });

  it('accepts CRLF line ends, a byte-order mark and a trailing blank line', () => {
    const days = parseWeatherCsv(`\uFEFF${HEADER}\r\n2012-01-01,1.5,10,2,3,rain\r\n\r\n`);
    expect(days).toEqual([
      { date: '2012-01-01', precipitation: 1.5, tempMax: 10, tempMin: 2, wind: 3, weather: 'rain' },
    ]);
  });

  it('refuses a different header', () => {
    expect(() => parseWeatherCsv('date,precip,temp_max,temp_min,wind,weather\n')).toThrow(
      /line 1: expected the header/,
    );
  });

  it('names the line of an empty or non-numeric cell instead of reading it as 0', () => {
    expect(() => parseWeatherCsv(`${HEADER}\n2012-01-01,0,10,2,3,sun\n2012-01-02,,10,2,3,sun\n`)).toThrow(
      /line 3: precipitation is empty/,
    );
    expect(() => parseWeatherCsv(`${HEADER}\n2012-01-01,0,warm,2,3,sun\n`)).toThrow(/line 2: temp_max is not a number/);
  });

  it('refuses rows out of order, repeated dates, bad dates and short rows', () => {
    const row = (d: string) => `${d},0,10,2,3,sun`;
    expect(() => parseWeatherCsv([HEADER, row('2012-01-02'), row('2012-01-01')].join('\n'))).toThrow(
      /line 3: 2012-01-01 does not follow 2012-01-02/,
    );
    expect(() => parseWeatherCsv([HEADER, row('2012-01-02'), row('2012-01-02')].join('\n'))).toThrow(WeatherCsvError);
    expect(() => parseWeatherCsv([HEADER, row('2012-13-45')].join('\n'))).toThrow(/not a date/);
    expect(() => parseWeatherCsv([HEADER, '2012-01-01,0,10,2,3'].join('\n'))).toThrow(/expected 6 cells, got 5/);
  });
});

describe('dataset summary', () => {
  it('describes the columns as MLflow colspec', () => {
    expect(JSON.parse(weatherSchemaJson()).mlflow_colspec).toEqual([
      { type: 'string', name: 'date', required: true },
      { type: 'double', name: 'precipitation', required: true },
      { type: 'double', name: 'temp_max', required: true },
      { type: 'double', name: 'temp_min', required: true },
      { type: 'double', name: 'wind', required: true },
      { type: 'string', name: 'weather', required: true },
    ]);
  });

  it('profiles rows, dates and the wet-day rate', () => {
    const days = parseWeatherCsv(
      `${HEADER}\n2012-01-01,0,10,2,3,sun\n2012-01-02,4,10,2,3,rain\n2012-01-03,0.3,10,2,3,drizzle\n2012-01-04,0,10,2,3,sun\n`,
    );
    expect(weatherProfile(days)).toEqual({
      num_rows: 4,
      num_elements: 24,
      first_date: '2012-01-01',
      last_date: '2012-01-04',
      wet_day_rate: 0.5,
    });
  });
});
