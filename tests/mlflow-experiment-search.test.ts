// Contract tests of experiments/search (POST and GET) and the legacy GET experiments/list.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type MlflowApp, errorOf, newExperiment, openMlflowApp } from './helpers/mlflow';

let m: MlflowApp;
const names = ['alpha-1', 'alpha-2', 'beta_1', 'beta%2', "o'brien", 'Gamma'];
beforeAll(async () => {
  m = await openMlflowApp();
  for (const name of names) await newExperiment(m, name);
  const ids = Object.fromEntries(
    await Promise.all(
      names.map(
        async (n) =>
          [
            n,
            (await m.get('experiments/get-by-name', { experiment_name: n })).json.experiment as {
              experiment_id: string;
            },
          ] as const,
      ),
    ),
  );
  await m.post('experiments/set-experiment-tag', {
    experiment_id: ids['alpha-1']!.experiment_id,
    key: 'team',
    value: 'risk',
  });
  await m.post('experiments/set-experiment-tag', {
    experiment_id: ids['beta_1']!.experiment_id,
    key: 'team',
    value: 'growth',
  });
  await m.post('experiments/set-experiment-tag', {
    experiment_id: ids['Gamma']!.experiment_id,
    key: 'odd key',
    value: "x' OR '1'='1",
  });
  await m.post('experiments/delete', { experiment_id: ids['alpha-2']!.experiment_id });
  await newExperiment(m, 'not-mine', m.tokens.other);
});
afterAll(() => m?.cleanup());

type Found = {
  experiments?: { name: string; experiment_id: string; lifecycle_stage: string }[];
  next_page_token?: string;
};
const search = async (body: Record<string, unknown>) => {
  const res = await m.post('experiments/search', body);
  expect(res.status, res.text).toBe(200);
  return res.json as Found;
};
const namesOf = (found: Found) => (found.experiments ?? []).map((e) => e.name);

describe('experiments/search', () => {
  it('returns the project’s active experiments, newest first, and never another project’s', async () => {
    const found = await search({});
    expect(namesOf(found)).toEqual(['Gamma', "o'brien", 'beta%2', 'beta_1', 'alpha-1', 'Default']);
    expect(found).not.toHaveProperty('next_page_token');
  });

  it('answers the same over GET with the fields in the query string', async () => {
    const res = await m.get('experiments/search', {
      filter: "name LIKE 'alpha%'",
      view_type: 'ALL',
      order_by: 'name ASC',
      max_results: '10',
    });
    expect(res.status).toBe(200);
    expect(namesOf(res.json as Found)).toEqual(['alpha-1', 'alpha-2']);
  });

  it('filters by view type', async () => {
    expect(namesOf(await search({ view_type: 'DELETED_ONLY' }))).toEqual(['alpha-2']);
    expect(namesOf(await search({ view_type: 'ALL', order_by: ['name'] }))).toEqual([...names, 'Default'].sort());
  });

  it('filters by name and tags, with MLflow’s LIKE wildcards', async () => {
    expect(namesOf(await search({ filter: "name = 'beta_1'" }))).toEqual(['beta_1']);
    expect(namesOf(await search({ filter: "name LIKE 'beta_%'", order_by: ['name'] }))).toEqual(['beta%2', 'beta_1']);
    expect(namesOf(await search({ filter: "name ILIKE 'GAMMA'" }))).toEqual(['Gamma']);
    expect(namesOf(await search({ filter: "tags.team = 'risk'" }))).toEqual(['alpha-1']);
    expect(namesOf(await search({ filter: "tags.team != 'risk' and name LIKE 'b%'" }))).toEqual(['beta_1']);
    expect(namesOf(await search({ filter: 'tags."odd key" LIKE \'%OR%\'' }))).toEqual(['Gamma']);
  });

  it('filters by creation time', async () => {
    const all = await m.post('experiments/search', { view_type: 'ALL' });
    const newest = ((all.json as Found).experiments as unknown as { creation_time: number }[])[0]!.creation_time;
    expect(namesOf(await search({ filter: `creation_time > ${newest}` }))).toEqual([]);
    expect(namesOf(await search({ filter: `creation_time <= ${newest} and name = 'Gamma'` }))).toEqual(['Gamma']);
  });

  it('treats quotes, SQL and LIKE metacharacters in values as data', async () => {
    expect(namesOf(await search({ filter: `name = "o'brien"` }))).toEqual(["o'brien"]);
    expect(namesOf(await search({ filter: `name = "x' OR '1'='1"` }))).toEqual([]);
    expect(namesOf(await search({ filter: `tags."odd key" = "x' OR '1'='1"` }))).toEqual(['Gamma']);
    expect(namesOf(await search({ filter: "name LIKE 'beta\\%2'" }))).toEqual(['beta%2']);
    expect(namesOf(await search({ filter: "name LIKE '\\'" }))).toEqual([]);
  });

  it('orders by name, id or time, with experiment id breaking ties', async () => {
    expect(namesOf(await search({ order_by: ['name DESC'] }))).toEqual([
      "o'brien",
      'beta_1',
      'beta%2',
      'alpha-1',
      'Gamma',
      'Default',
    ]);
    const byId = await search({ order_by: ['experiment_id ASC'] });
    const ids = (byId.experiments ?? []).map((e) => Number(e.experiment_id));
    expect(ids).toEqual([...ids].sort((a, b) => a - b));
  });

  it('pages through every result with max_results and page_token', async () => {
    const seen: string[] = [];
    let token: string | undefined;
    let pages = 0;
    do {
      const page = await search({ max_results: 2, order_by: ['name'], ...(token ? { page_token: token } : {}) });
      expect(namesOf(page).length).toBeLessThanOrEqual(2);
      seen.push(...namesOf(page));
      token = page.next_page_token;
      pages++;
    } while (token);
    expect(pages).toBe(3);
    expect(seen).toEqual([...names.filter((n) => n !== 'alpha-2'), 'Default'].sort());
  });

  it.each([
    ['OR', { filter: "name = 'a' OR name = 'b'" }, /^Invalid filter: OR is not supported/],
    ['an unknown attribute', { filter: "owner = 'me'" }, /Invalid attribute key 'owner'/],
    ['a stacked statement', { filter: "name = 'a'; DROP TABLE experiments" }, /Unexpected character ';'/],
    ['an unterminated string', { filter: "name = 'a" }, /Unterminated/],
    ['a bad order_by', { order_by: ['name; drop table experiments'] }, /^Invalid order_by/],
    ['a page token that is not one', { page_token: 'garbage!' }, /Invalid page token/],
    ['max_results over 50000', { max_results: 50001 }, /^Invalid value for 'max_results'/],
    ['max_results of 0', { max_results: 0 }, /^Invalid value for 'max_results'/],
    ['an unknown view type', { view_type: 'SOME' }, /^Invalid value for 'view_type'/],
  ])('refuses %s with 400, never 500', async (_label, body, message) => {
    expect(errorOf(await m.post('experiments/search', body))).toEqual({
      status: 400,
      error_code: 'INVALID_PARAMETER_VALUE',
      message: expect.stringMatching(message),
    });
  });
});

describe('GET experiments/list (pre-2.0 clients)', () => {
  it('lists active experiments and pages like search', async () => {
    const first = await m.get('experiments/list', { max_results: 4 });
    expect(first.status).toBe(200);
    const page1 = first.json as Found;
    expect(page1.experiments).toHaveLength(4);
    const second = await m.get('experiments/list', { max_results: 4, page_token: page1.next_page_token! });
    const page2 = second.json as Found;
    expect(page2).not.toHaveProperty('next_page_token');
    expect([...namesOf(page1), ...namesOf(page2)].sort()).toEqual(
      [...names.filter((n) => n !== 'alpha-2'), 'Default'].sort(),
    );
    expect(namesOf((await m.get('experiments/list', { view_type: 'DELETED_ONLY' })).json as Found)).toEqual([
      'alpha-2',
    ]);
  });
});
