// A Decap `files` collection in the browser: its declared files are the rows of its own
// collection, a data file opens with its declared fields (labels, validation) and no body, a save
// is one commit that changes only that value, and a missing file is created at its path.
import { expect, it } from 'vitest';
import { artifactPath, CHROMIUM } from '../support/chromium.ts';
import { HUGO, MENU, filesSite } from '../support/filesSite.ts';
import { useFolioBrowsers } from '../support/folioBrowsers.ts';
import { BROWSER_USERS } from '../support/folioServer.ts';
import { gitCli } from '../support/gitCli.ts';
import { expectHealthyRepo, fileAtHead, lastCommit } from '../support/repoChecks.ts';
import { describeWithTool } from '../support/requireTool.ts';

const [ana] = BROWSER_USERS as [(typeof BROWSER_USERS)[0]];

describeWithTool(CHROMIUM, 'browser: a files collection', () => {
  const env = useFolioBrowsers([ana], undefined, filesSite);

  it('lists the declared files, edits a data file with its fields and commits only that value', async () => {
    const { page } = env.browsers[0]!;
    await page.goto('/?collection=settings');
    const rows = page.locator('article.post-row');
    await rows.first().waitFor();
    expect(await rows.locator('.post-title').allInnerTexts()).toEqual([
      'Main menu',
      'Example',
      'Social links',
    ]);
    await page.getByText('Not created yet').waitFor();
    // Its own heading and count: these are the site's files, not posts.
    await page.getByRole('heading', { name: 'Settings', level: 1 }).waitFor();
    await page.getByRole('status').filter({ hasText: '3 files' }).waitFor();
    expect(await page.title()).toBe('Settings · Folio');
    await page.screenshot({ path: artifactPath('files-collection-list.png') });

    await page.getByRole('link', { name: 'Example', exact: true }).click();
    const description = page.getByRole('textbox', { name: /^Description/ });
    await description.waitFor();
    expect(await page.getByRole('heading', { name: 'Body' }).count()).toBe(0);
    // The declared pattern is checked as the editor types, with the declared message.
    await description.fill('x'.repeat(41));
    await page.getByText('At most 40 characters').first().waitFor();
    await page.screenshot({ path: artifactPath('files-collection-invalid.png') });
    expect(await page.getByRole('button', { name: 'Save' }).isDisabled()).toBe(true);
    await description.fill('Notes from the field');
    await page.getByRole('button', { name: 'Save' }).click();
    await page
      .getByText(/Saved|Committed/)
      .first()
      .waitFor();
    await page.screenshot({ path: artifactPath('files-collection-data-file.png') });

    const repo = env.folio.repo;
    expect(fileAtHead(repo, 'hugo.toml')).toBe(
      HUGO.replace('"An example"', '"Notes from the field"').trimEnd(),
    );
    expect(lastCommit(repo)).toMatchObject({ subject: 'Update "Example"', author: ana.name });
    expect(gitCli(repo, ['show', '--stat', '--format=', 'HEAD'])).toContain('hugo.toml | 2 +-');
    expect(fileAtHead(repo, 'data/menu.yml')).toBe(MENU.trimEnd());
    expectHealthyRepo(repo);

    await page.setViewportSize({ width: 390, height: 800 });
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.screenshot({ path: artifactPath('files-collection-data-file-phone-dark.png') });
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.emulateMedia({ colorScheme: 'light' });
  });

  it('creates a missing declared file at its path with its defaults', async () => {
    const { page } = env.browsers[0]!;
    await page.goto('/?collection=settings');
    await page.getByRole('link', { name: 'Social links', exact: true }).click();
    await page.getByRole('heading', { name: 'Social links does not exist yet' }).waitFor();
    await page.screenshot({ path: artifactPath('files-collection-missing.png') });
    await page.getByRole('button', { name: 'Create data/social.json' }).click();
    const twitter = page.getByRole('textbox', { name: /^Twitter/ });
    await twitter.waitFor();
    expect(await twitter.inputValue()).toBe('@site');
    expect(fileAtHead(env.folio.repo, 'data/social.json')).toBe('{\n  "twitter": "@site"\n}');
    expect(lastCommit(env.folio.repo).subject).toBe('Create "Social links"');
  });

  it("offers the posts' view filters as presets, and titles rows with the summary", async () => {
    const { page } = env.browsers[0]!;
    await page.goto('/?collection=post');
    await page.getByRole('link', { name: 'Hello – 2020-04', exact: true }).waitFor();
    await page.getByRole('button', { name: 'Drafts' }).click();
    await page.waitForURL(/view=drafts/);
    await page.getByRole('link', { name: 'Later – 2021-01', exact: true }).waitFor();
    await expect
      .poll(() => page.locator('article.post-row .post-title').allInnerTexts())
      .toEqual(['Later – 2021-01']);
    expect(await page.getByRole('button', { name: 'Drafts' }).getAttribute('aria-pressed')).toBe(
      'true',
    );
    await page.screenshot({ path: artifactPath('view-presets.png') });
  });
});
