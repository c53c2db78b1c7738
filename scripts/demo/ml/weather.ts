// Seattle daily weather 2012–2015 as published in vega-datasets (data/seattle-weather.csv; source NOAA NCDC,
// per its datapackage.json): date, precipitation (mm), temp_max and temp_min (°C), wind (documented as km/h),
// and a categorical weather field that vega-datasets synthesized from several NOAA fields.

export type WeatherDay = {
  date: string;
  precipitation: number;
  tempMax: number;
  tempMin: number;
  wind: number;
  weather: string;
};

export const WEATHER_COLUMNS = ['date', 'precipitation', 'temp_max', 'temp_min', 'wind', 'weather'] as const;
const NUMERIC = new Set<string>(['precipitation', 'temp_max', 'temp_min', 'wind']);

export class WeatherCsvError extends Error {
  constructor(
    message: string,
    readonly line: number,
  ) {
    super(`line ${line}: ${message}`);
    this.name = 'WeatherCsvError';
  }
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

function parseNumber(cell: string, column: string, line: number): number {
  // Number('') is 0: an empty cell would silently become a dry, freezing, windless day.
  if (cell.trim() === '') throw new WeatherCsvError(`${column} is empty`, line);
  const value = Number(cell);
  if (!Number.isFinite(value)) throw new WeatherCsvError(`${column} is not a number: "${cell}"`, line);
  return value;
}

/** Parses the file strictly: the exact header, six cells a row, ISO dates strictly increasing (the model relies on day order). */
export function parseWeatherCsv(text: string): WeatherDay[] {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  const header = (lines[0] ?? '').split(',').map((h) => h.trim());
  if (header.join(',') !== WEATHER_COLUMNS.join(',')) {
    throw new WeatherCsvError(`expected the header ${WEATHER_COLUMNS.join(',')}, got "${lines[0] ?? ''}"`, 1);
  }
  const days: WeatherDay[] = [];
  for (let i = 1; i < lines.length; i++) {
    const raw = lines[i]!;
    if (raw.trim() === '') continue;
    const line = i + 1;
    const cells = raw.split(',');
    if (cells.length !== WEATHER_COLUMNS.length)
      throw new WeatherCsvError(`expected ${WEATHER_COLUMNS.length} cells, got ${cells.length}`, line);
    const [date, precipitation, tempMax, tempMin, wind, weather] = cells.map((c) => c.trim()) as [
      string,
      string,
      string,
      string,
      string,
      string,
    ];
    if (!ISO_DATE.test(date) || Number.isNaN(Date.parse(`${date}T00:00:00Z`)))
      throw new WeatherCsvError(`not a date: "${date}"`, line);
    const previous = days.at(-1);
    if (previous && previous.date >= date) throw new WeatherCsvError(`${date} does not follow ${previous.date}`, line);
    days.push({
      date,
      precipitation: parseNumber(precipitation, 'precipitation', line),
      tempMax: parseNumber(tempMax, 'temp_max', line),
      tempMin: parseNumber(tempMin, 'temp_min', line),
      wind: parseNumber(wind, 'wind', line),
      weather,
    });
  }
  return days;
}

/** MLflow's dataset schema JSON (the colspec that mlflow.data writes for a pandas frame). */
export function weatherSchemaJson(): string {
  return JSON.stringify({
    mlflow_colspec: WEATHER_COLUMNS.map((name) => ({
      type: NUMERIC.has(name) ? 'double' : 'string',
      name,
      required: true,
    })),
  });
}

/** Row count (MLflow's num_rows / num_elements), the covered dates and the label's base rate, for the dataset profile. */
export function weatherProfile(days: WeatherDay[]) {
  const wet = days.filter((d) => d.precipitation > 0).length;
  return {
    num_rows: days.length,
    num_elements: days.length * WEATHER_COLUMNS.length,
    first_date: days[0]?.date ?? null,
    last_date: days.at(-1)?.date ?? null,
    wet_day_rate: days.length ? Number((wet / days.length).toFixed(4)) : null,
  };
}
