import { type APIRequestContext, type Page, expect } from '@playwright/test';

/** Creates a project token in Settings and returns it (the UI shows it once). */
export async function createToken(page: Page, slug: string, name = 'e2e'): Promise<string> {
  await page.goto(`/${slug}/settings`);
  const tokens = page.getByRole('region', { name: 'API tokens' });
  await tokens.getByLabel('Token name').fill(name);
  await tokens.getByRole('button', { name: 'Create token' }).click();
  return (await tokens.getByTestId('new-token').textContent())!.trim();
}

/** A thin MLflow REST client over Playwright's request fixture, as an outside MLflow client would call. */
export function mlflow(request: APIRequestContext, token: string) {
  const headers = { Authorization: `Bearer ${token}` };
  const post = async (path: string, data: unknown) => {
    const res = await request.post(`/api/2.0/mlflow/${path}`, { headers, data });
    expect(res.status(), `${path}: ${await res.text()}`).toBe(200);
    return res.json();
  };
  const get = async (path: string, params: Record<string, string>) => {
    const res = await request.get(`/api/2.0/mlflow/${path}`, { headers, params });
    expect(res.status(), `${path}: ${await res.text()}`).toBe(200);
    return res.json();
  };
  return {
    post,
    get,
    async defaultExperimentId(): Promise<string> {
      return (await get('experiments/get-by-name', { experiment_name: 'Default' })).experiment.experiment_id;
    },
    /** A finished run with params and a metric curve. */
    async finishedRun(opts: {
      experimentId: string;
      name: string;
      params: Record<string, string>;
      curve: number[];
      metric?: string;
      approach?: string;
    }) {
      const { run } = await post('runs/create', {
        experiment_id: opts.experimentId,
        run_name: opts.name,
        start_time: Date.now(),
        tags: opts.approach ? [{ key: 'runboard.approach', value: opts.approach }] : [],
      });
      const runId: string = run.info.run_id;
      await post('runs/log-batch', {
        run_id: runId,
        params: Object.entries(opts.params).map(([key, value]) => ({ key, value })),
        metrics: opts.curve.map((value, step) => ({
          key: opts.metric ?? 'accuracy',
          value,
          step,
          timestamp: Date.now(),
        })),
      });
      await post('runs/update', { run_id: runId, status: 'FINISHED', end_time: Date.now() });
      return runId;
    },
  };
}
