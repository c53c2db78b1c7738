import { describe, expect, it } from 'vitest';
import type { FeatureKind } from '@/lib/stats/drift';
import { CsvReferenceError, referenceRowsFromCsv } from './reference-csv';

const none = new Map<string, FeatureKind>();

describe('referenceRowsFromCsv', () => {
  it('turns columns into features, keeps prediction and actual apart, and skips id and timestamp', () => {
    const { rows, newFeatures } = referenceRowsFromCsv(
      [
        ['id', 'timestamp', 'temp', 'weather', 'prediction', 'actual'],
        ['1', '2013-01-01', '5.5', 'rain', 'rain', 'dry'],
        ['2', '2013-01-02', '', 'sun', '0.7', ''],
        ['', '', '', '', '', ''],
      ],
      none,
    );
    expect(Object.fromEntries(newFeatures)).toEqual({ temp: 'numeric', weather: 'categorical' });
    expect(rows).toHaveLength(2);
    expect(rows[0]).toMatchObject({ features: { temp: 5.5, weather: 'rain' }, prediction: 'rain', actual: 'dry' });
    expect(rows[1]).toMatchObject({ features: { temp: null, weather: 'sun' }, prediction: 0.7, actual: null });
  });

  it('keeps a known feature’s kind and names the bad cell', () => {
    const known = new Map<string, FeatureKind>([
      ['temp', 'numeric'],
      ['zip', 'categorical'],
    ]);
    const ok = referenceRowsFromCsv(
      [
        ['temp', 'zip'],
        ['1', '98101'],
      ],
      known,
    );
    expect(ok.newFeatures.size).toBe(0);
    expect(ok.rows[0]!.features).toEqual({ temp: 1, zip: '98101' });
    expect(() => referenceRowsFromCsv([['temp'], ['1'], ['warm']], known)).toThrow(
      'Row 3, column temp: expected a number (temp is a numeric feature of this model), got "warm".',
    );
  });

  it('refuses files without data or features', () => {
    expect(() => referenceRowsFromCsv([['a']], none)).toThrow(CsvReferenceError);
    expect(() =>
      referenceRowsFromCsv(
        [
          ['prediction', 'actual'],
          ['1', '1'],
        ],
        none,
      ),
    ).toThrow('No feature columns');
    expect(() =>
      referenceRowsFromCsv(
        [
          ['a', 'a'],
          ['1', '2'],
        ],
        none,
      ),
    ).toThrow('Column "a" appears twice.');
  });
});
