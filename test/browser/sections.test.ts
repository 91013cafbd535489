import { beforeAll, expect, it } from 'vitest';
import { artifactPath, CHROMIUM, type BrowserSession } from '../support/chromium.ts';
import { useFolioBrowsers } from '../support/folioBrowsers.ts';
import { BROWSER_USERS } from '../support/folioServer.ts';
import { postRow } from '../support/pageHelpers.ts';
import { describeWithTool } from '../support/requireTool.ts';

describeWithTool(CHROMIUM, 'browser: section pages in the list', () => {
  const [ana] = BROWSER_USERS as [(typeof BROWSER_USERS)[0]];
  let browser: BrowserSession;
  const env = useFolioBrowsers([ana]);
  beforeAll(() => {
    browser = env.browsers[0]!;
  });

  it('marks _index.md pages as sections, with only the switches that make sense for them', async () => {
    const { page } = browser;
    await page.goto('/?collection=docs');
    const section = postRow(page, 'Documentação');
    await section.waitFor();
    expect(await section.innerText()).toContain('Section page');
    const flags = section.getByRole('group', { name: 'Flags of Documentação' });
    expect(await flags.getByRole('switch').count()).toBe(1);
    await flags.getByRole('switch', { name: /^Draft: / }).waitFor();

    const post = postRow(page, 'Configuração do site');
    expect(await post.innerText()).not.toContain('Section page');
    // The docs' flags: no file of theirs has featured or pinned, but the site's default archetype
    // (which Hugo uses for every section) gives new docs both, so a post has all three switches.
    const names = await post
      .getByRole('switch')
      .evaluateAll((all) => all.map((s) => s.getAttribute('aria-label') ?? s.textContent ?? ''));
    expect(names.map((n) => n.split(':')[0])).toEqual(['Draft', 'Featured', 'Pinned']);
    // The Draft switches and History links stay in their columns.
    for (const name of [/^Draft: /, /^History of /]) {
      const [a, b] = await Promise.all(
        [section, post].map((row) =>
          row
            .getByRole(name.source.includes('History') ? 'link' : 'switch', { name })
            .boundingBox(),
        ),
      );
      expect(Math.round(a!.x)).toBe(Math.round(b!.x));
    }
    await page.screenshot({ path: artifactPath('sections-1280.png') });
  });
});
