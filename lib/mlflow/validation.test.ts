import { describe, expect, it } from 'vitest';
import {
  BAD_CHARACTERS_MESSAGE,
  batchLimitProblem,
  codePointLength,
  keyProblem,
  lengthProblem,
  posixNormpath,
} from './validation';

describe('posixNormpath', () => {
  // CPython's Lib/test/test_posixpath.py normpath cases.
  it.each([
    ['', '.'],
    ['/', '/'],
    ['//', '//'],
    ['///', '/'],
    ['///foo/.//bar//', '/foo/bar'],
    ['///foo/.//bar//.//..//.//baz///', '/foo/baz'],
    ['///..//./foo/.//bar', '/foo/bar'],
    ['.', '.'],
    ['.//.', '.'],
    ['./foo/bar', 'foo/bar'],
    ['..', '..'],
    ['../', '..'],
    ['../foo', '../foo'],
    ['../../foo', '../../foo'],
    ['../foo/../bar', '../bar'],
    ['../../foo/../bar/./baz/boom/..', '../../bar/baz'],
    ['/..', '/'],
    ['/../', '/'],
    ['//.', '//'],
    ['//..', '//'],
    ['//...', '//...'],
    ['//../foo', '//foo'],
    ['/../foo/../bar', '/bar'],
    ['foo/../bar/baz', 'bar/baz'],
    ['foo/../../bar/baz', '../bar/baz'],
    ['foo///../bar/.//../baz', 'baz'],
    ['foo/bar/../..///../../baz', '../../baz'],
  ])('normpath(%j) = %j', (input, expected) => {
    expect(posixNormpath(input)).toBe(expected);
  });
});

describe('keyProblem', () => {
  // MLflow's tests/utils/test_validation.py GOOD_/BAD_METRIC_OR_PARAM_NAMES (non-Windows: colons allowed).
  it.each([
    'a',
    'Ab-5_',
    'a/b/c',
    'a.b.c',
    '.a',
    'b.',
    'a..a/._./o_O/.e.',
    'a b/c d',
    'aa:bb:cc',
    'précision',
    'mlflow.source.git.commit',
  ])('accepts %j', (name) => {
    for (const kind of ['metric', 'parameter', 'tag'] as const) expect(keyProblem(kind, name)).toBeNull();
  });

  it.each(['', '.', '/', '..', '//', 'a//b', 'a/./b', '/a', 'a/', '\\', './', '/./'])('refuses %j', (name) => {
    expect(keyProblem('metric', name)).toMatch(/^Invalid metric name: /);
  });

  it('names the character rule, and the path a key would alias', () => {
    expect(keyProblem('parameter', 'acc(val)')).toBe(`Invalid parameter name: 'acc(val)'. ${BAD_CHARACTERS_MESSAGE}`);
    expect(keyProblem('tag', 'a/b/../c')).toMatch(/This name would resolve to 'a\/c'$/);
    expect(keyProblem('tag', "x' OR '1'='1")).toMatch(/Names may only contain/);
  });

  it('limits keys to 250 characters (code points, as Python counts)', () => {
    expect(keyProblem('metric', 'k'.repeat(250))).toBeNull();
    expect(keyProblem('metric', 'k'.repeat(251))).toBe(
      `Metric name '${'k'.repeat(250)}' had length 251, which exceeded length limit of 250`,
    );
    expect(keyProblem('parameter', 'é'.repeat(250))).toBeNull();
  });
});

describe('lengthProblem and codePointLength', () => {
  it('counts astral characters once', () => {
    expect(codePointLength('😀😀')).toBe(2);
    expect(lengthProblem('Tag value', 2, '😀😀')).toBeNull();
    expect(lengthProblem('Tag value', 1, '😀😀')).toBe(
      "Tag value '😀😀' had length 2, which exceeded length limit of 1",
    );
  });
  it('accepts values at the limit and refuses one more', () => {
    expect(lengthProblem('Param value', 6000, 'v'.repeat(6000))).toBeNull();
    expect(lengthProblem('Param value', 6000, 'v'.repeat(6001))).toMatch(
      /^Param value 'v{250}' had length 6001, which exceeded length limit of 6000$/,
    );
  });
});

describe('batchLimitProblem', () => {
  it('uses MLflow’s wording', () => {
    expect(batchLimitProblem('metrics', 1000, 1000)).toBeNull();
    expect(batchLimitProblem('metrics', 1000, 1001)).toBe(
      'A batch logging request can contain at most 1000 metrics. Got 1001 metrics. Please split up metrics across multiple requests and try again.',
    );
  });
});
