// Keyboard only: the list is one tab stop with arrow keys and j/k inside, shortcuts never fire
// while typing, `?` lists them, `e` edits, and the editor's first tab stop skips to the body.
import type { Page } from 'playwright-core';
import { beforeAll, expect, it } from 'vitest';
import { artifactPath, CHROMIUM, type BrowserSession } from '../support/chromium.ts';
import { makeFixtureRepo, type FixtureFiles } from '../support/fixtureRepo.ts';
import { useFolioBrowsers } from '../support/folioBrowsers.ts';
import { BROWSER_USERS } from '../support/folioServer.ts';
import { postRow, waitForValue } from '../support/pageHelpers.ts';
import { describeWithTool } from '../support/requireTool.ts';

const COUNT = 40;
const title = (n: number) => `Post number ${String(n).padStart(2, '0')}`;

// Newest first: post 1 is the newest, so the list shows them in number order.
function site(): FixtureFiles {
  const files: FixtureFiles = {
    'hugo.toml': 'title = "Keys"\ntimeZone = "Europe/Berlin"\n',
    'content/posts/launch.md':
      '---\ntitle: The launch\ndate: 2099-01-12T09:00:00\ntags: [news]\n---\nSoon.\n',
    'content/posts/old-offer.md':
      '---\ntitle: The old offer\ndate: 2000-01-01\nexpiryDate: 2000-06-30T23:59:00+02:00\n---\nGone.\n',
  };
  for (let n = 1; n <= COUNT; n++) {
    const day = new Date(Date.UTC(2026, 0, 1) - n * 86_400_000).toISOString().slice(0, 10);
    files[`content/posts/post-${n}.md`] =
      `---\ntitle: ${title(n)}\ndate: ${day}\ndraft: ${n % 7 === 0}\nfeatured: ${n % 5 === 0}\npinned: false\ntags: [t${n % 3}]\n---\nBody ${n}.\n`;
  }
  return files;
}

const focused = (page: Page) =>
  page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    return el?.getAttribute('aria-label') ?? el?.textContent?.trim() ?? '';
  });

describeWithTool(CHROMIUM, 'browser: the list by keyboard', () => {
  const [ana] = BROWSER_USERS as [(typeof BROWSER_USERS)[0]];
  let browser: BrowserSession;
  const env = useFolioBrowsers([ana], undefined, () => makeFixtureRepo(site()));
  beforeAll(() => {
    browser = env.browsers[0]!;
  });

  it('reaches the 27th post in a few keys, moves with j/k, Home/End and into a row with arrows', async () => {
    const { page } = browser;
    await page.goto('/?status=published,draft');
    await postRow(page, title(1)).waitFor();
    // Tab from the top of the page until the focus is in the list.
    let tabs = 0;
    while (tabs < 40) {
      await page.keyboard.press('Tab');
      tabs++;
      if (await page.evaluate(() => document.activeElement?.classList.contains('post-row'))) break;
    }
    expect(await focused(page)).toBe(title(1));
    // Header, search, sort, filters, shortcuts, new post, chips: far below one stop per control of every row.
    expect(tabs).toBeLessThan(20);
    for (let i = 1; i < 27; i++) await page.keyboard.press('ArrowDown');
    expect(await focused(page)).toBe(title(27));
    const row = postRow(page, title(27));
    const box = (await row.boundingBox())!;
    const list = (await page.locator('.post-scroll').boundingBox())!;
    expect(box.y).toBeGreaterThanOrEqual(list.y - 1);
    expect(box.y + box.height).toBeLessThanOrEqual(list.y + list.height + 1);
    console.log(`27th post reached with ${tabs} Tab and 26 ArrowDown (was ${tabs + 26 * 5} Tab)`);

    await page.keyboard.press('j');
    expect(await focused(page)).toBe(title(28));
    await page.keyboard.press('k');
    await page.keyboard.press('k');
    expect(await focused(page)).toBe(title(26));
    await page.keyboard.press('End');
    expect(await focused(page)).toBe(title(COUNT));
    await page.keyboard.press('Home');
    expect(await focused(page)).toBe(title(1));

    // Inside a row: Right walks its controls, Left and Escape come back; Tab reaches them too.
    await page.keyboard.press('ArrowRight');
    expect(await focused(page)).toBe(title(1)); // the title link
    expect(await page.evaluate(() => document.activeElement?.tagName)).toBe('A');
    await page.keyboard.press('ArrowRight');
    expect(await focused(page)).toBe(`Draft: ${title(1)}`);
    await page.keyboard.press('ArrowRight');
    expect(await focused(page)).toBe(`Featured: ${title(1)}`);
    await page.keyboard.press('ArrowLeft');
    expect(await focused(page)).toBe(`Draft: ${title(1)}`);
    await page.keyboard.press('Escape');
    expect(await page.evaluate(() => document.activeElement?.classList.contains('post-row'))).toBe(
      true,
    );
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.tagName)).toBe('A');
    await page.keyboard.press('Shift+Tab');
    expect(await focused(page)).toBe(title(1));
    // Only the active row is in the Tab order.
    expect(await page.locator('.post-row[tabindex="0"]').count()).toBe(1);
    expect(await page.locator('.post-scroll [tabindex="0"]').count()).toBe(6);
  });

  it('keeps the focused row when it scrolls out of view, and j brings the next one in', async () => {
    const { page } = browser;
    await page.keyboard.press('Home');
    await page.locator('.post-scroll').evaluate((el) => el.scrollTo(0, el.scrollHeight));
    await waitForValue(() => postRow(page, title(COUNT)).isVisible(), true);
    expect(await focused(page)).toBe(title(1)); // still in the DOM and focused
    await page.keyboard.press('j');
    expect(await focused(page)).toBe(title(2));
    expect(await postRow(page, title(2)).isVisible()).toBe(true);
    await page.screenshot({ path: artifactPath('list-keyboard-focus.png') });
  });

  it('never fires a shortcut while typing; / searches and ? lists the shortcuts', async () => {
    const { page } = browser;
    await page.keyboard.press('/');
    const search = page.getByRole('searchbox', { name: 'Search' });
    expect(await search.evaluate((el) => el === document.activeElement)).toBe(true);
    await page.keyboard.type('jk?e');
    expect(await search.inputValue()).toBe('jk?e');
    expect(await page.getByRole('dialog').count()).toBe(0);
    await search.fill('');
    await page.keyboard.press('Tab'); // the sort select: ? is typing there too
    await page.keyboard.press('?');
    expect(await page.getByRole('dialog').count()).toBe(0);
    await page.keyboard.press('Tab');
    expect(await focused(page)).toMatch(/^Filters/);
    await page.keyboard.press('?');
    const dialog = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
    await dialog.waitFor();
    expect(await dialog.innerText()).toMatch(/Next post[\s\S]*Edit the post/);
    await page.screenshot({ path: artifactPath('list-shortcuts.png') });
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
  });

  it('edits the focused row with Enter or e, and the editor starts with "Skip to body"', async () => {
    const { page } = browser;
    await page.keyboard.press('j'); // from outside the list: back to its active row
    expect(await focused(page)).toBe(title(2));
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: title(2), level: 1 }).waitFor();
    // Back in the list, the focus is on the row that was opened.
    await page.goBack();
    await postRow(page, title(1)).waitFor();
    await waitForValue(() => focused(page), title(2));
    await page.keyboard.press('j');
    expect(await focused(page)).toBe(title(3));
    await page.keyboard.press('e');
    await page.getByRole('heading', { name: title(3), level: 1 }).waitFor();
    // The first Tab of the editor page.
    await page.reload();
    await page.getByRole('heading', { name: title(3), level: 1 }).waitFor();
    await page.getByLabel('Body (Markdown)').waitFor();
    await page.keyboard.press('Tab');
    expect(await focused(page)).toBe('Skip to body');
    await page.screenshot({ path: artifactPath('editor-skip-link.png') });
    await page.keyboard.press('Enter');
    await waitForValue(() => focused(page), 'Body (Markdown)');
  });

  it('shows each row its status, with the date for screen readers, and filters by it', async () => {
    const { page } = browser;
    await page.goto('/');
    const launch = postRow(page, 'The launch');
    await launch.waitFor();
    expect(await launch.locator('.badge-status').innerText()).toContain('Scheduled');
    // In the reader's locale; the site's clock time, and its offset as it is not the reader's (UTC).
    expect(await launch.locator('.badge-status').getAttribute('title')).toMatch(
      /^Scheduled for (12 Jan|Jan 12,) 2099, 09:00 \(UTC\+01:00\)$/,
    );
    expect(await postRow(page, title(7)).locator('.badge-status').innerText()).toContain('Draft');
    await page.screenshot({ path: artifactPath('list-status.png') });
    await page.goto('/?status=expired');
    expect(
      await postRow(page, 'The old offer').locator('.badge-status .visually-hidden').innerText(),
    ).toMatch(/^Expired on (30 Jun|Jun 30,) 2000, 23:59/);
    await page.goto('/');
    await launch.waitFor();
    await page.getByRole('button', { name: /^Filters/ }).click();
    await page.getByRole('combobox', { name: 'Status' }).selectOption('scheduled');
    await waitForValue(() => new URL(page.url()).searchParams.get('status'), 'scheduled');
    await waitForValue(() => page.locator('.post-row').count(), 1);
    await page.getByRole('button', { name: /^Filters/ }).click();
    await page
      .getByRole('list', { name: 'Filters in use' })
      .getByText('Status: Scheduled')
      .waitFor();
    await page.setViewportSize({ width: 390, height: 800 });
    await page.goto('/');
    await launch.waitFor();
    await page.screenshot({ path: artifactPath('list-status-phone.png') });
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.setViewportSize({ width: 1280, height: 800 });
    await postRow(page, title(1)).focus();
    await page.screenshot({ path: artifactPath('list-status-dark.png') });
    await page.emulateMedia({ colorScheme: 'light' });
  });
});
