import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, expect, it } from 'vitest';
import { artifactPath, CHROMIUM, type BrowserSession } from '../support/chromium.ts';
import { makeFixtureRepo } from '../support/fixtureRepo.ts';
import { useFolioBrowsers } from '../support/folioBrowsers.ts';
import { BROWSER_USERS, type RunningFolio } from '../support/folioServer.ts';
import { waitForValue } from '../support/pageHelpers.ts';
import { expectHealthyRepo, fileAtHead } from '../support/repoChecks.ts';
import { describeWithTool } from '../support/requireTool.ts';

describeWithTool(CHROMIUM, 'browser: new post', () => {
  const [ana] = BROWSER_USERS as [(typeof BROWSER_USERS)[0]];
  let folio: RunningFolio;
  let browser: BrowserSession;
  const env = useFolioBrowsers([ana]);
  beforeAll(() => {
    folio = env.folio;
    browser = env.browsers[0]!;
  });

  async function openDialog() {
    const { page } = browser;
    await page.goto('/');
    await page.getByRole('button', { name: 'New post' }).click();
    const dialog = page.getByRole('dialog', { name: 'New post' });
    await dialog.waitFor();
    return dialog;
  }

  // The sample site's archetypes/default.md quotes the title: new posts keep its style.
  it('shows exactly the file it creates, in the default language (no .pt suffix)', async () => {
    const { page } = browser;
    const dialog = await openDialog();
    await dialog.getByLabel('Title').fill('Teste');
    await dialog.getByLabel('Collection').selectOption('blog');
    await dialog.getByLabel('Language').selectOption('pt');
    const help = dialog.locator('[id$="-slug-help"]');
    await waitForValue(() => help.innerText(), 'File: content/blog/teste.md');
    await page.screenshot({ path: artifactPath('new-post.png') });
    await dialog.getByRole('button', { name: 'Create draft' }).click();
    await waitForValue(() => new URL(page.url()).pathname, '/edit/content/blog/teste.md');
    expect(fileAtHead(folio.repo, 'content/blog/teste.md')).toContain('title: "Teste"');
    expect(existsSync(join(folio.repo, 'content/blog/teste.pt.md'))).toBe(false);
  });

  it('folds an accented slug typed by hand instead of refusing it, with the language suffix shown', async () => {
    const { page } = browser;
    const dialog = await openDialog();
    await dialog.getByLabel('Title').fill('Quick action');
    await dialog.getByLabel('Slug').fill('Ação Rápida');
    await dialog.getByLabel('Collection').selectOption('blog');
    await dialog.getByLabel('Language').selectOption('en');
    const help = dialog.locator('[id$="-slug-help"]');
    await waitForValue(() => help.innerText(), 'File: content/blog/acao-rapida.en.md');
    await dialog.getByRole('button', { name: 'Create draft' }).click();
    await waitForValue(() => new URL(page.url()).pathname, '/edit/content/blog/acao-rapida.en.md');
    expect(fileAtHead(folio.repo, 'content/blog/acao-rapida.en.md')).toContain(
      'title: "Quick action"',
    );
    expectHealthyRepo(folio.repo);
  });
});

describeWithTool(CHROMIUM, 'browser: the first post of an empty site', () => {
  const [ana] = BROWSER_USERS as [(typeof BROWSER_USERS)[0]];
  const env = useFolioBrowsers([ana], undefined, () =>
    makeFixtureRepo({
      'hugo.toml': 'title = "Empty"\nbaseURL = "https://example.org/"\n',
      'archetypes/default.md': '---\ntitle: ""\ndraft: true\n---\n',
      'content/.gitkeep': '',
    }),
  );

  it('offers a new section ("posts") when the site has no collection, and creates the post there', async () => {
    const { page } = env.browsers[0]!;
    await page.getByText('This site has no posts yet').waitFor();
    const button = page.getByRole('button', { name: 'New post' });
    expect(await button.isEnabled()).toBe(true);
    await button.click();
    const dialog = page.getByRole('dialog', { name: 'New post' });
    await dialog.getByLabel('Title').fill('Olá, mundo');
    expect(await dialog.getByLabel('Section name').inputValue()).toBe('posts');
    const help = dialog.locator('[id$="-slug-help"]');
    await waitForValue(() => help.innerText(), 'File: content/posts/ola-mundo.md (a new section)');
    await page.screenshot({ path: artifactPath('new-post-empty-site.png') });
    await dialog.getByRole('button', { name: 'Create draft' }).click();
    await waitForValue(() => new URL(page.url()).pathname, '/edit/content/posts/ola-mundo.md');
    expect(fileAtHead(env.folio.repo, 'content/posts/ola-mundo.md')).toContain(
      'title: "Olá, mundo"',
    );
    expectHealthyRepo(env.folio.repo);
  });
});
