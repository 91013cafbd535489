// Decap's create: false in the browser: the new post dialog offers only the collections that take
// new entries (and no new section, which the schema declares), Duplicate is not offered where a
// copy would be refused, and a site where no collection takes new entries says why.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { artifactPath, CHROMIUM } from '../support/chromium.ts';
import { makeFixtureRepo } from '../support/fixtureRepo.ts';
import { useFolioBrowsers } from '../support/folioBrowsers.ts';
import { BROWSER_USERS } from '../support/folioServer.ts';
import { describeWithTool } from '../support/requireTool.ts';
import { PROJECT_ROOT } from '../support/tempRepo.ts';

const [ana] = BROWSER_USERS as [(typeof BROWSER_USERS)[0]];
const DECAP = readFileSync(join(PROJECT_ROOT, 'test/fixtures/decap/2i2c-config.yml'), 'utf8');
const CREATE = '    create: true  # Allow users to create new documents in this collection\n';
const TALK_FOLDER = "    folder: 'content/talk'\n    path: '{{slug}}/index'\n";
const POSTS = {
  'content/talk/kubecon/index.md': '---\ntitle: KubeCon\n---\nTalk.\n',
  'content/post/hello/index.md': '---\ntitle: Hello\n---\nHi.\n',
};

describeWithTool(CHROMIUM, 'browser: a Decap collection without create: true', () => {
  const env = useFolioBrowsers([ana], undefined, () =>
    makeFixtureRepo({
      'static/admin/config.yml': DECAP.replace(`${TALK_FOLDER}${CREATE}`, TALK_FOLDER),
      ...POSTS,
    }),
  );

  it('is not offered in the new post dialog, and its posts offer no Duplicate', async () => {
    const { page } = env.browsers[0]!;
    await page.goto('/');
    await page.getByRole('button', { name: 'New post' }).click();
    const dialog = page.getByRole('dialog', { name: 'New post' });
    await dialog.waitFor();
    const options = await dialog.getByLabel('Collection').locator('option').allInnerTexts();
    expect(options).toEqual(['authors', 'post']);
    await page.screenshot({ path: artifactPath('new-post-create-false.png') });
    await dialog.getByRole('button', { name: 'Cancel' }).click();

    await page.goto(`/edit/${'content/talk/kubecon/index.md'}`);
    await page.getByRole('button', { name: 'Save' }).waitFor();
    await page.getByRole('button', { name: 'Actions' }).click();
    await page.getByRole('button', { name: 'Move or rename…' }).waitFor();
    expect(await page.getByRole('button', { name: 'Duplicate…' }).count()).toBe(0);
    await page.goto(`/edit/${'content/post/hello/index.md'}`);
    await page.getByRole('button', { name: 'Save' }).waitFor();
    await page.getByRole('button', { name: 'Actions' }).click();
    await page.getByRole('button', { name: 'Duplicate…' }).waitFor();

    // The Move dialog suggests only the collections that take new entries, and refuses the others.
    await page.getByRole('button', { name: 'Move or rename…' }).click();
    const move = page.getByRole('dialog', { name: /Move or rename/ });
    const path = move.getByLabel('New path');
    const listId = await path.getAttribute('list');
    const suggested = await page
      .locator(`datalist[id="${listId}"] option`)
      .evaluateAll((options) => options.map((o) => (o as HTMLOptionElement).value));
    expect(suggested).toEqual(['content/authors/hello/index.md']);
    await path.fill('content/talk/hello/index.md');
    const refusal =
      'Talks takes no new entries (the site’s schema has create: false for it), so nothing can be moved there. Choose another folder.';
    await move.getByText(refusal).first().waitFor();
    expect(await move.getByRole('button', { name: 'Move' }).isDisabled()).toBe(true);
    await page.screenshot({ path: artifactPath('move-into-create-false.png') });
    await page.setViewportSize({ width: 390, height: 800 });
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.screenshot({ path: artifactPath('move-into-create-false-phone-dark.png') });
    await page.emulateMedia({ colorScheme: 'light' });
    await path.fill('content/post/hello-again/index.md');
    expect(await move.getByRole('button', { name: 'Move' }).isDisabled()).toBe(false);
  });
});

describeWithTool(CHROMIUM, 'browser: a Decap config where no collection takes new entries', () => {
  const env = useFolioBrowsers([ana], undefined, () =>
    makeFixtureRepo({ 'static/admin/config.yml': DECAP.replaceAll(CREATE, ''), ...POSTS }),
  );

  it('says why in the new post dialog', async () => {
    const { page } = env.browsers[0]!;
    await page.goto('/');
    await page.getByRole('button', { name: 'New post' }).click();
    const dialog = page.getByRole('dialog', { name: 'New post' });
    await dialog
      .getByText('The site’s schema allows no new entries in any of its collections')
      .waitFor();
    expect(await dialog.getByLabel('Title').count()).toBe(0);
    await page.screenshot({ path: artifactPath('new-post-none-creatable.png') });
    await page.setViewportSize({ width: 390, height: 800 });
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.screenshot({ path: artifactPath('new-post-none-creatable-phone-dark.png') });
    await dialog.getByRole('button', { name: 'Close' }).click();
    await dialog.waitFor({ state: 'hidden' });
  });
});
