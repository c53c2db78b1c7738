import { type Page, expect } from '@playwright/test';

export const ADMIN = { name: 'Ada Admin', email: 'ada@example.com', password: 'correct-horse-battery' };

/** Unique per test so specs never depend on each other's data. */
export function unique(prefix: string): string {
  return `${prefix}-${Date.now().toString(36)}${Math.floor(Math.random() * 1e4).toString(36)}`;
}

export async function signIn(page: Page, email: string, password: string) {
  await page.goto('/sign-in');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('heading', { name: 'Projects' })).toBeVisible();
}

export async function createProject(page: Page, opts: { name: string; slug: string; problem?: string }) {
  await page.goto('/projects/new');
  await page.getByLabel('Name').fill(opts.name);
  await page.getByLabel('Slug').fill(opts.slug);
  if (opts.problem) await page.getByLabel('Problem statement').fill(opts.problem);
  await page.getByRole('button', { name: 'Create project' }).click();
  await expect(page).toHaveURL(new RegExp(`/${opts.slug}$`));
  await expect(page.getByRole('heading', { name: opts.name, level: 1 })).toBeVisible();
}

export async function createUser(page: Page, opts: { name: string; email: string; password: string }) {
  await page.goto('/admin/users');
  const form = page.getByRole('region', { name: 'Create user' });
  await form.getByLabel('Name').fill(opts.name);
  await form.getByLabel('Email').fill(opts.email);
  await form.getByLabel('Initial password').fill(opts.password);
  await form.getByRole('button', { name: 'Create user' }).click();
  await expect(form.getByText(`User ${opts.email} created.`)).toBeVisible();
}

export async function addMember(page: Page, slug: string, email: string, role: 'viewer' | 'editor' | 'owner') {
  await page.goto(`/${slug}/settings`);
  const members = page.getByRole('region', { name: 'Members' });
  await members.getByLabel('Email').fill(email);
  await members.getByLabel('Role', { exact: true }).selectOption(role);
  await members.getByRole('button', { name: 'Add member' }).click();
  await expect(members.getByText(`${email} added as ${role}.`)).toBeVisible();
}

/** Adds a risk through the risk register's “New risk” dialog; the outcome is announced beside the button. */
export async function addRisk(
  page: Page,
  slug: string,
  r: { title: string; likelihood?: string; impact?: string; plan?: string },
) {
  await page.goto(`/${slug}/risks`);
  await page.getByRole('button', { name: 'New risk' }).click();
  const dialog = page.getByRole('dialog', { name: 'Add a risk' });
  await dialog.getByLabel('Risk', { exact: true }).fill(r.title);
  if (r.likelihood) await dialog.getByLabel('Likelihood').selectOption(r.likelihood);
  if (r.impact) await dialog.getByLabel('Impact').selectOption(r.impact);
  if (r.plan) await dialog.getByLabel('Mitigation plan').fill(r.plan);
  await dialog.getByRole('button', { name: 'Add risk' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('status').filter({ hasText: `Risk “${r.title}” added.` })).toBeVisible();
}

/**
 * The distinct addresses of the links in `main` on `path` that match `link`, in page order, once there is one.
 * Polled: React reveals streamed sections in batches, so a page's content can arrive after its load event.
 */
export async function linksOn(page: Page, path: string, link: RegExp): Promise<string[]> {
  await page.goto(path);
  let found: string[] = [];
  await expect
    .poll(
      async () => {
        const hrefs = await page
          .getByRole('main')
          .locator('a[href]')
          .evaluateAll((as) => as.map((a) => a.getAttribute('href')!));
        found = [...new Set(hrefs.filter((h) => h.startsWith('/') && link.test(h)))];
        return found.length;
      },
      { message: `a link like ${link} on ${path}` },
    )
    .toBeGreaterThan(0);
  return found;
}

/**
 * Opens the board's or backlog's "New task" dialog (named `title`) with "Create more" ticked, so several tasks
 * can be added one after another; returns the dialog.
 */
export async function openNewTask(page: Page, title = 'Add a task') {
  await page.getByRole('button', { name: 'New task' }).click();
  const dialog = page.getByRole('dialog', { name: title });
  await dialog.getByRole('checkbox', { name: 'Create more' }).check();
  return dialog;
}
