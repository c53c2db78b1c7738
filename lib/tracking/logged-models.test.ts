import { describe, expect, it } from 'vitest';
import { FilterSyntaxError } from './search-filter';
import { parseLoggedModelFilter, parseLoggedModelOrder, parseLoggedModelStatus, protoStatusOf } from './logged-models';

describe('logged-model statuses', () => {
  it('reads proto names, numbers and Python enum names, and writes proto names', () => {
    expect(parseLoggedModelStatus('LOGGED_MODEL_READY')).toBe('READY');
    expect(parseLoggedModelStatus(3)).toBe('FAILED');
    expect(parseLoggedModelStatus('LOGGED_MODEL_UPLOAD_FAILED')).toBe('FAILED');
    expect(parseLoggedModelStatus('pending')).toBe('PENDING');
    expect(parseLoggedModelStatus('DONE')).toBeNull();
    expect(parseLoggedModelStatus(0)).toBeNull();
    expect(protoStatusOf('FAILED')).toBe('LOGGED_MODEL_UPLOAD_FAILED');
  });
});

describe('parseLoggedModelFilter', () => {
  it('parses attributes, metrics, params and tags joined by AND', () => {
    expect(
      parseLoggedModelFilter(
        "name LIKE 'churn%' AND status = 'READY' AND metrics.auc >= 0.9 AND params.depth = '6' AND tags.`team` != 'x'",
      ),
    ).toEqual([
      { type: 'attribute', key: 'name', comparator: 'LIKE', value: 'churn%' },
      { type: 'attribute', key: 'status', comparator: '=', value: 'READY' },
      { type: 'metric', key: 'auc', comparator: '>=', value: 0.9 },
      { type: 'param', key: 'depth', comparator: '=', value: '6' },
      { type: 'tag', key: 'team', comparator: '!=', value: 'x' },
    ]);
    expect(parseLoggedModelFilter("attributes.model_id IN ('m-1', 'm-2')")).toEqual([
      { type: 'attribute', key: 'model_id', comparator: 'IN', value: ['m-1', 'm-2'] },
    ]);
    expect(parseLoggedModelFilter('creation_time > 5')).toEqual([
      { type: 'attribute', key: 'creation_timestamp', comparator: '>', value: 5 },
    ]);
    expect(parseLoggedModelFilter("status NOT IN ('LOGGED_MODEL_UPLOAD_FAILED', 'pending')")).toEqual([
      { type: 'attribute', key: 'status', comparator: 'NOT IN', value: ['FAILED', 'PENDING'] },
    ]);
    expect(parseLoggedModelFilter('  ')).toEqual([]);
  });

  it('refuses unknown attributes, wrong value types, OR and unknown statuses', () => {
    for (const bad of [
      "colour = 'red'",
      "metrics.auc > 'high'",
      'params.depth = 6',
      "name = 'a' OR name = 'b'",
      "status = 'DONE'",
      "metrics.auc LIKE '1%'",
    ])
      expect(() => parseLoggedModelFilter(bad), bad).toThrow(FilterSyntaxError);
  });
});

describe('parseLoggedModelOrder', () => {
  it('orders by attributes and metrics, ascending by default', () => {
    expect(parseLoggedModelOrder([{ field_name: 'metrics.auc', ascending: false }, { field_name: 'name' }])).toEqual([
      { type: 'metric', key: 'auc', ascending: false },
      { type: 'attribute', key: 'name', ascending: true },
    ]);
    expect(() => parseLoggedModelOrder([{ field_name: 'params.depth' }])).toThrow(FilterSyntaxError);
  });
});
