import { describe, expect, it } from 'vitest';
import { ksTwoSample } from '@/lib/stats/ks';
import { createRng } from '@/scripts/demo/ml/random';
import { buildDriftReport, rankByDrift } from './drift-report';

const rng = createRng(7);
const normal = (mean: number) => mean + Math.sqrt(-2 * Math.log(1 - rng())) * Math.cos(2 * Math.PI * rng());
const rows = (n: number, make: (i: number) => Record<string, unknown>) => Array.from({ length: n }, (_, i) => make(i));

describe('buildDriftReport', () => {
  it('picks the test by kind, distinct values and reference size, and feeds the rows to it as they are', () => {
    const ref = rows(200, (i) => ({ x: normal(0), level: i % 4, flag: i % 2 === 0, city: ['a', 'b', 'c'][i % 3] }));
    const cur = rows(200, (i) => ({ x: normal(1), level: i % 4, flag: i % 3 === 0, city: ['a', 'b', 'c'][i % 3] }));
    const report = buildDriftReport(
      [
        { name: 'x', kind: 'numeric' },
        { name: 'level', kind: 'numeric' },
        { name: 'flag', kind: 'categorical' },
        { name: 'city', kind: 'categorical' },
      ],
      ref,
      cur,
    );
    const by = Object.fromEntries(report.features.map((f) => [f.feature, f]));
    expect(by.x!.test).toBe('ks');
    // the report must hand the test exactly the values it was given
    expect(by.x!.statistic).toBe(
      ksTwoSample(
        ref.map((r) => r.x as number),
        cur.map((r) => r.x as number),
      ).statistic,
    );
    expect(by.x!.drifted).toBe(true);
    expect(by.level!.test).toBe('chi_square'); // four distinct values: tested as categories
    expect(by.level!.drifted).toBe(false);
    expect(by.flag!.test).toBe('z_test');
    expect(by.city!.test).toBe('chi_square');
    expect(by.x!.distribution?.kind).toBe('numeric');
    expect(by.city!.distribution?.bins.map((b) => b.label)).toEqual(['a', 'b', 'c']);
    expect(report.dataset).toMatchObject({ tested_features: 4 });
  });

  it('switches to distances for references over 1000 rows', () => {
    const ref = rows(1500, (i) => ({ x: normal(0), city: ['a', 'b', 'c'][i % 3] }));
    const cur = rows(300, (i) => ({ x: normal(0.5), city: ['a', 'b', 'c'][i % 3] }));
    const report = buildDriftReport(
      [
        { name: 'x', kind: 'numeric' },
        { name: 'city', kind: 'categorical' },
      ],
      ref,
      cur,
    );
    expect(report.features.map((f) => [f.feature, f.test, f.drifted])).toEqual([
      ['x', 'wasserstein_normed', true],
      ['city', 'jensen_shannon', false],
    ]);
    expect(report.dataset).toMatchObject({ dataset_drift: true, drifted_features: 1, tested_features: 2, share: 0.5 });
  });

  it('drops missing values and says "not enough data" under 30 usable rows', () => {
    const ref = rows(100, (i) => ({ x: i < 75 ? null : i }));
    const cur = rows(100, (i) => ({ x: i }));
    const [x] = buildDriftReport([{ name: 'x', kind: 'numeric' }], ref, cur).features;
    expect(x).toMatchObject({
      test: 'not_enough_data',
      drifted: false,
      reference_size: 25,
      current_size: 100,
      psi: null,
    });
    const [absent] = buildDriftReport([{ name: 'gone', kind: 'categorical' }], ref, cur).features;
    expect(absent).toMatchObject({ test: 'not_enough_data', reference_size: 0, current_size: 0, distribution: null });
  });
});

describe('rankByDrift', () => {
  it('puts drifted features first, then the highest PSI', () => {
    const f = (feature: string, drifted: boolean, psi: number | null) => ({ feature, drifted, psi });
    expect(
      rankByDrift([
        f('a', false, 0.3),
        f('b', true, 0.1),
        f('c', true, 0.4),
        f('d', false, null),
        f('e', false, 0.3),
      ]).map((x) => x.feature),
    ).toEqual(['c', 'b', 'a', 'e', 'd']);
  });
});
