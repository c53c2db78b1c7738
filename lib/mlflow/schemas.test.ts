import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { describeZodError } from '../validation';
import {
  createRunRequest,
  getHistoryBulkIntervalRequest,
  logBatchRequest,
  logMetricRequest,
  runIdRequest,
  searchRunsRequest,
  updateRunRequest,
} from './schemas';

/** The message defineRoute would answer with, or the parsed value. */
function parse<S extends z.ZodType>(
  schema: S,
  input: unknown,
): { ok: true; data: z.output<S> } | { ok: false; message: string } {
  const r = schema.safeParse(input);
  return r.success ? { ok: true, data: r.data } : { ok: false, message: describeZodError(r.error).message };
}
const ok = <S extends z.ZodType>(schema: S, input: unknown) => {
  const r = parse(schema, input);
  if (!r.ok) throw new Error(r.message);
  return r.data;
};
const fail = (schema: z.ZodType, input: unknown) => {
  const r = parse(schema, input);
  if (r.ok) throw new Error(`accepted ${JSON.stringify(input)}`);
  return r.message;
};

describe('run ids', () => {
  it('accepts run_uuid in place of run_id, and run_id wins when both are sent', () => {
    expect(ok(runIdRequest, { run_uuid: 'abc' }).run_id).toBe('abc');
    expect(ok(runIdRequest, { run_id: 'new', run_uuid: 'old' }).run_id).toBe('new');
    expect(ok(runIdRequest, { run_id: null, run_uuid: 'old' }).run_id).toBe('old');
  });
  it('names run_id when neither is sent', () => {
    expect(fail(runIdRequest, {})).toBe("Invalid value for 'run_id': Missing value for required parameter.");
    expect(fail(runIdRequest, { run_id: '' })).toMatch(/^Invalid value for 'run_id'/);
  });
  it('decodes a double-encoded body, as MLflow does for old clients', () => {
    expect(ok(runIdRequest, JSON.stringify({ run_id: 'abc' })).run_id).toBe('abc');
  });
  it('drops unknown fields', () => {
    expect(ok(runIdRequest, { run_id: 'a', surprise: { deep: true } })).toEqual({ run_id: 'a' });
  });
});

describe('proto JSON scalars', () => {
  it('reads int64 from numbers or digit strings (Java clients send strings)', () => {
    expect(ok(createRunRequest, { start_time: '1700000000000' }).start_time).toBe(1700000000000);
    expect(ok(createRunRequest, { start_time: 1700000000000 }).start_time).toBe(1700000000000);
    expect(fail(createRunRequest, { start_time: 1.5 })).toMatch(/^Invalid value for 'start_time': expected an integer/);
    expect(fail(createRunRequest, { start_time: '1e3' })).toMatch(/expected an integer/);
    expect(fail(createRunRequest, { start_time: 2 ** 64 })).toMatch(/expected an integer/);
  });
  it('reads doubles, including the proto JSON strings for NaN and infinities', () => {
    const value = (v: unknown) => ok(logMetricRequest, { run_id: 'r', key: 'k', value: v, timestamp: 1 }).value;
    expect(value(0.5)).toBe(0.5);
    expect(value('0.5')).toBe(0.5);
    expect(value('NaN')).toBeNaN();
    expect(value('Infinity')).toBe(Infinity);
    expect(value('-Infinity')).toBe(-Infinity);
    expect(fail(logMetricRequest, { run_id: 'r', key: 'k', value: true, timestamp: 1 })).toMatch(
      /^Invalid value for 'value': expected a double/,
    );
    expect(fail(logMetricRequest, { run_id: 'r', key: 'k', value: 'high', timestamp: 1 })).toMatch(/expected a double/);
    expect(fail(logMetricRequest, { run_id: 'r', key: 'k', timestamp: 1 })).toBe(
      "Invalid value for 'value': Missing value for required parameter.",
    );
  });
  it('defaults step to 0 and refuses negative timestamps', () => {
    expect(ok(logMetricRequest, { run_id: 'r', key: 'k', value: 1, timestamp: 5 }).step).toBe(0);
    expect(ok(logMetricRequest, { run_id: 'r', key: 'k', value: 1, timestamp: 5, step: -3 }).step).toBe(-3);
    expect(fail(logMetricRequest, { run_id: 'r', key: 'k', value: 1, timestamp: -1 })).toMatch(
      /^Invalid value for 'timestamp': must be at least 0/,
    );
  });
  it('reads enums by name or number', () => {
    expect(ok(updateRunRequest, { run_id: 'r', status: 'KILLED' }).status).toBe('KILLED');
    expect(ok(updateRunRequest, { run_id: 'r', status: 3 }).status).toBe('FINISHED');
    expect(fail(updateRunRequest, { run_id: 'r', status: 'DONE' })).toMatch(
      /^Invalid value for 'status': expected one of RUNNING, SCHEDULED, FINISHED, FAILED, KILLED/,
    );
    expect(ok(searchRunsRequest, { run_view_type: 'ALL' }).run_view_type).toBe('ALL');
    expect(ok(searchRunsRequest, { run_view_type: '2' }).run_view_type).toBe('DELETED_ONLY');
  });
  it('refuses NUL characters, which Postgres cannot store', () => {
    expect(fail(createRunRequest, { run_name: 'a\u0000b' })).toMatch(
      /^Invalid value for 'run_name': must not contain NUL/,
    );
  });
});

describe('repeated fields', () => {
  it('take a single query-string value as a one-element list', () => {
    expect(ok(searchRunsRequest, { experiment_ids: '3' }).experiment_ids).toEqual([3]);
    expect(ok(searchRunsRequest, { experiment_ids: ['3', 4] }).experiment_ids).toEqual([3, 4]);
    expect(ok(getHistoryBulkIntervalRequest, { run_ids: 'a', metric_key: 'm' }).run_ids).toEqual(['a']);
  });
  it('check experiment ids', () => {
    expect(fail(searchRunsRequest, { experiment_ids: ['x1'] })).toMatch(/Invalid experiment ID: 'x1'/);
  });
});

describe('log-batch limits', () => {
  const metric = (i: number) => ({ key: `m${i}`, value: i, timestamp: 1, step: 0 });
  const param = (i: number) => ({ key: `p${i}`, value: 'v' });
  const tag = (i: number) => ({ key: `t${i}`, value: 'v' });
  const range = <T>(n: number, f: (i: number) => T) => Array.from({ length: n }, (_, i) => f(i));

  it('accepts exactly the limits', () => {
    expect(ok(logBatchRequest, { run_id: 'r', metrics: range(1000, metric) }).metrics).toHaveLength(1000);
    expect(ok(logBatchRequest, { run_id: 'r', params: range(100, param), tags: range(100, tag) }).params).toHaveLength(
      100,
    );
  });
  it.each([
    ['metrics', { metrics: range(1001, metric) }, /at most 1000 metrics\. Got 1001 metrics/],
    ['params', { params: range(101, param) }, /at most 100 params\. Got 101 params/],
    ['tags', { tags: range(101, tag) }, /at most 100 tags\. Got 101 tags/],
    [
      'metrics',
      { metrics: range(900, metric), params: range(51, param), tags: range(50, tag) },
      /at most 1000 metrics, params, and tags\. Got 1001/,
    ],
  ])('refuses too many %s', (field, extra, message) => {
    const text = fail(logBatchRequest, { run_id: 'r', ...extra });
    expect(text).toMatch(new RegExp(`^Invalid value for '${field}'`));
    expect(text).toMatch(message);
  });
  it('names the item and field at fault', () => {
    expect(
      fail(logBatchRequest, { run_id: 'r', metrics: [metric(0), { key: 'bad key!', value: 1, timestamp: 1 }] }),
    ).toMatch(/^Invalid value for 'metrics\.1\.key': Invalid metric name: 'bad key!'/);
    expect(fail(logBatchRequest, { run_id: 'r', params: [{ key: 'p', value: 'v'.repeat(6001) }] })).toMatch(
      /^Invalid value for 'params\.0\.value': Param value 'v+' had length 6001, which exceeded length limit of 6000$/,
    );
    expect(fail(logBatchRequest, { run_id: 'r', tags: [{ key: 'k'.repeat(251), value: '' }] })).toMatch(
      /^Invalid value for 'tags\.0\.key': Tag key '/,
    );
  });
});

describe('get-history-bulk-interval', () => {
  it('needs both steps or neither, in order, and at most 100 runs', () => {
    expect(fail(getHistoryBulkIntervalRequest, { run_ids: ['a'], metric_key: 'm', start_step: 1 })).toMatch(
      /both must be specified/,
    );
    expect(
      fail(getHistoryBulkIntervalRequest, { run_ids: ['a'], metric_key: 'm', start_step: 5, end_step: 1 }),
    ).toMatch(/end_step must be greater than start_step/);
    const many = Array.from({ length: 101 }, (_, i) => `r${i}`);
    expect(fail(getHistoryBulkIntervalRequest, { run_ids: many, metric_key: 'm' })).toMatch(
      /at most 100 run_ids\. Received 101 run_ids/,
    );
    expect(fail(getHistoryBulkIntervalRequest, { run_ids: ['a'], metric_key: 'm', max_results: 2501 })).toMatch(
      /^Invalid value for 'max_results'/,
    );
    expect(fail(getHistoryBulkIntervalRequest, { metric_key: 'm' })).toMatch(/^Invalid value for 'run_ids'/);
  });
});
