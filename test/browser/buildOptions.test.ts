// A site whose config has buildFuture = true: a post dated later stays "Scheduled" in the list,
// and its badge says a build publishes it anyway.
import { expect, it } from 'vitest';
import { artifactPath, CHROMIUM } from '../support/chromium.ts';
import { makeFixtureRepo } from '../support/fixtureRepo.ts';
import { useFolioBrowsers } from '../support/folioBrowsers.ts';
import { BROWSER_USERS } from '../support/folioServer.ts';
import { describeWithTool } from '../support/requireTool.ts';

const [ana] = BROWSER_USERS as [(typeof BROWSER_USERS)[0]];

describeWithTool(CHROMIUM, 'browser: a scheduled post that buildFuture builds', () => {
  const env = useFolioBrowsers([ana], undefined, () =>
    makeFixtureRepo({
      'hugo.toml': 'title = "Soon"\nbuildFuture = true\n',
      'content/posts/later.md': '---\ntitle: Later\ndate: 2099-01-01T09:00:00Z\n---\n',
      'content/posts/hidden.md': '---\ntitle: Hidden\ndate: 2020-01-01\npublished: false\n---\n',
    }),
  );

  it('shows the status and that a build publishes it', async () => {
    const { page } = env.browsers[0]!;
    await page.goto('/');
    const badge = page.locator('.badge-status.is-built');
    await badge.waitFor();
    expect(await badge.innerText()).toContain('Scheduled · built');
    expect(await badge.getAttribute('title')).toMatch(
      /^Scheduled for .*, yet the site’s buildFuture = true publishes it in every build$/,
    );
    // published: false is Hugo's draft, its Draft switch on; turning it off publishes it.
    await page.locator('.badge-status.is-draft').waitFor();
    const hidden = page.getByRole('switch', { name: /Draft.*Hidden|Hidden.*Draft/ });
    expect(await hidden.getAttribute('aria-checked')).toBe('true');
    await page.screenshot({ path: artifactPath('list-built-by.png') });
  });
});
