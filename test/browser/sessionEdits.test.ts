import { beforeAll, expect, it } from 'vitest';
import { artifactPath, CHROMIUM, type BrowserSession } from '../support/chromium.ts';
import { useFolioBrowsers } from '../support/folioBrowsers.ts';
import { BROWSER_USERS, type RunningFolio } from '../support/folioServer.ts';
import { autosaveKeys, waitForText, waitForValue } from '../support/pageHelpers.ts';
import { expectHealthyRepo, fileAtHead, lastCommit } from '../support/repoChecks.ts';
import { describeWithTool } from '../support/requireTool.ts';

const RETRO_ID = 'content/blog/retrospectiva-2023.md';
const OPENTOFU_ID = 'content/blog/notas-opentofu.md';

describeWithTool(CHROMIUM, 'browser: unsaved edits across the end of a session', () => {
  const [ana] = BROWSER_USERS as [(typeof BROWSER_USERS)[0]];
  let folio: RunningFolio;
  let browser: BrowserSession;
  const env = useFolioBrowsers([ana]);
  beforeAll(() => {
    folio = env.folio;
    browser = env.browsers[0]!;
  });

  it('says the session ended on Save, and brings the edits back in the editor after signing in', async () => {
    const { page, context } = browser;
    await page.goto(`/edit/${RETRO_ID}`);
    const body = page.getByRole('textbox', { name: 'Body (Markdown)' });
    await body.click();
    await page.keyboard.press('Control+End');
    await page.keyboard.type('\nEscrito antes de a sessão acabar.\n');
    await waitForValue(async () => (await autosaveKeys(page)).length, 1);

    await context.clearCookies(); // the session is gone, as after an expiry or a server restart
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.waitForURL('**/login');
    await waitForText(
      page.getByRole('alert'),
      'Your session ended. Sign in again: your edits are kept',
    );
    await page.screenshot({ path: artifactPath('session-ended.png') });
    await page.getByLabel('Username').fill(ana.username);
    await page.getByLabel('Password').fill(ana.password);
    await page.getByRole('button', { name: 'Sign in' }).click();

    await waitForValue(() => new URL(page.url()).pathname, `/edit/${RETRO_ID}`);
    await waitForText(page.getByRole('status'), 'your unsaved edits are back');
    expect(await body.inputValue()).toContain('Escrito antes de a sessão acabar.');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await waitForText(page.getByRole('status'), /Saved as commit/);
    expect(fileAtHead(folio.repo, RETRO_ID)).toContain('Escrito antes de a sessão acabar.');
    expect(lastCommit(folio.repo).author).toBe(ana.name);
    expectHealthyRepo(folio.repo);
  });

  it('warns before signing out with unsaved edits, and removes them from the browser when confirmed', async () => {
    const { page } = browser;
    await page.goto(`/edit/${OPENTOFU_ID}`);
    await page.getByLabel('title', { exact: true }).fill('Título não salvo');
    await waitForValue(async () => (await autosaveKeys(page)).length, 1);

    await page.getByRole('button', { name: 'Sign out' }).click();
    const warn = page.getByRole('dialog', { name: 'Sign out with unsaved edits?' });
    await waitForText(warn, '“Título não salvo”');
    await page.screenshot({ path: artifactPath('sign-out-warning.png') });
    await warn.getByRole('button', { name: 'Stay signed in' }).click();
    expect(new URL(page.url()).pathname).toBe(`/edit/${OPENTOFU_ID}`);
    expect(await page.getByLabel('title', { exact: true }).inputValue()).toBe('Título não salvo');

    await page.getByRole('button', { name: 'Sign out' }).click();
    await warn.getByRole('button', { name: 'Sign out and discard them' }).click();
    await page.waitForURL('**/login');
    expect(await autosaveKeys(page)).toEqual([]);
    expect(fileAtHead(folio.repo, OPENTOFU_ID)).not.toContain('Título não salvo');
  });
});
