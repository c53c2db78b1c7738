import { type Page, expect, test } from '@playwright/test';
import { createProject, unique } from './fixtures';

/** Collects every CSP violation the page reports, from the DOM event and from the console. */
async function watchViolations(page: Page): Promise<string[]> {
  const violations: string[] = [];
  page.on('console', (msg) => {
    if (/Content Security Policy/i.test(msg.text())) violations.push(msg.text());
  });
  await page.exposeFunction('reportCspViolation', (text: string) => violations.push(text));
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      (window as unknown as { reportCspViolation: (t: string) => void }).reportCspViolation(
        `${e.violatedDirective} blocked ${e.blockedURI}`,
      );
    });
  });
  return violations;
}

const scriptSrc = (policy: string) => policy.split(';').find((d) => d.trim().startsWith('script-src')) ?? '';

test('pages run their scripts under a per-request nonce, with no inline-script allowance and no CSP violation', async ({
  page,
}) => {
  const slug = unique('csp');
  await createProject(page, { name: 'CSP e2e', slug });
  const violations = await watchViolations(page);
  const nonces = new Set<string>();
  for (const path of ['/', `/${slug}`, `/${slug}/board`, `/${slug}/runs`, '/admin/users']) {
    const res = await page.goto(path);
    const policy = res!.headers()['content-security-policy'] ?? '';
    const scripts = scriptSrc(policy);
    expect(scripts, path).toMatch(/'nonce-[A-Za-z0-9+/=]{16,}'/);
    expect(scripts, path).toContain("'strict-dynamic'");
    expect(scripts, path).not.toContain("'unsafe-inline'");
    nonces.add(/'nonce-([^']+)'/.exec(scripts)![1]!);
    // Next's own scripts carry the nonce, so the page hydrates: the theme toggle works.
    const toggle = page.getByRole('button', { name: /^Switch to (dark|light) theme$/ });
    const other = (await toggle.getAttribute('aria-label'))!.includes('dark') ? 'light' : 'dark';
    await toggle.click();
    await expect(page.getByRole('button', { name: `Switch to ${other} theme` })).toBeVisible();
  }
  expect(nonces.size).toBe(5);
  expect(violations).toEqual([]);
});

test('a server action posted from another site is refused with 403, not a server error', async ({ request }) => {
  const action = {
    // Any action id: the origin is checked before the action is looked up.
    'next-action': '7f'.repeat(21),
    'content-type': 'text/plain;charset=UTF-8',
  };
  const foreign = await request.post('/sign-in', {
    headers: { ...action, origin: 'https://evil.example' },
    data: '[]',
  });
  expect(foreign.status()).toBe(403);
  expect(await foreign.text()).toContain('another site');
  const sameSite = await request.post('/sign-in', {
    headers: { ...action, origin: new URL(foreign.url()).origin },
    data: '[]',
  });
  expect(sameSite.status()).not.toBe(403);
  expect(sameSite.status()).toBeLessThan(500);
});
