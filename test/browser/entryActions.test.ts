import { beforeAll, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { artifactPath, CHROMIUM, launchBrowser, type BrowserSession } from '../support/chromium.ts';
import { useFolioBrowsers } from '../support/folioBrowsers.ts';
import type { RunningFolio } from '../support/folioServer.ts';
import { gitCli } from '../support/gitCli.ts';
import { waitForText, waitForValue } from '../support/pageHelpers.ts';
import { expectHealthyRepo, fileAtHead, lastCommit } from '../support/repoChecks.ts';
import { describeWithTool } from '../support/requireTool.ts';

const OPENTOFU_ID = 'content/blog/notas-opentofu.md';
const COPY_ID = 'content/blog/notas-opentofu-copy.md';
const MOVED_ID = 'content/docs/notas-copia.md';

const exists = (repo: string, path: string) =>
  gitCli(repo, ['ls-tree', '--name-only', 'HEAD', path]) === path;

describeWithTool(CHROMIUM, 'browser: old versions, comparing them, and the Actions menu', () => {
  let folio: RunningFolio;
  let browser: BrowserSession;
  const env = useFolioBrowsers();
  beforeAll(() => {
    folio = env.folio;
    browser = env.browsers[0]!;
    // A second version of the post, so its history has two commits to compare.
    const path = `${folio.repo}/${OPENTOFU_ID}`;
    const text = fileAtHead(folio.repo, OPENTOFU_ID);
    writeFileSync(
      path,
      text.replace(/^title: .*$/m, 'title: "OpenTofu, parte 1 (revisto)"') + '\nUma linha nova.\n',
    );
    gitCli(folio.repo, ['commit', '-q', '-am', 'Revise the OpenTofu notes'], {
      GIT_AUTHOR_NAME: 'Carla Outside',
      GIT_AUTHOR_EMAIL: 'carla@example.com',
      GIT_AUTHOR_DATE: '2025-03-04T10:00:00Z',
    });
  });

  it('shows an old version rendered, and compares two versions picked in the history', async () => {
    const { page } = browser;
    await page.goto(`/history/${OPENTOFU_ID}`);
    await page.getByRole('heading', { name: 'History of this post' }).waitFor();
    await waitForText(page.getByRole('group', { name: 'Compare two versions' }), 'Tick two');
    const picks = page.getByRole('checkbox', { name: /^Compare the version of commit / });
    expect(await picks.count()).toBeGreaterThanOrEqual(2);
    await picks.first().check();
    await picks.last().check();
    await page.getByRole('link', { name: /^Compare [0-9a-f]{7} → [0-9a-f]{7}$/ }).click();
    await page.getByRole('heading', { name: /^Compare versions of / }).waitFor();
    const table = page.getByRole('table', { name: /^Front matter: / });
    await waitForText(table, 'OpenTofu, parte 1 (revisto)');
    await waitForText(page.getByRole('table', { name: /^Body: / }), 'Uma linha nova.');
    expect(await page.getByText('(current)').count()).toBeGreaterThan(0);
    // Each side says who made it, when and why (the newer one is Carla's outside commit).
    const after = page.getByRole('region', { name: /^After: commit [0-9a-f]{7}$/ });
    await waitForText(after, 'Revise the OpenTofu notes');
    expect(await after.innerText()).toContain('Carla Outside');
    expect(await after.locator('time').getAttribute('datetime')).toMatch(/^\d{4}-\d\d-\d\dT/);
    const before = page.getByRole('region', { name: /^Before: commit [0-9a-f]{7}$/ });
    const firstCommit = gitCli(folio.repo, ['log', '--format=%s', '--reverse', '--', OPENTOFU_ID]);
    expect(await before.innerText()).toContain(firstCommit.split('\n')[0]);
    await page.screenshot({ path: artifactPath('compare.png'), fullPage: true });

    // The older side, whole: the body rendered (a heading, not "## ..."), the source on demand.
    await page
      .getByRole('link', { name: /^[0-9a-f]{7}$/ })
      .first()
      .click();
    const rendered = page.getByRole('region', { name: 'Body (rendered)' });
    await waitForText(rendered, 'HashiCorp');
    expect(await rendered.locator('h2, h3').count()).toBeGreaterThan(0);
    await page.getByText('Markdown source').click();
    await waitForText(page.locator('pre[aria-label="Body (Markdown)"]'), 'HashiCorp');
    await page.screenshot({ path: artifactPath('version-rendered.png'), fullPage: true });
    await page.getByRole('link', { name: 'Compare with the current version' }).click();
    await page.getByRole('heading', { name: /^Compare versions of / }).waitFor();
  });

  it('duplicates, moves and deletes a post from the editor, each saying the path first', async () => {
    const { page } = browser;
    await page.goto(`/edit/${OPENTOFU_ID}`);
    await page.getByRole('button', { name: 'Save' }).waitFor();
    const actions = page.getByRole('button', { name: 'Actions' });
    await actions.click();
    await page.screenshot({ path: artifactPath('actions-menu.png') });
    await page.getByRole('button', { name: 'Duplicate…' }).click();
    let dialog = page.getByRole('dialog', { name: /^Duplicate / });
    await waitForText(dialog, `Creates ${COPY_ID}`);
    await page.screenshot({ path: artifactPath('duplicate-dialog.png') });
    await dialog.getByRole('button', { name: 'Create the copy' }).click();
    await page.waitForURL(`**/edit/${COPY_ID}`);
    await page
      .getByRole('heading', { name: 'OpenTofu, parte 1 (revisto) (copy)', level: 1 })
      .waitFor();
    const copy = fileAtHead(folio.repo, COPY_ID);
    expect(copy).toMatch(/^draft: true$/m);
    expect(copy).toContain('Uma linha nova.');

    // Duplicating again under the same slug: the dialog says the path is taken and how to go on.
    await actions.click();
    await page.getByRole('button', { name: 'Duplicate…' }).click();
    dialog = page.getByRole('dialog', { name: /^Duplicate / });
    await dialog.getByLabel('Slug of the copy').fill('notas-opentofu-copy');
    await dialog.getByRole('button', { name: 'Create the copy' }).click();
    await waitForText(dialog.getByRole('alert'), 'already exists: choose another slug');
    await dialog.getByRole('button', { name: 'Cancel' }).click();

    // Unsaved edits: the actions wait for a save.
    const title = page.getByRole('textbox', { name: 'title', exact: true });
    await title.fill('Changed, not saved');
    await actions.click();
    expect(await page.getByRole('button', { name: 'Delete…' }).isDisabled()).toBe(true);
    await waitForText(page.locator('.entry-actions-note'), 'Save or undo your edits first');
    await page.keyboard.press('Escape');
    await title.fill('OpenTofu, parte 1 (revisto) (copy)');

    await actions.click();
    await page.getByRole('button', { name: 'Move or rename…' }).click();
    dialog = page.getByRole('dialog', { name: /^Move or rename / });
    await dialog.getByLabel('New path').fill('content/docs/notas-copia.txt');
    await waitForText(dialog, 'must end in .md');
    await dialog.getByLabel('New path').fill(MOVED_ID);
    await waitForText(dialog, `${COPY_ID} becomes ${MOVED_ID}`);
    await dialog.getByRole('button', { name: 'Move' }).click();
    await page.waitForURL(`**/edit/${MOVED_ID}`);
    expect(exists(folio.repo, COPY_ID)).toBe(false);
    expect(fileAtHead(folio.repo, MOVED_ID)).toBe(copy);
    expect(gitCli(folio.repo, ['show', '--name-status', '--format=', '-M', 'HEAD'])).toMatch(
      /^R100\tcontent\/blog\/notas-opentofu-copy\.md\tcontent\/docs\/notas-copia\.md$/m,
    );

    await page.getByRole('button', { name: 'Actions' }).click();
    await page.getByRole('button', { name: 'Delete…' }).click();
    dialog = page.getByRole('dialog', { name: /^Delete / });
    await waitForText(dialog, `${MOVED_ID} is removed in a new commit`);
    await page.screenshot({ path: artifactPath('delete-dialog.png') });
    await dialog.getByRole('button', { name: 'Delete' }).click();
    await page.getByRole('heading', { name: 'Posts', level: 1 }).waitFor();
    expect(exists(folio.repo, MOVED_ID)).toBe(false);
    expect(lastCommit(folio.repo).subject).toMatch(/^Delete "/);
    const toast = page.locator('.toast');
    await waitForText(toast, 'Deleted “OpenTofu, parte 1 (revisto) (copy)”');
    await toast.getByRole('button', { name: 'Undo' }).click();
    await page.waitForURL(`**/edit/${MOVED_ID}`);
    await waitForValue(() => exists(folio.repo, MOVED_ID), true);
    expect(fileAtHead(folio.repo, MOVED_ID)).toBe(copy);
    expectHealthyRepo(folio.repo);
  });

  it('lays the Actions menu and its dialogs out on a phone', async () => {
    const phone = await launchBrowser({ baseURL: folio.url, width: 390, height: 844 });
    try {
      await phone.context.addCookies(await browser.context.cookies());
      await phone.page.goto(`/edit/${OPENTOFU_ID}`);
      await phone.page.getByRole('button', { name: 'Actions' }).click();
      await phone.page.screenshot({ path: artifactPath('actions-menu-390.png') });
      await phone.page.getByRole('button', { name: 'Move or rename…' }).click();
      await phone.page.screenshot({ path: artifactPath('move-dialog-390.png') });
    } finally {
      await phone.close();
    }
  });
});
