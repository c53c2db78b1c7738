import { type APIRequestContext, expect, test } from '@playwright/test';
import { createToken, mlflow } from './api';
import { createProject, unique } from './fixtures';

const HOUR = 3_600_000;
const T0 = Date.parse('2024-05-01T00:00:00Z');

/** An hour of traffic: `temperature` centred on `mean`, a stable two-level `segment`. */
function hourOfPredictions(prefix: string, hour: number, mean: number) {
  return Array.from({ length: 120 }, (_, i) => ({
    id: `${prefix}-${i}`,
    timestamp: new Date(T0 + hour * HOUR + i * 20_000).toISOString(),
    features: { temperature: mean + (i % 40) / 4, segment: i % 3 === 0 ? 'new' : 'returning' },
    prediction: i % 2 ? 'rain' : 'dry',
  }));
}

async function api(request: APIRequestContext, token: string, method: 'post' | 'put', path: string, data: unknown) {
  const res = await request[method](path, { headers: { Authorization: `Bearer ${token}` }, data });
  expect(res.status(), `${path}: ${await res.text()}`).toBe(200);
  return res.json();
}

test('drifting predictions logged through the API raise an alert, which opens a risk and a retrain task', async ({
  page,
  request,
}) => {
  const slug = unique('monitoring');
  const model = 'rain-tomorrow';
  await createProject(page, { name: 'Monitoring e2e', slug });
  const token = await createToken(page, slug);
  const registry = mlflow(request, token);
  await registry.post('registered-models/create', { name: model });
  await registry.post('model-versions/create', { name: model, source: 's3://models/rain/1' });
  await registry.post('model-versions/transition-stage', {
    name: model,
    version: '1',
    stage: 'Production',
    archive_existing_versions: true,
  });

  const logged = await api(
    request,
    token,
    'post',
    `/api/v1/models/${model}/predictions`,
    hourOfPredictions('calm', 0, 10),
  );
  expect(logged).toMatchObject({ model, version: 1, accepted: 120, duplicates: 0 });
  // A retried batch is idempotent; a bad row refuses the whole batch and names it.
  expect(
    await api(request, token, 'post', `/api/v1/models/${model}/predictions`, hourOfPredictions('calm', 0, 10)),
  ).toMatchObject({ accepted: 0, duplicates: 120 });
  const bad = hourOfPredictions('bad', 1, 10).map((r, i) => (i === 7 ? { ...r, timestamp: 'soon' } : r));
  const refused = await request.post(`/api/v1/models/${model}/predictions`, {
    headers: { Authorization: `Bearer ${token}` },
    data: bad,
  });
  expect(refused.status()).toBe(400);
  expect(await refused.json()).toEqual({
    error_code: 'INVALID_PARAMETER_VALUE',
    message: 'rows[7].timestamp: Expected an ISO 8601 time or epoch ms',
  });

  await api(request, token, 'post', `/api/v1/models/${model}/predictions`, hourOfPredictions('hot', 2, 25));
  expect(
    await api(request, token, 'put', `/api/v1/models/${model}/reference`, {
      from: '2024-05-01T00:00:00Z',
      to: '2024-05-01T01:00:00Z',
    }),
  ).toMatchObject({
    reference: { kind: 'window', rows: 120 },
  });

  await page.goto(`/${slug}/monitoring`);
  await expect(page.getByRole('table', { name: 'Monitored models' }).getByRole('link', { name: model })).toBeVisible();
  await page.getByRole('table', { name: 'Monitored models' }).getByRole('link', { name: model }).click();
  await expect(page.getByRole('heading', { name: `${model} · monitoring`, level: 1 })).toBeVisible();

  const check = page.getByRole('form', { name: 'Run a check' });
  await check.getByLabel('Window start (UTC)').fill('2024-05-01T02:00');
  await check.getByLabel('Window end (UTC)').fill('2024-05-01T03:00');
  await check.getByRole('button', { name: 'Run check now' }).click();
  await expect(
    check.getByText(/Checked 120 predictions: 1 of 2 features drifted \(dataset drift\); 2 new alerts\./),
  ).toBeVisible();

  await expect(page.getByRole('figure', { name: `Features of ${model} ranked by drift` })).toBeVisible();
  await expect(page.getByRole('figure', { name: 'Drift of temperature over time' })).toBeVisible();
  const drift = page.getByRole('table', { name: `Drift per feature of ${model}` });
  await expect(drift.getByRole('row').filter({ hasText: 'temperature' })).toContainText('Drifted');

  const alerts = page.getByRole('table', { name: 'Monitoring alerts' });
  const alert = alerts.getByRole('row').filter({ hasText: 'Feature drift' }).filter({ hasText: 'temperature' });
  await expect(alert).toContainText('Open');
  await alert.getByRole('button', { name: 'Open risk & task' }).click();
  const riskLink = alert.getByRole('link', { name: /^Risk: rain-tomorrow: feature drift on temperature/ });
  await expect(riskLink).toBeVisible();
  await expect(alert.getByRole('link', { name: /^Task #\d+$/ })).toBeVisible();

  await alert.getByRole('button', { name: 'Acknowledge' }).click();
  await expect(alerts.getByRole('row').filter({ hasText: 'temperature' })).toContainText('Acknowledged');

  // Follow each link and wait for its page: the alert row itself shows the risk's title, so text alone proves nothing.
  const follow = async (name: RegExp) => {
    const link = alerts.getByRole('row').filter({ hasText: 'temperature' }).getByRole('link', { name });
    const href = (await link.getAttribute('href'))!;
    await link.click();
    await expect(page).toHaveURL((url) => url.pathname === href);
  };
  await follow(/^Risk:/);
  await expect(page.getByText('rain-tomorrow: feature drift on temperature').first()).toBeVisible();
  await page.goBack();
  await expect(page.getByRole('heading', { name: `${model} · monitoring`, level: 1 })).toBeVisible();
  await follow(/^Task #/);
  await expect(page.getByText('Retrain rain-tomorrow (feature drift on temperature)').first()).toBeVisible();
});
