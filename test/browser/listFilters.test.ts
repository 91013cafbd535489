import { beforeAll, expect, it } from 'vitest';
import { artifactPath, CHROMIUM, type BrowserSession } from '../support/chromium.ts';
import { useFolioBrowsers } from '../support/folioBrowsers.ts';
import { BROWSER_USERS } from '../support/folioServer.ts';
import { postRow, waitForText, waitForValue } from '../support/pageHelpers.ts';
import { commitCount, expectHealthyRepo, fileAtHead, lastCommit } from '../support/repoChecks.ts';
import { describeWithTool } from '../support/requireTool.ts';

const KATA = 'Kata Containers para cargas de IA: isolamento sem perder a GPU';
const KATA_ID = 'content/blog/kata-containers-ia.md';

describeWithTool(CHROMIUM, 'browser: compact list filters', () => {
  const [ana] = BROWSER_USERS as [(typeof BROWSER_USERS)[0]];
  let browser: BrowserSession;
  const env = useFolioBrowsers([ana]);
  beforeAll(() => {
    browser = env.browsers[0]!;
  });

  it('folds the filters, matches a tag prefix, offers the site languages, and "Posts" returns with the filters', async () => {
    const { page } = browser;
    await page.setViewportSize({ width: 900, height: 900 });
    await postRow(page, KATA).waitFor();
    const panel = page.getByRole('search', { name: 'Filter posts' });
    const folded = (await panel.boundingBox())!.height;
    expect(folded).toBeLessThan(90);

    await page.locator('body').press('/');
    expect(
      await page
        .getByRole('searchbox', { name: 'Search' })
        .evaluate((el) => el === document.activeElement),
    ).toBe(true);
    const toggle = page.getByRole('button', { name: /^Filters/ });
    expect(await toggle.getAttribute('aria-expanded')).toBe('false');
    await toggle.click();
    const language = page.getByRole('combobox', { name: 'Language' });
    expect(await language.locator('option').allInnerTexts()).toEqual([
      'Any language',
      'pt',
      'en',
      'es',
    ]);
    await page.getByLabel('Tag', { exact: true }).fill('kube');
    await waitForValue(() => new URL(page.url()).searchParams.get('tag'), 'kube');
    await postRow(page, KATA).waitFor();
    await toggle.click();
    await page.getByRole('list', { name: 'Filters in use' }).getByText('Tag: kube').waitFor();
    await page.screenshot({ path: artifactPath('filters-900.png') });

    await page.getByRole('link', { name: KATA, exact: true }).click();
    await page.getByRole('heading', { name: KATA, level: 1 }).waitFor();
    await page.getByRole('link', { name: 'Posts', exact: true }).first().click();
    await waitForValue(() => new URL(page.url()).search, '?tag=kube');
    await page.getByRole('button', { name: 'Remove the filter Tag: kube' }).click();
    await waitForValue(() => new URL(page.url()).search, '');
  });

  it('offers Undo after a one-click toggle, as a second commit', async () => {
    const { page } = browser;
    const original = fileAtHead(env.folio.repo, KATA_ID);
    const before = commitCount(env.folio.repo);
    await page.goto('/');
    await postRow(page, KATA)
      .getByRole('switch', { name: /^Featured: / })
      .click();
    const toast = page.locator('.toast');
    await waitForText(toast, `Marked as featured: “${KATA}”.`);
    await page.screenshot({ path: artifactPath('toast-undo.png') });
    await toast.getByRole('button', { name: 'Undo' }).click();
    await waitForText(page.locator('.toast'), 'Undone. Marked as not featured');
    await waitForValue(() => commitCount(env.folio.repo), before + 2);
    expect(fileAtHead(env.folio.repo, KATA_ID)).toBe(original);
    expect(lastCommit(env.folio.repo).subject).toBe(`Mark "${KATA}" as not featured`);
    expect(
      await postRow(page, KATA)
        .getByRole('switch', { name: /^Featured: / })
        .getAttribute('aria-checked'),
    ).toBe('false');
    expectHealthyRepo(env.folio.repo);
  });
});
