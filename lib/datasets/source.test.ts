import { describe, expect, it } from 'vitest';
import { describeDatasetSource } from './source';

describe('describeDatasetSource', () => {
  it('reads an MLflow HTTP source as its URL', () => {
    expect(describeDatasetSource('http', '{"url": "https://example.com/weather.csv"}')).toBe(
      'http: URL https://example.com/weather.csv',
    );
  });
  it('names the keys of a code source and flattens nested values, with no JSON left', () => {
    const text = describeDatasetSource(
      'code',
      JSON.stringify({
        derived_from: 'weather@ab12',
        code: 'features.ts',
        feature_set: ['lags', 'rolling'],
        extra: { n_rows: 3 },
      }),
    );
    expect(text).toBe('code: derived from weather@ab12; code features.ts; feature set lags, rolling; extra n rows 3');
    expect(text).not.toMatch(/[{}"]/);
  });
  it('keeps plain text and text that only looks like JSON, and copes with no source', () => {
    expect(describeDatasetSource('', 's3://bucket/customers.csv')).toBe('s3://bucket/customers.csv');
    expect(describeDatasetSource('local', '{not json')).toBe('local: {not json');
    expect(describeDatasetSource('delta', '')).toBe('delta');
    expect(describeDatasetSource('', '"quoted"')).toBe('quoted');
  });
});
