import { type Locator, type Page, expect, test } from '@playwright/test';
import { SECOND_POSTGRES_URL } from '../playwright.config';
import { addMember, createProject, createUser, openNewTask, signIn, unique } from './fixtures';

/** A project with an active sprint holding the given cards in To do, all created through the UI. */
async function projectWithSprint(page: Page, titles: string[]) {
  const slug = unique('board');
  await createProject(page, { name: 'Board e2e', slug });
  await page.goto(`/${slug}/sprints`);
  await page.getByRole('button', { name: 'New sprint' }).click();
  const plan = page.getByRole('dialog', { name: 'Plan a sprint' });
  await plan.getByLabel('Goal').fill('Beat persistence on rainy days');
  await plan.getByRole('button', { name: 'Plan sprint' }).click();
  await expect(plan).toBeHidden();
  await expect(page.getByRole('status').filter({ hasText: /^Planned Sprint 1:/ })).toBeVisible();
  await page.getByRole('form', { name: 'Start Sprint 1' }).getByRole('button', { name: 'Start' }).click();
  await expect(page.getByText('Sprint 1 started.')).toBeVisible();
  await page.goto(`/${slug}/board`);
  const add = await openNewTask(page);
  for (const [i, title] of titles.entries()) {
    await add.getByLabel('Title').fill(title);
    await add.getByRole('button', { name: 'Add task' }).click();
    await expect(add.getByText(`Created T-${i + 1}.`)).toBeVisible();
    await expect(add.getByLabel('Title')).toBeFocused();
    await expect(add.getByText('0 / 200 characters')).toBeVisible();
  }
  await add.getByRole('button', { name: 'Cancel' }).click();
  await expect(add).toBeHidden();
  for (const title of titles) await expect(card(page, 'To do', title)).toBeVisible();
  return slug;
}

const column = (page: Page, name: string) => page.getByRole('region', { name, exact: true });
const cardList = (page: Page, name: string) => column(page, name).getByRole('list', { name: `${name} cards` });
const card = (page: Page, columnName: string, title: string) =>
  column(page, columnName).getByRole('listitem').filter({ hasText: title });

/**
 * A pointer drag the way a person does it, paced by what the board shows rather than by coordinates and time:
 * press, nudge past dnd-kit's 6 px activation distance and (for an editor) wait until the live region says the
 * card is picked up, measure the target only then, glide to it and hold, moving on the spot, until the card
 * shows in the target column before releasing, as a person waits to see the gap open.
 *
 * The card is centred in the viewport first and the pointer stays at its height, outside the top and bottom
 * fifths where dnd-kit scrolls the page during a drag (a scroll would make the measured coordinates wrong), and
 * away from the target column's bottom edge, which the old helper aimed at and which may sit below the fold.
 */
async function dragTo(page: Page, item: Locator, target: Locator, arrived?: Locator) {
  await item.evaluate((el) => el.scrollIntoView({ block: 'center', inline: 'nearest' }));
  const from = (await item.boundingBox())!;
  // Grab the card by its header row, away from the title link.
  const x = from.x + from.width - 16;
  const y = from.y + 12;
  await page.mouse.move(x, y);
  await page.mouse.down();
  await page.mouse.move(x + 12, y + 4, { steps: 4 });
  if (arrived) {
    // dnd-kit's live region names the card once it is picked up ("Picked up …", then "… is now in …").
    const title = await item.getByRole('link').innerText();
    await expect(page.getByRole('status').filter({ hasText: title })).toHaveText(/^(Picked up |T-\d+ .* is now )/);
  }
  // Measured once the drag has started, so nothing the pick-up moved is stale.
  const to = (await target.boundingBox())!;
  const aimX = to.x + to.width / 2;
  const aimY = Math.max(to.y + 12, Math.min(y + 4, to.y + to.height - 12));
  await page.mouse.move(aimX, aimY, { steps: 20 });
  if (arrived) {
    // Collisions are computed from the last pointer position dnd-kit saw; if it was still measuring the columns
    // when the glide ended (a busy machine), a person's hand would move a little more, and so does this.
    let wiggle = 0;
    await expect(async () => {
      await page.mouse.move(aimX + (wiggle++ % 2), aimY);
      await expect(arrived).toBeVisible({ timeout: 1_000 });
    }).toPass();
  }
  await page.mouse.up();
}

async function openBoardAs(
  browser: import('@playwright/test').Browser,
  slug: string,
  who: { email: string; password: string },
) {
  const context = await browser.newContext({ storageState: { cookies: [], origins: [] } });
  const page = await context.newPage();
  await signIn(page, who.email, who.password);
  await page.goto(`/${slug}/board`);
  await expect(page.getByText('Live', { exact: true })).toBeVisible();
  return { context, page };
}

test('a dragged card stays where it was dropped after a reload, and a browser on the other app instance sees the move live', async ({
  page,
  browser,
}) => {
  const title = unique('Collect more training data');
  const other = unique('Improve feature engineering');
  const slug = await projectWithSprint(page, [title, other]);
  await expect(page.getByText('Live', { exact: true })).toBeVisible();

  // The watcher is served by a second `next start` on the same database: the move crosses instances.
  const second = await browser.newContext({ storageState: 'e2e/.auth/admin.json', baseURL: SECOND_POSTGRES_URL });
  const watcher = await second.newPage();
  await watcher.goto(`/${slug}/board`);
  await expect(watcher).toHaveURL(new RegExp(`^${SECOND_POSTGRES_URL}/`));
  await expect(watcher.getByText('Live', { exact: true })).toBeVisible();
  await expect(card(watcher, 'To do', title)).toBeVisible();
  const fetched: string[] = [];
  watcher.on('request', (r) => {
    const path = new URL(r.url()).pathname;
    if (path.startsWith(`/api/projects/${slug}/board`)) fetched.push(path);
  });

  await dragTo(page, card(page, 'To do', title), cardList(page, 'In progress'), card(page, 'In progress', title));
  await expect(card(page, 'In progress', title)).toBeVisible();
  // The other instance learns of it through Postgres NOTIFY and pushes it by Server-Sent Events, without a reload.
  await expect(card(watcher, 'In progress', title)).toBeVisible({ timeout: 2_000 });
  await expect(card(watcher, 'To do', title)).toHaveCount(0);
  // The watcher fetched the one card that moved, not the whole board.
  expect(fetched).toEqual([expect.stringMatching(new RegExp(`^/api/projects/${slug}/board/tasks/[0-9a-f-]{36}$`))]);

  await page.reload();
  await expect(card(page, 'In progress', title)).toBeVisible();
  await expect(card(page, 'To do', other)).toBeVisible();
  await second.close();
});

test('a card moves with the keyboard alone, with each step announced', async ({ page }) => {
  const first = unique('Label edge cases');
  const second = unique('Try new algorithm');
  const slug = await projectWithSprint(page, [first, second]);
  const handle = page.getByRole('button', { name: `Move T-2: ${second}` });
  await handle.focus();
  await page.keyboard.press('Space');
  await expect(page.getByRole('status').filter({ hasText: `T-2 ${second}` })).toContainText('To do');
  await page.keyboard.press('ArrowUp');
  await expect(page.getByRole('status').filter({ hasText: `T-2 ${second}` })).toContainText('position 1 of 2');
  await page.keyboard.press('ArrowRight');
  await expect(page.getByRole('status').filter({ hasText: `T-2 ${second}` })).toContainText('In progress');
  await page.keyboard.press('Space');
  await expect(page.getByRole('status').filter({ hasText: `Dropped T-2 ${second}` })).toContainText(
    'In progress, position 1 of 1',
  );
  await expect(card(page, 'In progress', second)).toBeVisible();
  await page.goto(`/${slug}/board`);
  await expect(card(page, 'In progress', second)).toBeVisible();
  await expect(card(page, 'To do', first)).toBeVisible();
});

test('column limits are set in a dialog from the header and flag a column over its limit', async ({ page }) => {
  await projectWithSprint(page, [unique('First card'), unique('Second card')]);
  await page.getByRole('button', { name: 'Column limits' }).click();
  const dialog = page.getByRole('dialog', { name: 'Column limits' });
  await dialog.getByLabel('To do limit').fill('1');
  await dialog.getByRole('button', { name: 'Save limits' }).click();
  await expect(dialog).toBeHidden();
  await expect(column(page, 'To do')).toContainText('Over WIP limit: 2 of 1');
});

test('a viewer sees the board but cannot drag a card', async ({ page, browser }) => {
  const title = unique('Write the model card');
  const slug = await projectWithSprint(page, [title]);
  const viewer = { name: 'Vera Viewer', email: `${unique('vera')}@example.com`, password: 'viewer-password-9' };
  await createUser(page, viewer);
  await addMember(page, slug, viewer.email, 'viewer');

  const { context, page: asViewer } = await openBoardAs(browser, slug, viewer);
  await expect(asViewer.getByText('You can view this board; editors move the cards.')).toBeVisible();
  await expect(asViewer.getByRole('button', { name: /^Move T-/ })).toHaveCount(0);
  await expect(asViewer.getByRole('button', { name: 'New task' })).toHaveCount(0);
  await dragTo(asViewer, card(asViewer, 'To do', title), cardList(asViewer, 'Done'));
  await expect(card(asViewer, 'To do', title)).toBeVisible();
  await asViewer.reload();
  await expect(card(asViewer, 'To do', title)).toBeVisible();
  await expect(card(asViewer, 'Done', title)).toHaveCount(0);
  await context.close();
});

test('a long column draws its first 20 cards, counts them all, and scrolling to its end draws the rest', async ({
  page,
}) => {
  const slug = unique('long');
  await createProject(page, { name: 'Long column e2e', slug });
  await page.goto(`/${slug}/board?sprint=backlog`);
  const add = await openNewTask(page);
  for (let i = 1; i <= 22; i++) {
    await add.getByLabel('Title').fill(`Card ${i}`);
    await add.getByRole('button', { name: 'Add task' }).click();
    await expect(add.getByText(`Created T-${i}.`)).toBeVisible();
  }
  // Opened at the top, the column's end is far below the screen: 20 cards drawn, all 22 counted.
  await page.setViewportSize({ width: 1280, height: 600 });
  await page.goto(`/${slug}/board?sprint=backlog`);
  const cards = cardList(page, 'To do').getByRole('listitem');
  await expect(cards).toHaveCount(20);
  await expect(column(page, 'To do').getByText(/^22 · \d+ pts$/)).toBeVisible();
  await expect(cards.last()).toContainText('Card 20');
  const showMore = column(page, 'To do').getByRole('button', { name: 'Show 2 more cards (2 not shown)' });
  await expect(showMore).not.toBeInViewport();
  await expect(cards).toHaveCount(20);
  // Scrolling down to the column's end draws the rest without a click.
  await page.mouse.move(400, 300);
  await expect(async () => {
    await page.mouse.wheel(0, 600);
    await expect(cards).toHaveCount(22, { timeout: 1_000 });
  }).toPass();
  await expect(cards.last()).toContainText('Card 22');
  await expect(column(page, 'To do').getByRole('button', { name: /^Show \d+ more cards/ })).toHaveCount(0);
});
