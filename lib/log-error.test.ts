import { DrizzleQueryError } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { describeErrorForLog } from './log-error';

const SECRET = 'tok_5f1d3c0a9b8e7d6c';

// Shaped like a PGlite error: the failed statement's parameters ride along as enumerable properties.
function pgliteError() {
  return Object.assign(new Error('relation "sessions" does not exist'), {
    code: '42P01',
    detail: `Key (token)=(${SECRET}) already exists.`,
    query: 'select * from "sessions" where "token" = $1',
    params: [SECRET],
  });
}

describe('describeErrorForLog', () => {
  it('keeps a failed query’s SQL text and code but none of its parameters, down the cause chain', () => {
    const cause = pgliteError();
    const err = new Error('Failed to get session', {
      cause: new DrizzleQueryError('select * from "sessions" where "token" = $1', [SECRET], cause),
    });
    const text = describeErrorForLog(err);
    expect(text).not.toContain(SECRET);
    // The unsanitized form does carry it, which is why the helper exists.
    expect(`${(err.cause as Error).message} ${JSON.stringify(cause)}`).toContain(SECRET);
    expect(text.split('\n')[0]).toBe('Error: Failed to get session');
    expect(text).toContain('caused by: DrizzleQueryError: Failed query: select * from "sessions" where "token" = $1');
    expect(text).toContain('caused by: Error [42P01]: relation "sessions" does not exist');
  });

  it('keeps the outermost stack frames, which locate the failure', () => {
    const text = describeErrorForLog(new TypeError('boom'));
    expect(text.split('\n')[0]).toBe('TypeError: boom');
    expect(text).toMatch(/\n\s+at .*log-error\.test\.ts/);
  });

  it('says what was thrown without printing a non-Error value', () => {
    expect(describeErrorForLog({ password: SECRET })).toBe('a thrown object (not an Error)');
    expect(describeErrorForLog(SECRET)).toBe('a thrown string (not an Error)');
  });

  it('stops after five causes, so a cyclic chain cannot loop', () => {
    const a = new Error('a');
    const b = new Error('b', { cause: a });
    a.cause = b;
    expect(
      describeErrorForLog(a)
        .split('\n')
        .filter((l) => !/^\s+at /.test(l)),
    ).toEqual(['Error: a', 'caused by: Error: b', 'caused by: Error: a', 'caused by: Error: b', 'caused by: Error: a']);
  });
});
