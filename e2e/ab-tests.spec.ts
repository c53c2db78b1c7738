import { expect, test } from '@playwright/test';
import { createToken, mlflow } from './api';
import { createProject, unique } from './fixtures';

test('define an A/B test, send assignments and events through the API, read the results, ship B and see it in Production', async ({
  page,
  request,
}) => {
  // The whole A/B journey (registry, API, results, shipping) took 56 of the default 60 s on a quiet machine.
  test.setTimeout(120_000);
  const slug = unique('abtest');
  await createProject(page, { name: 'A/B e2e', slug });
  const token = await createToken(page, slug);
  const api = mlflow(request, token);
  const experimentId = await api.defaultExperimentId();

  // Two real versions of one model, version 1 serving in Production.
  for (const [name, curve] of [
    ['ranker-v1', [0.7, 0.72]],
    ['ranker-v2', [0.71, 0.78]],
  ] as const) {
    const runId = await api.finishedRun({ experimentId, name, params: { variant: name }, curve: [...curve] });
    await page.goto(`/${slug}/runs/${runId}?tab=overview`);
    const form = page.getByRole('form', { name: 'Register as model version' });
    await form.getByLabel('Registered model').fill('ranker');
    await form.getByRole('button', { name: 'Register as model version' }).click();
    await expect(form.getByText(/Registered ranker version \d/)).toBeVisible();
  }
  await page.goto(`/${slug}/models/ranker`);
  const v1 = page.getByRole('table', { name: 'Versions of ranker' }).getByRole('row', { name: /Version 1/ });
  await v1.getByRole('button', { name: 'Actions for version 1' }).click();
  await page.getByRole('menuitem', { name: 'Move to Production' }).click();
  const move = page.getByRole('dialog', { name: 'Move version 1 of ranker' });
  await expect(move.getByLabel('Stage for version 1')).toHaveValue('Production');
  await move.getByRole('button', { name: 'Move version 1' }).click();
  await expect(move).toBeHidden();
  await expect(page.getByText('Version 1 is now in Production.')).toBeVisible();

  // Define the test in the UI: version 1 (Production) is the control, version 2 the challenger.
  await page.goto(`/${slug}`);
  await page.getByRole('navigation', { name: 'A/B e2e sections' }).getByRole('link', { name: 'A/B tests' }).click();
  await expect(page.getByRole('heading', { name: 'A/B tests', level: 1 })).toBeVisible();
  await expect(page.getByText('No A/B tests yet')).toBeVisible();
  await page.getByRole('button', { name: 'New A/B test' }).click();
  const define = page
    .getByRole('dialog', { name: 'Define an A/B test' })
    .getByRole('form', { name: 'Define an A/B test' });
  await define.getByLabel('Test name').fill('ranker v2 vs v1');
  await define.getByLabel('Registered model').selectOption('ranker');
  await expect(define.getByRole('checkbox', { name: /Version 1/ })).toBeChecked();
  await expect(define.getByRole('checkbox', { name: /Version 2/ })).toBeChecked();
  await expect(define.getByLabel('Weight of version 2')).toHaveValue('50');
  await define.getByLabel('Primary metric', { exact: true }).fill('converted');
  await define.getByRole('button', { name: 'Add guardrail' }).click();
  await define.getByLabel('Guardrail 1 metric').fill('latency_ms');
  await define.getByRole('button', { name: 'Create A/B test' }).click();
  await expect(page).toHaveURL(new RegExp(`/${slug}/ab-tests/[0-9a-f-]{36}$`));
  const id = page.url().split('/').at(-1)!;
  await expect(page.getByRole('heading', { name: 'ranker v2 vs v1', level: 1 })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Send traffic' })).toContainText(`/api/v1/ab-tests/${id}/assign`);

  // A serving path: assign every visitor (sticky), then send outcomes in one batch. B converts 3 in 5, A 1 in 5,
  // but B is 50 ms slower, which its guardrail catches.
  const headers = { Authorization: `Bearer ${token}` };
  const served = new Map<string, string>();
  for (let i = 0; i < 200; i++) {
    const res = await request.post(`/api/v1/ab-tests/${id}/assign`, { headers, data: { unit_id: `visitor-${i}` } });
    expect(res.status(), await res.text()).toBe(200);
    const body = (await res.json()) as { variant: string; version: number };
    expect(body.version).toBe(body.variant === 'A' ? 1 : 2);
    served.set(`visitor-${i}`, body.variant);
  }
  const again = await request.post(`/api/v1/ab-tests/${id}/assign`, { headers, data: { unit_id: 'visitor-7' } });
  expect((await again.json()).variant).toBe(served.get('visitor-7'));
  const events = [...served].flatMap(([unit, variant], i) => [
    { unit_id: unit, metric: 'converted', value: variant === 'B' ? (i % 5 < 3 ? 1 : 0) : i % 5 < 1 ? 1 : 0 },
    { unit_id: unit, metric: 'latency_ms', value: (variant === 'B' ? 150 : 100) + (i % 7) },
  ]);
  const bad = await request.post(`/api/v1/ab-tests/${id}/events`, {
    headers,
    data: [...events.slice(0, 3), { unit_id: 'x', metric: 'converted', value: 7 }],
  });
  expect(bad.status()).toBe(400);
  expect(await bad.json()).toEqual({
    error_code: 'INVALID_PARAMETER_VALUE',
    message: expect.stringContaining("Event 3 field 'value'"),
  });
  const sent = await request.post(`/api/v1/ab-tests/${id}/events`, { headers, data: events });
  expect(sent.status(), await sent.text()).toBe(200);
  expect(await sent.json()).toEqual({ accepted: 400, units: 200 });
  const results = await (await request.get(`/api/v1/ab-tests/${id}/results`, { headers })).json();
  expect(results.metrics[0]).toMatchObject({
    name: 'converted',
    primary: true,
    variants: [
      { variant: 'A', n: expect.any(Number) },
      { variant: 'B', significant: true, verdict: 'better' },
    ],
  });

  // The results page: outcome, charts, per-metric tables with a failed guardrail.
  await page.reload();
  await expect(page.getByRole('list', { name: 'Outcome per variant' })).toContainText(
    /converted: B vs A \+[\d.]+% \(95% CI .*\), p [<=] [\d.]+, significantly better/,
  );
  await expect(page.getByRole('figure', { name: 'Cumulative relative lift of converted over time' })).toBeVisible();
  await expect(
    page.getByRole('figure', { name: 'Mean of converted per variant with 95% confidence intervals' }),
  ).toBeVisible();
  await expect(
    page.getByRole('table', { name: 'converted by variant' }).getByRole('row', { name: /B · version 2/ }),
  ).toContainText('Better');
  await expect(
    page.getByRole('table', { name: 'latency_ms by variant' }).getByRole('row', { name: /B · version 2/ }),
  ).toContainText('Guardrail failed');

  // Ship B: the server refuses until the failed guardrail is acknowledged.
  const ship = page.getByRole('form', { name: 'Ship B (version 2)' });
  await expect(ship).toContainText('it fails the guardrail latency_ms');
  await ship.getByRole('button', { name: 'Ship B (version 2)' }).click();
  await expect(ship.getByText(/needs your confirmation: it fails the guardrail latency_ms/).first()).toBeVisible();
  await ship.getByLabel('Ship B anyway: I have read the warning above').check();
  await ship.getByLabel('Note for the registry (B, optional)').fill('latency fix ships next week');
  await ship.getByRole('button', { name: 'Ship B (version 2)' }).click();
  const decision = page.getByRole('region', { name: 'Decision' });
  await expect(decision.getByText(/^Shipped B \(version 2\) to Production on .* by /)).toBeVisible();
  await expect(page.getByText('Shipped B', { exact: true })).toBeVisible();

  // The registry now serves version 2 in Production, with the test as the reason.
  await decision.getByRole('link', { name: 'See ranker in the registry' }).click();
  const versions = page.getByRole('table', { name: 'Versions of ranker' });
  await expect(versions.getByRole('row', { name: /Version 2/ })).toContainText('Production');
  await expect(versions.getByRole('row', { name: /Version 1/ })).toContainText('Archived');
  const latest = page.getByRole('list', { name: 'Model timeline' }).getByRole('listitem').first();
  await expect(latest).toContainText('version 2');
  await expect(latest).toContainText('A/B test ranker v2 vs v1: shipped B (version 2)');
  await expect(latest).toContainText('latency fix ships next week');

  // After shipping, assignment serves version 2 to everyone.
  const after = await request.post(`/api/v1/ab-tests/${id}/assign`, { headers, data: { unit_id: 'late-visitor' } });
  expect(await after.json()).toEqual({ variant: 'B', version: 2 });
});
