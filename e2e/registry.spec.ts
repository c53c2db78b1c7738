import { expect, test } from '@playwright/test';
import { createToken, mlflow } from './api';
import { addMember, createProject, createUser, signIn, unique } from './fixtures';

test('register two runs as versions, promote, roll back with a reason, and follow the lineage; a viewer cannot promote', async ({
  page,
  request,
  browser,
}) => {
  const slug = unique('registry');
  await createProject(page, { name: 'Registry e2e', slug });
  const api = mlflow(request, await createToken(page, slug));
  const experimentId = await api.defaultExperimentId();
  const first = await api.finishedRun({
    experimentId,
    name: 'forest-small',
    params: { n_estimators: '10' },
    curve: [0.7, 0.74],
  });
  const second = await api.finishedRun({
    experimentId,
    name: 'forest-big',
    params: { n_estimators: '50' },
    curve: [0.72, 0.79],
  });

  for (const runId of [first, second]) {
    await page.goto(`/${slug}/runs/${runId}?tab=overview`);
    const form = page.getByRole('form', { name: 'Register as model version' });
    await form.getByLabel('Registered model').fill('rain-tomorrow');
    await form.getByRole('button', { name: 'Register as model version' }).click();
    await expect(form.getByText(/Registered rain-tomorrow version \d/)).toBeVisible();
  }

  await page.goto(`/${slug}/models/rain-tomorrow`);
  const versions = page.getByRole('table', { name: 'Versions of rain-tomorrow', exact: true });
  for (const v of [1, 2]) {
    const row = versions.getByRole('row', { name: new RegExp(`Version ${v}`) });
    await row.getByRole('button', { name: `Actions for version ${v}` }).click();
    await page.getByRole('menuitem', { name: 'Move to Production' }).click();
    const move = page.getByRole('dialog', { name: `Move version ${v} of rain-tomorrow` });
    await expect(move.getByLabel(`Stage for version ${v}`)).toHaveValue('Production');
    await move.getByLabel(`Why (version ${v})`).fill(`ship v${v}`);
    await move.getByRole('button', { name: `Move version ${v}` }).click();
    await expect(move).toBeHidden();
    await expect(page.getByText(`Version ${v} is now in Production.`)).toBeVisible();
  }
  await expect(versions.getByRole('row', { name: /Version 2/ })).toContainText('Production');
  await expect(versions.getByRole('row', { name: /Version 1/ })).toContainText('Archived');

  const rollback = page.getByRole('region', { name: 'Roll back Production' });
  // The reason is required: the browser won't submit without it (and the server refuses it too).
  await expect(rollback.getByLabel('Reason for the roll back')).toHaveAttribute('required', '');
  await rollback.getByLabel('Reason for the roll back').fill('v2 misses rainy Mondays');
  await rollback.getByRole('button', { name: 'Roll back' }).click();
  await expect(page.getByText('Rolled back: version 1 is in Production again.')).toBeVisible();
  const timeline = page.getByRole('list', { name: 'Model timeline' });
  await expect(timeline.getByRole('listitem').first()).toContainText('rolled back version 1');
  await expect(timeline.getByRole('listitem').first()).toContainText('v2 misses rainy Mondays');

  await page.getByRole('link', { name: 'Version 1', exact: true }).click();
  const chain = page.getByRole('list', { name: 'Lineage chain' });
  await expect(chain).toContainText('forest-small');
  await expect(chain).toContainText(first);

  const viewer = { name: 'Vic Viewer', email: `${unique('vic')}@example.com`, password: 'viewer-password-2' };
  await createUser(page, viewer);
  await addMember(page, slug, viewer.email, 'viewer');
  const context = await browser.newContext({ storageState: { cookies: [], origins: [] } });
  const asViewer = await context.newPage();
  await signIn(asViewer, viewer.email, viewer.password);
  await asViewer.goto(`/${slug}/models/rain-tomorrow`);
  await expect(asViewer.getByRole('table', { name: 'Versions of rain-tomorrow', exact: true })).toBeVisible();
  await expect(asViewer.getByRole('button', { name: /Actions for version/ })).toHaveCount(0);
  await expect(asViewer.getByRole('button', { name: /Move version/ })).toHaveCount(0);
  await expect(asViewer.getByRole('button', { name: 'Roll back' })).toHaveCount(0);
  await context.close();
});
