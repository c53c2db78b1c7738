import { expect, test } from '@playwright/test';
import { expectAccessibleInBothThemes } from './axe';
import { ADMIN, linksOn } from './fixtures';

// Every page of the app, scanned with axe in the light and the dark theme. The pages show the demo project
// (Seattle weather), which the setup project seeds, so tables, charts and forms hold real content.
const DEMO = '/demo';

/** Each section of the project nav (and the board's other tabs), with text only the seeded data puts there. */
const SECTIONS: ReadonlyArray<{ path: string; shows: string }> = [
  { path: '', shows: 'Seasonal drift between training years and serving years' },
  { path: '/metrics', shows: 'Validation log loss' },
  { path: '/risks', shows: 'Weather station outage leaves gaps in precipitation' },
  { path: '/problem', shows: 'Find the signals that precede a rainy day' },
  { path: '/board', shows: 'Set up drift monitoring on the served model' },
  { path: '/backlog', shows: 'Try gradient boosting' },
  { path: '/sprints', shows: 'Sprint 4: monitor' },
  { path: '/experiments', shows: 'Random forest' },
  { path: '/runs', shows: 'logreg data: history + balanced' },
  { path: '/runs?group=params.model', shows: 'Grouped by params.model' },
  { path: '/models', shows: 'rain-tomorrow' },
  { path: '/datasets', shows: 'seattle-weather-features' },
  { path: '/monitoring', shows: 'rain-tomorrow' },
  { path: '/ab-tests', shows: 'Held-out replay: challenger vs champion' },
  { path: '/report', shows: 'Validation accuracy' },
  { path: '/report/print', shows: 'Validation accuracy' },
  { path: '/activity', shows: 'Held-out replay: challenger vs champion' },
  { path: '/settings', shows: ADMIN.email },
];

/** Each kind of detail page, reached through the first link of that shape on the page that lists them. */
const DETAILS: ReadonlyArray<{ name: string; listedOn: string; link: RegExp }> = [
  { name: 'success metric', listedOn: '/metrics', link: /\/metrics\/[\w-]+$/ },
  { name: 'risk', listedOn: '/risks', link: /\/risks\/[\w-]+$/ },
  { name: 'task', listedOn: '/board', link: /\/board\/tasks\/[\w-]+$/ },
  { name: 'experiment', listedOn: '/experiments', link: /\/experiments\/\d+$/ },
  { name: 'run', listedOn: '/runs', link: /\/runs\/\w+$/ },
  { name: 'model', listedOn: '/models', link: /\/models\/[^/?]+$/ },
  { name: 'model version', listedOn: '/models/rain-tomorrow', link: /\/models\/[^/]+\/versions\/\d+$/ },
  { name: 'dataset', listedOn: '/datasets', link: /\/datasets\/[\w-]+$/ },
  { name: 'monitored model', listedOn: '/monitoring', link: /\/monitoring\/[^/?]+$/ },
  { name: 'A/B test', listedOn: '/ab-tests', link: /\/ab-tests\/[\w-]+$/ },
];

test.describe('signed in', () => {
  for (const { path, shows } of SECTIONS) {
    test(`section ${path || '/'}`, async ({ page }) => {
      await expectAccessibleInBothThemes(page, `${DEMO}${path}`, async () => {
        await expect(page.getByRole('main').getByText(shows).first()).toBeVisible();
      });
    });
  }

  for (const { name, listedOn, link } of DETAILS) {
    test(`${name} page`, async ({ page }) => {
      const [href] = await linksOn(page, `${DEMO}${listedOn}`, link);
      await expectAccessibleInBothThemes(page, href!);
    });
  }

  // The run page opens on its charts; its other tabs hold the tables and the forms.
  for (const tab of ['overview', 'data', 'artifacts']) {
    test(`run page, ${tab} tab`, async ({ page }) => {
      const [href] = await linksOn(page, `${DEMO}/runs`, /\/runs\/\w+$/);
      await expectAccessibleInBothThemes(page, `${href}?tab=${tab}`, async () => {
        await expect(
          page.getByRole('navigation', { name: 'Page tabs' }).locator('[aria-current="page"]'),
        ).toBeVisible();
      });
    });
  }

  test('run comparison', async ({ page }) => {
    const runs = (await linksOn(page, `${DEMO}/runs`, /\/runs\/\w+$/)).slice(0, 3).map((h) => h.split('/').pop());
    expect(runs).toHaveLength(3);
    await expectAccessibleInBothThemes(page, `${DEMO}/compare?runs=${runs.join(',')}`, async () => {
      await expect(page.getByRole('table', { name: /Differences between the compared runs/ })).toBeVisible();
    });
  });

  test('model version comparison', async ({ page }) => {
    await expectAccessibleInBothThemes(page, `${DEMO}/models/rain-tomorrow?compare=1,2`, async () => {
      await expect(page.getByRole('table', { name: 'Compare versions of rain-tomorrow' })).toBeVisible();
    });
  });

  for (const path of ['/', '/projects/new', '/admin/users']) {
    test(`page ${path}`, async ({ page }) => {
      await expectAccessibleInBothThemes(page, path, async () => {
        await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
      });
    });
  }

  test('not found', async ({ page }) => {
    await expectAccessibleInBothThemes(page, `${DEMO}/runs/no-such-run`, async () => {
      await expect(page.getByRole('heading', { name: 'Not found' })).toBeVisible();
    });
  });
});

test.describe('signed out', () => {
  test.use({ storageState: { cookies: [], origins: [] } });

  test('sign-in page, showing its error message', async ({ page }) => {
    await expectAccessibleInBothThemes(page, '/sign-in', async () => {
      // An unknown email: the failure counts against no real account's sign-in limit.
      await page.getByLabel('Email').fill('nobody@example.com');
      await page.getByLabel('Password').fill('not-the-password');
      await page.getByRole('button', { name: 'Sign in' }).click();
      await expect(page.getByRole('main').getByRole('alert')).toContainText(/email or password/i);
    });
  });
});
