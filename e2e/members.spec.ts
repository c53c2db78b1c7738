import { expect, test } from '@playwright/test';
import { addMember, createProject, createUser, signIn, unique } from './fixtures';

test('a viewer can read the project but cannot change it; a non-member cannot see it', async ({ page, browser }) => {
  const slug = unique('members');
  const viewer = { name: 'Val Viewer', email: `${unique('val')}@example.com`, password: 'viewer-password-1' };
  const outsider = { name: 'Otto Outsider', email: `${unique('otto')}@example.com`, password: 'outsider-password-1' };
  await createUser(page, viewer);
  await createUser(page, outsider);
  await createProject(page, { name: 'Members test', slug, problem: 'Who may see this?' });
  await addMember(page, slug, viewer.email, 'viewer');
  await expect(page.getByRole('table', { name: 'Project members' })).toContainText(viewer.email);

  const viewerContext = await browser.newContext({ storageState: { cookies: [], origins: [] } });
  const asViewer = await viewerContext.newPage();
  await signIn(asViewer, viewer.email, viewer.password);
  await asViewer.getByRole('link', { name: 'Members test' }).click();
  await expect(asViewer.getByText('Who may see this?')).toBeVisible();
  await asViewer.getByRole('link', { name: 'Settings' }).click();
  await expect(asViewer.getByText('You are a viewer in this project')).toBeVisible();
  await expect(asViewer.getByRole('button', { name: 'Save details' })).toHaveCount(0);
  await expect(asViewer.getByRole('button', { name: 'Change stage' })).toHaveCount(0);
  await expect(asViewer.getByRole('button', { name: 'Add member' })).toHaveCount(0);
  await viewerContext.close();

  const outsiderContext = await browser.newContext({ storageState: { cookies: [], origins: [] } });
  const asOutsider = await outsiderContext.newPage();
  await signIn(asOutsider, outsider.email, outsider.password);
  await expect(asOutsider.getByRole('link', { name: 'Members test' })).toHaveCount(0);
  const response = await asOutsider.goto(`/${slug}`);
  expect(response?.status()).toBe(404);
  await expect(asOutsider.getByText('Who may see this?')).toHaveCount(0);
  await outsiderContext.close();
});
