import { describe, expect, it } from 'vitest';
import { pickRunTab } from './run-tabs';

describe('pickRunTab', () => {
  it('opens a finished or running run on its charts', () => {
    expect(pickRunTab({}, 'FINISHED')).toBe('charts');
    expect(pickRunTab({}, 'RUNNING')).toBe('charts');
  });
  it('opens a failed, killed or scheduled run on its overview', () => {
    expect(pickRunTab({}, 'FAILED')).toBe('overview');
    expect(pickRunTab({}, 'KILLED')).toBe('overview');
    expect(pickRunTab({}, 'SCHEDULED')).toBe('overview');
  });
  it('keeps the tab named in the URL, ignoring unknown ones', () => {
    expect(pickRunTab({ tab: 'data' }, 'FINISHED')).toBe('data');
    expect(pickRunTab({ tab: ['artifacts', 'charts'] }, 'FAILED')).toBe('artifacts');
    expect(pickRunTab({ tab: 'nope' }, 'FINISHED')).toBe('charts');
  });
  it('opens a shared artifact link on the artifacts tab', () => {
    expect(pickRunTab({ artifact: 'model/MLmodel' }, 'FINISHED')).toBe('artifacts');
    expect(pickRunTab({ artifact: 'x', tab: 'overview' }, 'FINISHED')).toBe('overview');
  });
});
