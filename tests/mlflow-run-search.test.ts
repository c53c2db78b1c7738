// Contract tests of runs/search: MLflow's filter grammar, order_by, max_results and page_token, view
// types, project scoping, and hostile filters (SQL and LIKE metacharacters) — 400 or a literal match, never 500.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type MlflowApp, errorOf, newExperiment, newRun, openMlflowApp } from './helpers/mlflow';

let m: MlflowApp;
let exp: string;
let other: string;
const ids: Record<string, string> = {};

type Spec = { name: string; start: number; acc?: number; lr?: string; note?: string; status?: string };
const SPECS: Spec[] = [
  { name: 'r1', start: 1000, acc: 0.91, lr: '0.1', note: 'baseline' },
  { name: 'r2', start: 2000, acc: 0.95, lr: '0.01', note: "x' OR '1'='1" },
  { name: 'r3', start: 3000, acc: 0.85, lr: '0.001', note: '100% done', status: 'FINISHED' },
  { name: 'r4', start: 4000, acc: 0.99, note: 'under_score' },
  { name: 'r5', start: 5000, lr: '0.1', note: 'back\\slash' },
  { name: 'r6', start: 6000, acc: 0.5, lr: '0.5' },
  { name: 'r7', start: 7000, acc: 0.7, lr: '0.7', status: 'FAILED' },
];

beforeAll(async () => {
  m = await openMlflowApp();
  exp = await newExperiment(m, 'search-exp');
  other = await newExperiment(m, 'other-exp');
  for (const s of SPECS) {
    const id = await newRun(m, { experiment_id: exp, run_name: s.name, start_time: s.start });
    ids[s.name] = id;
    await m.post('runs/log-batch', {
      run_id: id,
      metrics: s.acc === undefined ? [] : [{ key: 'acc', value: s.acc, timestamp: s.start, step: 0 }],
      params: s.lr === undefined ? [] : [{ key: 'lr', value: s.lr }],
      tags: s.note === undefined ? [] : [{ key: 'note', value: s.note }],
    });
    if (s.status) await m.post('runs/update', { run_id: id, status: s.status, end_time: s.start + 1 });
  }
  await newRun(m, { experiment_id: other, run_name: 'elsewhere' });
  await m.post('runs/delete', { run_id: ids.r6 });
  await newRun(m, { run_name: 'their-run' }, m.tokens.other);
});
afterAll(() => m?.cleanup());

type Found = { runs?: { info: { run_name: string; run_id: string } }[]; next_page_token?: string };
async function names(body: Record<string, unknown>): Promise<string[]> {
  const res = await m.post('runs/search', { experiment_ids: [exp], ...body });
  expect(res.status, res.text).toBe(200);
  return ((res.json as Found).runs ?? []).map((r) => r.info.run_name);
}

describe('runs/search filters', () => {
  it('defaults to active runs, newest first', async () => {
    expect(await names({})).toEqual(['r7', 'r5', 'r4', 'r3', 'r2', 'r1']);
  });

  it.each([
    ['metrics.acc > 0.9', ['r4', 'r2', 'r1']],
    ["metrics.acc >= 0.85 and params.lr != '0.1'", ['r3', 'r2']],
    ["params.lr = '0.1'", ['r5', 'r1']],
    ["tags.note LIKE '%done'", ['r3']],
    ["tags.note ILIKE 'BASE%'", ['r1']],
    ["attributes.status = 'FINISHED'", ['r3']],
    ["attributes.run_name LIKE 'r_'", ['r7', 'r5', 'r4', 'r3', 'r2', 'r1']],
    ["run_name = 'r4'", ['r4']],
    ['attributes.start_time >= 4000 and attributes.start_time < 7000', ['r5', 'r4']],
    ['metrics."acc" < 0.9', ['r7', 'r3']],
    ['tags.note IS NULL', ['r7']],
  ])('%s', async (filter, expected) => {
    expect(await names({ filter })).toEqual(expected);
  });

  it('filters run ids with IN', async () => {
    expect(await names({ filter: `attributes.run_id IN ('${ids.r1}', '${ids.r3}')` })).toEqual(['r3', 'r1']);
  });

  it('searches deleted or all runs with run_view_type', async () => {
    expect(await names({ run_view_type: 'DELETED_ONLY' })).toEqual(['r6']);
    expect(await names({ run_view_type: 'ALL', filter: "params.lr = '0.5'" })).toEqual(['r6']);
  });

  it('searches several experiments, or the whole project when none is named — never another project', async () => {
    const both = await names({ experiment_ids: [exp, other], filter: "attributes.run_name LIKE 'e%'" });
    expect(both).toEqual(['elsewhere']);
    const all = await m.post('runs/search', { filter: "attributes.run_name LIKE '%'" });
    const all_names = ((all.json as Found).runs ?? []).map((r) => r.info.run_name);
    expect(all_names).toContain('elsewhere');
    expect(all_names).not.toContain('their-run');
    const theirs = await m.post('runs/search', { experiment_ids: [exp] }, { token: m.tokens.other });
    expect(theirs).toMatchObject({ status: 200, json: {} });
  });
});

describe('runs/search order_by', () => {
  it('orders by a metric, missing values last, with start_time DESC breaking ties', async () => {
    expect(await names({ order_by: ['metrics.acc DESC'] })).toEqual(['r4', 'r2', 'r1', 'r3', 'r7', 'r5']);
    expect(await names({ order_by: ['metrics.acc ASC'] })).toEqual(['r7', 'r3', 'r1', 'r2', 'r4', 'r5']);
  });
  it('orders by params, tags and attributes', async () => {
    expect(await names({ order_by: ['params.lr', 'attributes.start_time ASC'] })).toEqual([
      'r3',
      'r2',
      'r1',
      'r5',
      'r7',
      'r4',
    ]);
    expect(await names({ order_by: ['attributes.start_time ASC'] })).toEqual(['r1', 'r2', 'r3', 'r4', 'r5', 'r7']);
    expect(await names({ order_by: ['tags.note DESC'], filter: "tags.note LIKE 'b%'" })).toEqual(['r1', 'r5']);
  });
});

describe('runs/search paging', () => {
  it('walks every page with max_results and page_token, each run once', async () => {
    const seen: string[] = [];
    let token: string | undefined;
    let pages = 0;
    do {
      const res = await m.post('runs/search', {
        experiment_ids: [exp],
        max_results: 4,
        order_by: ['attributes.start_time ASC'],
        ...(token ? { page_token: token } : {}),
      });
      const page = res.json as Found;
      seen.push(...(page.runs ?? []).map((r) => r.info.run_name));
      token = page.next_page_token;
      pages++;
    } while (token);
    expect(pages).toBe(2);
    expect(seen).toEqual(['r1', 'r2', 'r3', 'r4', 'r5', 'r7']);
  });

  it('gives no token when the page holds the rest', async () => {
    const res = await m.post('runs/search', { experiment_ids: [exp], max_results: 6 });
    expect(res.json).not.toHaveProperty('next_page_token');
  });
});

describe('hostile and malformed filters', () => {
  it('matches quotes and SQL inside values literally', async () => {
    expect(await names({ filter: `tags.note = "x' OR '1'='1"` })).toEqual(['r2']);
    expect(await names({ filter: `params.lr = "0.1' OR 'a'='a"` })).toEqual([]);
    expect(await names({ filter: `tags.note = 'baseline" OR "1"="1'` })).toEqual([]);
  });

  it('keeps LIKE wildcards MLflow’s: % and _ match, a backslash escapes', async () => {
    expect(await names({ filter: "tags.note LIKE '100%'" })).toEqual(['r3']);
    expect(await names({ filter: "tags.note LIKE 'under\\_score'" })).toEqual(['r4']);
    expect(await names({ filter: "tags.note LIKE '%\\%%'" })).toEqual(['r3']);
    expect(await names({ filter: "tags.note LIKE 'back\\\\slash'" })).toEqual(['r5']);
    expect(await names({ filter: "tags.note LIKE 'trailing\\'" })).toEqual([]);
    // Matches up to the dangling backslash, where Postgres would fail: it is a literal backslash.
    expect(await names({ filter: "tags.note LIKE 'back\\'" })).toEqual([]);
    expect(await names({ filter: "tags.note LIKE 'back\\\\%'" })).toEqual(['r5']);
  });

  it('treats huge metric bounds as numbers', async () => {
    expect(await names({ filter: 'metrics.acc < 1e400' })).toEqual(['r7', 'r4', 'r3', 'r2', 'r1']);
  });

  it.each([
    ['a stacked statement', "params.lr = '0.1'; DROP TABLE runs", /^Invalid filter: Unexpected character ';'/],
    ['OR', 'metrics.acc > 0 OR 1=1', /^Invalid filter: OR is not supported/],
    ['a comment', "params.lr = '0.1' -- x", /^Invalid filter/],
    ['an unquoted string', 'params.lr = 0.1', /^Invalid filter: Expected a quoted string/],
    ['a string for a metric', "metrics.acc > 'high'", /^Invalid filter: Expected a number/],
    ['an unknown entity', "runs.id = 'x'", /^Invalid filter: Invalid entity type 'runs'/],
    [
      'a fractional start_time',
      'attributes.start_time > 1.5',
      /^Invalid filter: attributes\.start_time takes an integer/,
    ],
    [
      'an out-of-range start_time',
      'attributes.start_time > 1e30',
      /^Invalid filter: attributes\.start_time takes an integer/,
    ],
    ['a NUL character', "tags.note = 'a\u0000b'", /NUL/],
    ['a dangling AND', 'metrics.acc > 1 AND', /^Invalid filter: Dangling AND/],
    [
      '300 clauses',
      Array.from({ length: 300 }, (_, i) => `metrics.m${i} > ${i}`).join(' AND '),
      /^Invalid filter: Use at most 50 clauses/,
    ],
  ])('refuses %s with 400', async (_label, filter, message) => {
    expect(errorOf(await m.post('runs/search', { experiment_ids: [exp], filter }))).toEqual({
      status: 400,
      error_code: 'INVALID_PARAMETER_VALUE',
      message: expect.stringMatching(message),
    });
  });

  it.each([
    ['order_by on an unknown attribute', { order_by: ['attributes.colour DESC'] }, /^Invalid order_by/],
    ['order_by on datasets', { order_by: ['datasets.name'] }, /Ordering by dataset fields is not supported/],
    ['a forged page token', { page_token: Buffer.from('{"offset": -1}').toString('base64') }, /Invalid page token/],
    ['max_results over 50000', { max_results: 50001 }, /^Invalid value for 'max_results'/],
    ['max_results of 0', { max_results: 0 }, /^Invalid value for 'max_results'/],
    ['an experiment id that is not one', { experiment_ids: ['1 OR 1=1'] }, /Invalid experiment ID/],
    [
      '100 order_by entries of a key, 3,000 spaces and a letter',
      { order_by: Array(100).fill(`metrics.a${' '.repeat(3000)}x`) },
      /^Invalid order_by: Use at most 20 order_by entries/,
    ],
  ])('refuses %s with 400', async (_label, body, message) => {
    expect(errorOf(await m.post('runs/search', { experiment_ids: [exp], ...body }))).toEqual({
      status: 400,
      error_code: 'INVALID_PARAMETER_VALUE',
      message: expect.stringMatching(message),
    });
  });
});
