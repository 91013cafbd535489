import { beforeAll, expect, it } from 'vitest';
import { artifactPath, CHROMIUM, signIn, type BrowserSession } from '../support/chromium.ts';
import { makeFixtureRepo } from '../support/fixtureRepo.ts';
import { useFolioBrowsers } from '../support/folioBrowsers.ts';
import { BROWSER_USERS, type RunningFolio } from '../support/folioServer.ts';
import { waitForValue } from '../support/pageHelpers.ts';
import { expectHealthyRepo, fileAtHead, lastCommit } from '../support/repoChecks.ts';
import { describeWithTool } from '../support/requireTool.ts';
import { DECAP_TRANSLATED_BLOG } from '../support/translatedSite.ts';

describeWithTool(CHROMIUM, "browser: translations of a Decap config's i18n collection", () => {
  const [ana] = BROWSER_USERS as [(typeof BROWSER_USERS)[0]];
  let folio: RunningFolio;
  let browser: BrowserSession;
  const env = useFolioBrowsers([ana], undefined, () => makeFixtureRepo(DECAP_TRANSLATED_BLOG));
  beforeAll(() => {
    folio = env.folio;
    browser = env.browsers[0]!;
  });

  it("offers the collection's locales, and the translation's form follows the fields' i18n", async () => {
    const { page } = browser;
    await page.goto('/edit/content/posts/second.en.md');
    const nav = page.getByRole('navigation', { name: 'Translations' });
    await nav.waitFor();
    expect(await nav.locator('[aria-current="page"]').innerText()).toBe('English');
    // de only: es is Hugo's but not in the locales, fr is in the locales but not Hugo's.
    expect(await nav.getByRole('button').allInnerTexts()).toEqual(['+ Create Deutsch translation']);
    await page.getByRole('textbox', { name: 'Author' }).waitFor();
    expect(await page.getByRole('note').filter({ hasText: 'version only' }).count()).toBe(0);

    await nav.getByRole('button', { name: '+ Create Deutsch translation' }).click();
    await waitForValue(() => new URL(page.url()).pathname, '/edit/content/posts/second.de.md');
    await waitForValue(() => nav.locator('[aria-current="page"]').innerText(), 'Deutsch');
    expect(await nav.getByRole('link').allInnerTexts()).toEqual(['English']);
    // Author (no i18n) is the original's: not shown, named in a note. Date (duplicate) is locked.
    await page.getByText('Set in the English version only: Author.').waitFor();
    expect(await page.getByRole('textbox', { name: 'Author' }).count()).toBe(0);
    expect(await page.getByRole('textbox', { name: /^Title/ }).isEditable()).toBe(true);
    await page.getByText('The same in every language: change it in the English version.').waitFor();
    expect(await page.getByRole('textbox', { name: /^Date/ }).isDisabled()).toBe(true);
    await page.screenshot({ path: artifactPath('declared-translation.png'), fullPage: true });
    expect(fileAtHead(folio.repo, 'content/posts/second.de.md')).toBe(
      '---\ntitle: Second\ndate: 2025-06-01T10:00:00Z # kept\ndraft: true\n---\nSecond post.',
    );
    expect(lastCommit(folio.repo)).toMatchObject({
      author: ana.name,
      subject: 'Translate "Second" (de)',
    });
    expectHealthyRepo(folio.repo);
  });

  it('fits a phone, and dark mode', async () => {
    const { page } = browser;
    await page.setViewportSize({ width: 390, height: 800 });
    await page.goto('/edit/content/posts/hello.de.md');
    await page.getByText('Set in the English version only: Author.').waitFor();
    await page.screenshot({ path: artifactPath('declared-translation-phone.png'), fullPage: true });
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    expect(overflow).toBeLessThanOrEqual(0);
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.screenshot({ path: artifactPath('declared-translation-dark.png'), fullPage: true });
    await page.emulateMedia({ colorScheme: 'light' });
  });

  it("shows each collection's translations and what Hugo disagrees with on the schema page", async () => {
    const { page } = browser;
    const { password, ...user } = ana;
    await folio.ctx.users.upsert({ ...user, role: 'admin' }, password);
    await page.context().clearCookies();
    await signIn(page, ana.username, ana.password);
    await page.goto('/settings/schema');
    const posts = page.getByRole('region', { name: /^Posts/ });
    await posts.waitFor();
    expect(await posts.getByRole('definition').allInnerTexts()).toContain(
      'en, de, fr, original en: one file per language (post.de.md)',
    );
    expect(await posts.getByRole('row', { name: /^author/ }).innerText()).toContain(
      'original language only',
    );
    await page
      .getByText('fr is not a language of the Hugo site (en, de, es)', { exact: false })
      .waitFor();
    await page
      .getByText('multiple_folders puts the de version at content/news/de/<slug>.md', {
        exact: false,
      })
      .waitFor();
    await page.screenshot({
      path: artifactPath('declared-translation-schema.png'),
      fullPage: true,
    });
  });
});
