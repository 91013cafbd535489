import { beforeAll, expect, it } from 'vitest';
import { artifactPath, CHROMIUM, type BrowserSession } from '../support/chromium.ts';
import { useFolioBrowsers } from '../support/folioBrowsers.ts';
import { BROWSER_USERS } from '../support/folioServer.ts';
import { postRow, waitForValue } from '../support/pageHelpers.ts';
import { describeWithTool } from '../support/requireTool.ts';

const KATA = 'Kata Containers para cargas de IA: isolamento sem perder a GPU';

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
});
