import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, expect, it } from 'vitest';
import { artifactPath, CHROMIUM, launchBrowser, type BrowserSession } from '../support/chromium.ts';
import { useFolioBrowsers } from '../support/folioBrowsers.ts';
import type { RunningFolio } from '../support/folioServer.ts';
import { gitCli } from '../support/gitCli.ts';
import { waitForText } from '../support/pageHelpers.ts';
import { expectHealthyRepo, fileAtHead, lastCommit } from '../support/repoChecks.ts';
import { describeWithTool } from '../support/requireTool.ts';

const ID = 'content/blog/openstack-15-anos.md';
const FIRST = 'Em julho de 2010, a Rackspace e a NASA';
const SECOND = 'Para comemorar, reunimos alguns aprendizados';

describeWithTool(CHROMIUM, 'browser: the three-way body merge of the conflict view', () => {
  let folio: RunningFolio;
  let browser: BrowserSession;
  const env = useFolioBrowsers();
  beforeAll(() => {
    folio = env.folio;
    browser = env.browsers[0]!;
  });

  it('keeps each side’s own change, asks only about the lines both changed, and commits the choice', async () => {
    const { page } = browser;
    const original = readFileSync(join(folio.repo, ID), 'utf8');
    const [frontMatter, body] = [
      original.slice(0, original.indexOf('\n---\n') + 5),
      original.slice(original.indexOf('\n---\n') + 5),
    ];
    await page.goto(`/edit/${ID}`);
    const editor = page.getByRole('textbox', { name: 'Body (Markdown)' });
    await editor.waitFor();

    // Someone else changes the first paragraph and the heading, and commits.
    const theirs = body
      .replace(FIRST, 'Em julho de 2010, a Rackspace e a NASA (versão da Carla)')
      .replace('## O que mudou em 15 anos', '## O que mudou em quinze anos');
    writeFileSync(join(folio.repo, ID), frontMatter + theirs);
    gitCli(folio.repo, [
      '-c',
      'user.name=Carla Outside',
      '-c',
      'user.email=carla@example.com',
      'commit',
      '-q',
      '-am',
      'Carla edits the intro',
    ]);

    // I change the first paragraph too, and the second one, on the old version.
    const mine = body
      .replace(FIRST, 'Em julho de 2010, a Rackspace e a NASA (versão da Ana)')
      .replace(SECOND, 'Para comemorar (e aprender), reunimos alguns aprendizados');
    await editor.fill(mine);
    await page.getByRole('button', { name: 'Save', exact: true }).click();

    const conflict = page.getByRole('region', { name: 'This post changed while you were editing' });
    await conflict.waitFor();
    await waitForText(conflict, 'Nothing was overwritten');
    const theirGroup = conflict.getByRole('group', { name: /^Their change: only they/ });
    await waitForText(theirGroup, 'O que mudou em quinze anos');
    await waitForText(
      conflict.getByRole('group', { name: /^Your change: only you/ }),
      '(e aprender)',
    );
    const chunk = conflict.getByRole('group', { name: /^Conflict 1 of 1/ });
    await waitForText(chunk, 'versão da Carla');
    await waitForText(chunk, 'versão da Ana');
    // Inside a changed line, the changed words are marked: 15 -> quinze, not the whole heading.
    expect(await theirGroup.locator('del').allInnerTexts()).toEqual(['15']);
    expect(await theirGroup.locator('ins').allInnerTexts()).toEqual(['quinze']);
    const inserted = (await chunk.locator('ins').allInnerTexts()).join(' ');
    expect(inserted).toMatch(/Carla/);
    expect(inserted).toMatch(/Ana/);
    expect(inserted).not.toMatch(/Rackspace/);
    const preview = conflict.getByRole('region', { name: 'Merged body (preview)' });
    await waitForText(preview, '[Conflict 1: not chosen yet]');
    const saveMerge = conflict.getByRole('button', { name: 'Save merge' });
    expect(await saveMerge.isDisabled()).toBe(true);
    await page.screenshot({ path: artifactPath('conflict-3way-1280.png'), fullPage: true });

    const choices = conflict.getByRole('radiogroup', { name: 'Version of Conflict 1 of 1' });
    await choices.getByLabel('Both (theirs, then mine)').check();
    await waitForText(preview, /versão da Carla\)[^]*versão da Ana\)/);
    await choices.getByLabel('Edit…').check();
    const edit = conflict.getByLabel('Your text for conflict 1 of 1');
    const edited = (await edit.inputValue())
      .split('\n')
      .filter((line) => !line.includes('versão da Carla'))
      .join('\n')
      .replace('versão da Ana', 'versão de Ana e Carla');
    await edit.fill(edited);
    await waitForText(preview, 'versão de Ana e Carla');
    expect(await saveMerge.isDisabled()).toBe(false);
    await saveMerge.click();
    await waitForText(page.getByRole('status'), /Saved as commit/);

    const file = fileAtHead(folio.repo, ID);
    expect(file).toContain('a Rackspace e a NASA (versão de Ana e Carla)');
    expect(file).not.toContain('versão da Carla');
    expect(file).toContain('## O que mudou em quinze anos');
    expect(file).toContain('Para comemorar (e aprender)');
    expect(file.startsWith(frontMatter)).toBe(true);
    expect(lastCommit(folio.repo).author).toBe('Ana Editor');
    expectHealthyRepo(folio.repo);
  });

  it('lays the three columns of a conflict one under another on a phone, in dark mode', async () => {
    const phone = await launchBrowser({ baseURL: folio.url, width: 390, height: 844 });
    try {
      await phone.context.addCookies(await browser.context.cookies());
      await phone.page.emulateMedia({ colorScheme: 'dark' });
      const { page } = phone;
      const original = fileAtHead(folio.repo, ID);
      await page.goto(`/edit/${ID}`);
      await page.getByRole('tab', { name: 'Body' }).click();
      const editor = page.getByRole('textbox', { name: 'Body (Markdown)' });
      await editor.waitFor();
      writeFileSync(join(folio.repo, ID), original.replace('quinze anos', 'quinze anos!'));
      gitCli(folio.repo, ['commit', '-q', '-am', 'Exclaim']);
      await editor.fill(
        original.slice(original.indexOf('\n---\n') + 5).replace('quinze anos', 'quinze anos?'),
      );
      await page.getByRole('button', { name: 'Save', exact: true }).click();
      await page.getByRole('group', { name: /^Conflict 1 of 1/ }).waitFor();
      await page.getByRole('group', { name: /^Conflict 1 of 1/ }).scrollIntoViewIfNeeded();
      await page.screenshot({ path: artifactPath('conflict-3way-390-dark.png') });
    } finally {
      await phone.close();
    }
  });
});
