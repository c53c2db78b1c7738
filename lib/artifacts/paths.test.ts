import { describe, expect, it } from 'vitest';
import {
  UnsafeArtifactPath,
  artifactSegments,
  experimentArtifactLocation,
  loggedModelArtifactUri,
  runArtifactUri,
  storePathOfUri,
} from './paths';

describe('artifactSegments', () => {
  it('splits a relative path and takes the root as empty', () => {
    expect(artifactSegments('p/1/run/artifacts/model/MLmodel')).toEqual([
      'p',
      '1',
      'run',
      'artifacts',
      'model',
      'MLmodel',
    ]);
    expect(artifactSegments('')).toEqual([]);
    expect(artifactSegments('a b/100% sure.txt')).toEqual(['a b', '100% sure.txt']);
  });

  it.each([
    ['a parent segment', 'p/../q'],
    ['a dot segment', 'p/./q'],
    ['an absolute path', '/etc/passwd'],
    ['an empty segment', 'p//q'],
    ['a trailing slash', 'p/q/'],
    ['a backslash', 'p/a\\b'],
    ['NUL', 'p/a\u0000b'],
    ['a newline', 'p/a\nb'],
    ['a drive letter', 'C:/x'],
    ['%-encoded dots', 'p/%2E%2E/q'],
    ['doubly %-encoded dots', 'p/%252E%252E/q'],
    ['a %-encoded slash', 'p/a%2Fb'],
    ['a %-encoded backslash', 'p/a%5Cb'],
    ['a %-encoded NUL', 'p/a%00b'],
  ])('refuses %s', (_label, path) => {
    expect(() => artifactSegments(path)).toThrow(UnsafeArtifactPath);
  });

  it('checks each segment of an array, so a decoded "/" inside one is refused', () => {
    expect(() => artifactSegments(['p', 'a/b'])).toThrow(UnsafeArtifactPath);
  });
});

describe('URIs', () => {
  it('builds the locations MLflow clients resolve through the proxy', () => {
    const exp = experimentArtifactLocation('churn', 7);
    expect(exp).toBe('mlflow-artifacts:/churn/7');
    expect(runArtifactUri(exp, 'abc')).toBe('mlflow-artifacts:/churn/7/abc/artifacts');
    expect(loggedModelArtifactUri(exp, 'm-1')).toBe('mlflow-artifacts:/churn/7/models/m-1/artifacts');
  });

  it('reads the store path back from either URI form, and nothing from other schemes or unsafe paths', () => {
    expect(storePathOfUri('mlflow-artifacts:/churn/7/abc/artifacts')).toBe('churn/7/abc/artifacts');
    expect(storePathOfUri('mlflow-artifacts://host:5000/churn/7/')).toBe('churn/7');
    expect(storePathOfUri('s3://bucket/churn/7')).toBeNull();
    expect(storePathOfUri('mlflow-artifacts:/churn/../other')).toBeNull();
  });
});
