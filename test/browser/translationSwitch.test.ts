import { beforeAll, expect, it } from 'vitest';
import { artifactPath, CHROMIUM, type BrowserSession } from '../support/chromium.ts';
import { makeFixtureRepo } from '../support/fixtureRepo.ts';
import { useFolioBrowsers } from '../support/folioBrowsers.ts';
import { BROWSER_USERS, type RunningFolio } from '../support/folioServer.ts';
import { waitForValue } from '../support/pageHelpers.ts';
import { expectHealthyRepo, fileAtHead, lastCommit } from '../support/repoChecks.ts';
import { describeWithTool } from '../support/requireTool.ts';
import { TRANSLATED_SITE } from '../support/translatedSite.ts';

describeWithTool(CHROMIUM, 'browser: switching and creating translations', () => {
  const [ana] = BROWSER_USERS as [(typeof BROWSER_USERS)[0]];
  let folio: RunningFolio;
  let browser: BrowserSession;
  const env = useFolioBrowsers([ana], undefined, () => makeFixtureRepo(TRANSLATED_SITE));
  beforeAll(() => {
    folio = env.folio;
    browser = env.browsers[0]!;
  });

  it('links to the other languages and creates a missing one as a draft', async () => {
    const { page } = browser;
    await page.goto('/edit/content/en/docs/intro.md');
    const nav = page.getByRole('navigation', { name: 'Translations' });
    await nav.waitFor();
    expect(await nav.locator('[aria-current="page"]').innerText()).toBe('English');
    await page.screenshot({ path: artifactPath('translation-switch.png') });
    await nav.getByRole('link', { name: 'Español' }).click();
    await waitForValue(() => new URL(page.url()).pathname, '/edit/content/es/docs/intro.md');
    await waitForValue(() => nav.locator('[aria-current="page"]').innerText(), 'Español');
    await nav.getByRole('button', { name: '+ Create Brazilian Portuguese translation' }).click();
    await waitForValue(() => new URL(page.url()).pathname, '/edit/content/docs/intro.md');
    await waitForValue(
      () => nav.locator('[aria-current="page"]').innerText(),
      'Brazilian Portuguese',
    );
    expect(await nav.getByRole('link').allInnerTexts()).toEqual(['English', 'Español']);
    expect(fileAtHead(folio.repo, 'content/docs/intro.md')).toBe(
      '---\ntitle: Introducción\ndraft: true\n---\nHola.',
    );
    expect(lastCommit(folio.repo)).toMatchObject({
      author: ana.name,
      subject: 'Translate "Introducción" (pt-br)',
    });
    expectHealthyRepo(folio.repo);
  });

  it('fits a phone, and dark mode', async () => {
    const { page } = browser;
    await page.setViewportSize({ width: 390, height: 800 });
    await page.goto('/edit/content/en/docs/setup.md');
    const nav = page.getByRole('navigation', { name: 'Translations' });
    await nav.getByRole('button', { name: /Create Brazilian Portuguese/ }).waitFor();
    await page.screenshot({ path: artifactPath('translation-switch-phone.png') });
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    expect(overflow).toBeLessThanOrEqual(0);
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.screenshot({ path: artifactPath('translation-switch-dark.png') });
    await page.emulateMedia({ colorScheme: 'light' });
  });
});
