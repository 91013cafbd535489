import { beforeAll, expect, it } from 'vitest';
import {
  artifactPath,
  CHROMIUM,
  launchBrowser,
  signIn,
  type BrowserSession,
} from '../support/chromium.ts';
import { useFolioBrowsers } from '../support/folioBrowsers.ts';
import { BROWSER_USERS, type RunningFolio } from '../support/folioServer.ts';
import { gitCli } from '../support/gitCli.ts';
import { waitForText } from '../support/pageHelpers.ts';
import { expectHealthyRepo, fileAtHead, lastCommit } from '../support/repoChecks.ts';
import { describeWithTool } from '../support/requireTool.ts';

const ZUUL_ID = 'content/blog/zuul-gating-ci.en.md';
const OPENTOFU_ID = 'content/blog/notas-opentofu.md';

describeWithTool(CHROMIUM, 'browser: deleted posts and the commit view on a phone', () => {
  const [ana] = BROWSER_USERS as [(typeof BROWSER_USERS)[0]];
  let folio: RunningFolio;
  let browser: BrowserSession;
  const env = useFolioBrowsers([ana]);
  beforeAll(() => {
    folio = env.folio;
    browser = env.browsers[0]!;
  });

  it('shows the history of a deleted post and restores it, from its history and from the commit', async () => {
    const { page } = browser;
    const original = fileAtHead(folio.repo, ZUUL_ID);
    gitCli(folio.repo, ['rm', '-q', ZUUL_ID]);
    gitCli(folio.repo, ['commit', '-q', '-m', 'Remove the Zuul post']);
    const deletion = gitCli(folio.repo, ['rev-parse', 'HEAD']);

    await page.goto(`/history/${ZUUL_ID}`);
    await page.getByRole('heading', { name: 'History of this post' }).waitFor();
    await waitForText(page.getByRole('note'), 'This post was deleted');
    const first = page.getByRole('listitem').first();
    await waitForText(first, 'Remove the Zuul post');
    expect(await first.innerText()).toContain('deleted');
    await page.screenshot({ path: artifactPath('deleted-history.png') });

    await page.goto(`/commits/${deletion}?entry=${encodeURIComponent(ZUUL_ID)}`);
    await page
      .getByRole('button', { name: /^Restore the deleted zuul-gating-ci\.en\.md/ })
      .waitFor();

    await page.goto(`/history/${ZUUL_ID}`);
    await page.getByRole('button', { name: 'Restore the deleted post' }).first().waitFor();
    await page.getByRole('button', { name: /^Restore the deleted post zuul/ }).click();
    const confirm = page.getByRole('dialog', { name: 'Restore this version?' });
    await confirm.getByRole('button', { name: 'Restore' }).click();
    await waitForText(page.getByRole('status'), /Restored in commit/);
    expect(fileAtHead(folio.repo, ZUUL_ID)).toBe(original);
    expect(lastCommit(folio.repo).author).toBe(ana.name);
    expectHealthyRepo(folio.repo);
  });

  it('keeps front matter keys whole in the commit view on a phone', async () => {
    const { page } = browser;
    await page.goto(`/edit/${OPENTOFU_ID}`);
    await page
      .getByLabel('title', { exact: true })
      .fill('Notas de estudo sobre OpenTofu, parte 1 (revisada e ampliada)');
    await page.getByLabel('series_order', { exact: true }).fill('2');
    await page.keyboard.press('Control+S');
    await waitForText(page.getByRole('status'), /Saved as commit/);
    const commit = gitCli(folio.repo, ['rev-parse', 'HEAD']);

    const phone = await launchBrowser({ baseURL: folio.url, width: 360, height: 740 });
    try {
      await signIn(phone.page, ana.username, ana.password);
      await phone.page.goto(`/commits/${commit}`);
      const table = phone.page.getByRole('table', { name: 'Front matter changes' });
      await table.waitFor();
      for (const key of ['title', 'series_order']) {
        const cell = table.getByRole('rowheader', { name: key });
        // One line: the key is not broken inside a word.
        const lines = await cell.locator('code').evaluate((code) => {
          const range = document.createRange();
          range.selectNodeContents(code);
          return new Set([...range.getClientRects()].map((r) => Math.round(r.top))).size;
        });
        expect(lines, key).toBe(1);
      }
      await phone.page.screenshot({ path: artifactPath('commit-360.png'), fullPage: true });
    } finally {
      await phone.close();
    }
  });

  it('shows an old version whole, from the history of the post', async () => {
    const { page } = browser;
    await page.goto(`/history/${OPENTOFU_ID}`);
    await page.getByRole('heading', { name: 'History of this post' }).waitFor();
    const views = page.getByRole('link', { name: /^View the whole version of commit / });
    await views.last().click();
    await page
      .getByRole('heading', { name: 'Notas de estudo sobre OpenTofu, parte 1', level: 1 })
      .waitFor();
    await waitForText(page.getByRole('region', { name: 'Body (rendered)' }), 'HashiCorp');
    expect(await page.title()).toMatch(
      /^Notas de estudo sobre OpenTofu, parte 1 at [0-9a-f]{7} · Folio$/,
    );
    await page.getByRole('button', { name: /^Restore .* to commit/ }).waitFor();
    await page.screenshot({ path: artifactPath('version.png') });
  });
});
