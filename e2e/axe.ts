import AxeBuilder from '@axe-core/playwright';
import { type Page, expect, test } from '@playwright/test';

const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

/**
 * Opens `path` in the light and then the dark theme (the cookie the theme toggle sets, read by the root
 * layout) and scans each; `prepare` brings the page into the state to check. The theme cookie is removed
 * afterwards, so a session saved from this context keeps the default theme.
 */
export async function expectAccessibleInBothThemes(page: Page, path: string, prepare?: (page: Page) => Promise<void>) {
  const url = test.info().project.use.baseURL!;
  for (const theme of ['light', 'dark'] as const) {
    await page.context().addCookies([{ name: 'theme', value: theme, url }]);
    await page.goto(path);
    if (theme === 'dark') await expect(page.locator('html')).toHaveClass(/\bdark\b/);
    else await expect(page.locator('html')).not.toHaveClass(/\bdark\b/);
    await prepare?.(page);
    await expectNoSeriousViolations(page, `${path} in the ${theme} theme`);
  }
  await page.context().clearCookies({ name: 'theme' });
}

/**
 * Scans the page as it stands, with every disclosure opened so the forms behind them are checked too, and
 * fails on any serious or critical WCAG 2.1 A/AA violation, listing rule, help and the elements concerned.
 */
export async function expectNoSeriousViolations(page: Page, label: string) {
  // Charts and tables that fetch after hydration say "Loading…" until their data is drawn.
  await expect(page.getByText('Loading…')).toHaveCount(0);
  await page
    .locator('details:not([open])')
    .evaluateAll((all) => all.forEach((d) => ((d as HTMLDetailsElement).open = true)));
  const { violations } = await new AxeBuilder({ page }).withTags(WCAG_TAGS).analyze();
  const serious = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  const report = serious
    .map(
      (v) =>
        `${v.id} (${v.impact}): ${v.help} ${v.helpUrl}\n${v.nodes.map((n) => `    ${n.target.join(' ')}: ${n.failureSummary?.replace(/\s*\n\s*/g, ' ')}`).join('\n')}`,
    )
    .join('\n');
  expect(serious.length, `${label}: ${serious.length} serious or critical violation(s)\n${report}`).toBe(0);
  // Recharts makes each chart a focusable "application"; one without a <title> is announced without a name.
  await expect(
    page.locator('svg[role="application"]:has(> title:empty)'),
    `${label}: a focusable chart without a name`,
  ).toHaveCount(0);
}
