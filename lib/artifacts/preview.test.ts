import { describe, expect, it } from 'vitest';
import { formatBytes } from '@/lib/format';
import { parseDelimited, previewKindOf, rawArtifactHeaders } from './preview';

describe('previewKindOf', () => {
  it.each([
    ['plots/roc.PNG', 'image'],
    ['a.webp', 'image'],
    ['logo.svg', 'text'],
    ['model/MLmodel', 'yaml'],
    ['conda.yaml', 'yaml'],
    ['metrics.json', 'json'],
    ['data.csv', 'csv'],
    ['data.tsv', 'tsv'],
    ['README.md', 'markdown'],
    ['train.log', 'text'],
    ['LICENSE', 'text'],
    ['model.pkl', 'other'],
  ])('%s → %s', (path, kind) => expect(previewKindOf(path)).toBe(kind));
});

describe('rawArtifactHeaders', () => {
  it('shows only raster images inline; SVG and HTML download as plain bytes or text', () => {
    expect(rawArtifactHeaders('a/plot.png', { download: false })['content-disposition']).toMatch(/^inline;/);
    expect(rawArtifactHeaders('a/plot.png', { download: true })['content-disposition']).toMatch(/^attachment;/);
    for (const name of ['x.svg', 'x.html', 'x.htm', 'x.xhtml', 'x.pkl']) {
      const h = rawArtifactHeaders(name, { download: false });
      expect(h['content-disposition']).toMatch(/^attachment;/);
      expect(h['content-type']).not.toMatch(/svg|html/);
      expect(h['content-security-policy']).toBe("sandbox; default-src 'none'");
      expect(h['x-content-type-options']).toBe('nosniff');
    }
  });

  it('keeps quotes and non-ASCII out of the plain filename', () => {
    expect(rawArtifactHeaders('ré"sumé.txt', { download: true })['content-disposition']).toBe(
      `attachment; filename="r__sum_.txt"; filename*=UTF-8''r%C3%A9%22sum%C3%A9.txt`,
    );
  });
});

describe('parseDelimited', () => {
  it('reads quoted CSV and drops the cut-off last line of a truncated file', () => {
    expect(parseDelimited('a,b\n"x, y",2\n3,4', ',', true, 10)).toEqual([
      ['a', 'b'],
      ['x, y', '2'],
    ]);
    expect(parseDelimited('a\tb\n1\t2\n', '\t', false, 10)).toEqual([
      ['a', 'b'],
      ['1', '2'],
    ]);
    expect(parseDelimited('a\n1\n2\n3\n', ',', false, 2)).toEqual([['a'], ['1']]);
  });
});

describe('formatBytes', () => {
  it.each([
    [0, '0 B'],
    [1023, '1023 B'],
    [1536, '1.5 KB'],
    [5 * 1024 * 1024, '5.0 MB'],
    [3 * 2 ** 30, '3.0 GB'],
  ])('%d → %s', (n, s) => expect(formatBytes(n)).toBe(s));
});
