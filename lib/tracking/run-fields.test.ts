import { describe, expect, it } from 'vitest';
import { generateRunName, runFieldsFromTags, tagsFromRunFields } from './run-fields';

describe('runFieldsFromTags', () => {
  it('maps the well-known tags onto run fields', () => {
    expect(
      runFieldsFromTags([
        { key: 'mlflow.runName', value: 'baseline' },
        { key: 'runboard.approach', value: 'data-centric' },
        { key: 'runboard.seed', value: '42' },
        { key: 'runboard.config', value: '{"lr":0.1}' },
        { key: 'mlflow.source.git.commit', value: 'abc123' },
        { key: 'other', value: 'ignored' },
      ]),
    ).toEqual({ name: 'baseline', approach: 'data-centric', seed: 42, config: { lr: 0.1 }, codeVersion: 'abc123' });
  });
  it.each([
    ['runboard.approach', 'vibes', /must be one of data-centric, model-centric, hybrid/],
    ['runboard.seed', '4.2', /must be an integer/],
    ['runboard.config', '[1,2]', /must be a JSON object/],
    ['runboard.config', '{oops', /must be a JSON object/],
  ])('refuses a malformed %s', (key, value, message) => {
    expect(() => runFieldsFromTags([{ key, value }])).toThrow(message);
  });
});

describe('tagsFromRunFields', () => {
  it('round-trips through runFieldsFromTags', () => {
    const fields = { approach: 'hybrid' as const, seed: 7, config: { lr: 0.1 }, codeVersion: 'abc' };
    const tags = tagsFromRunFields(fields) as { key: string; value: string }[];
    expect(runFieldsFromTags(tags)).toEqual(fields);
  });
  it('marks cleared fields for removal', () => {
    expect(tagsFromRunFields({ seed: null })).toEqual([{ key: 'runboard.seed', value: null }]);
  });
});

describe('generateRunName', () => {
  it('makes adjective-noun-number names', () => {
    expect(generateRunName(() => 0)).toBe('amber-otter-0');
    expect(generateRunName()).toMatch(/^[a-z]+-[a-z]+-\d{1,3}$/);
  });
});
