import { beforeAll, expect, it } from 'vitest';
import { artifactPath, CHROMIUM, type BrowserSession } from '../support/chromium.ts';
import { useFolioBrowsers } from '../support/folioBrowsers.ts';
import { BROWSER_USERS, type RunningFolio } from '../support/folioServer.ts';
import { gitCli } from '../support/gitCli.ts';
import { autosaveKeys, waitForText, waitForValue } from '../support/pageHelpers.ts';
import { commitCount, expectHealthyRepo, fileAtHead, lastCommit } from '../support/repoChecks.ts';
import { describeWithTool } from '../support/requireTool.ts';

const OPENTOFU_ID = 'content/blog/notas-opentofu.md';
const OPENTOFU = 'Notas de estudo sobre OpenTofu, parte 1';
const RETRO_ID = 'content/blog/retrospectiva-2023.md';

describeWithTool(CHROMIUM, 'browser: editor, history and restore', () => {
  const [ana] = BROWSER_USERS as [(typeof BROWSER_USERS)[0]];
  let folio: RunningFolio;
  let browser: BrowserSession;
  const env = useFolioBrowsers([ana], (session) =>
    // beforeunload on reloads with unsaved edits
    session.page.on('dialog', (dialog) => void dialog.accept()),
  );
  beforeAll(() => {
    folio = env.folio;
    browser = env.browsers[0]!;
  });

  it('edits title and body, saves with Ctrl+S, shows the commit with its diff in history, and restores it', async () => {
    const { page } = browser;
    const original = fileAtHead(folio.repo, OPENTOFU_ID);
    await page.getByRole('link', { name: OPENTOFU, exact: true }).click();
    await page.getByRole('heading', { name: OPENTOFU, level: 1 }).waitFor();
    await page.screenshot({ path: artifactPath('editor-1280.png') });

    await page
      .getByLabel('title', { exact: true })
      .fill('Notas sobre OpenTofu, parte 1 (revisada)');
    const body = page.getByRole('textbox', { name: 'Body (Markdown)' });
    await body.click();
    await page.keyboard.press('Control+End');
    await page.keyboard.type('\nParágrafo novo escrito no navegador.\n');
    await waitForText(page.getByRole('status'), 'Unsaved changes');
    await page
      .getByRole('textbox', { name: 'Commit message (optional)' })
      .fill('Revisa as notas de OpenTofu');
    await page.keyboard.press('Control+S');
    await waitForText(page.getByRole('status'), /Saved as commit [0-9a-f]{7}/);

    const saved = fileAtHead(folio.repo, OPENTOFU_ID);
    expect(saved).toContain('title: Notas sobre OpenTofu, parte 1 (revisada)');
    expect(saved).toContain('Parágrafo novo escrito no navegador.');
    expect(saved).toContain('date: 2024-03-01\n'); // untouched keys keep their exact text
    expect(lastCommit(folio.repo)).toMatchObject({
      author: ana.name,
      email: ana.email,
      subject: 'Revisa as notas de OpenTofu',
    });
    expect(await autosaveKeys(page)).toEqual([]);
    expectHealthyRepo(folio.repo);

    await page.getByRole('link', { name: 'History' }).last().click();
    await page.getByRole('heading', { name: 'History of this post' }).waitFor();
    await page.getByRole('link', { name: 'Revisa as notas de OpenTofu' }).click();
    const changes = page.getByRole('table', { name: 'Front matter changes' });
    await changes.waitFor();
    const titleRow = changes.getByRole('row', { name: /title/ });
    expect(await titleRow.innerText()).toContain(OPENTOFU);
    expect(await titleRow.innerText()).toContain('Notas sobre OpenTofu, parte 1 (revisada)');
    await waitForText(page.locator('td.diff-added'), 'Parágrafo novo escrito no navegador.');
    await page.screenshot({ path: artifactPath('commit-1280.png'), fullPage: true });

    await page.getByRole('link', { name: 'History', exact: true }).last().click();
    await page.getByRole('heading', { name: 'History of this post' }).waitFor();
    await page
      .getByRole('button', { name: /^Restore .* to commit/ })
      .first()
      .click();
    const confirm = page.getByRole('dialog', { name: 'Restore this version?' });
    await confirm.getByRole('button', { name: 'Restore' }).click();
    await waitForText(page.getByRole('status'), /Restored in commit/);

    expect(fileAtHead(folio.repo, OPENTOFU_ID)).toBe(original);
    expect(lastCommit(folio.repo).subject).toMatch(/^Restore/);
    expect(lastCommit(folio.repo).author).toBe(ana.name);
    expect(commitCount(folio.repo)).toBe(3);
    expectHealthyRepo(folio.repo);

    await page
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: 'History' })
      .click();
    await page.getByRole('heading', { name: 'Site history' }).waitFor();
    const newest = page.getByRole('listitem').first();
    await waitForText(newest, /^Restore/);
    expect(await newest.innerText()).toContain(ana.name);
    expect(await page.getByRole('listitem').nth(1).innerText()).toContain(
      'Revisa as notas de OpenTofu',
    );
  });

  it('keeps unsaved edits in the browser and offers them back after a reload, with a diff', async () => {
    const { page } = browser;
    await page.goto(`/edit/${RETRO_ID}`);
    await page.getByRole('heading', { level: 1, name: /Retrospectiva 2023/ }).waitFor();
    const body = page.getByRole('textbox', { name: 'Body (Markdown)' });
    await body.click();
    await page.keyboard.press('Control+End');
    await page.keyboard.type('\nFrase guardada pelo autosave.\n');
    await waitForValue(async () => (await autosaveKeys(page)).length, 1);
    const before = commitCount(folio.repo);

    await page.reload();
    const offer = page.getByRole('region', { name: 'Unsaved changes were kept in this browser' });
    await offer.waitFor();
    await offer.getByRole('button', { name: 'Show differences' }).click();
    await waitForText(offer.locator('td.diff-added'), 'Frase guardada pelo autosave.');
    await page.screenshot({ path: artifactPath('autosave-offer.png') });
    await offer.getByRole('button', { name: 'Restore my changes' }).click();
    expect(await body.inputValue()).toContain('Frase guardada pelo autosave.');
    await waitForText(page.getByRole('status'), 'Unsaved changes');
    expect(commitCount(folio.repo)).toBe(before); // nothing was committed behind the editor's back

    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await waitForText(page.getByRole('status'), /Saved as commit/);
    expect(fileAtHead(folio.repo, RETRO_ID)).toContain('Frase guardada pelo autosave.');
    expect(fileAtHead(folio.repo, RETRO_ID).startsWith('+++\n')).toBe(true); // TOML stays TOML
    await waitForValue(async () => (await autosaveKeys(page)).length, 0);
    expectHealthyRepo(folio.repo);
  });

  it('renders XSS payloads in the preview without running anything', async () => {
    const { page } = browser;
    const dialogs: string[] = [];
    const onDialog = (dialog: { type: () => string; message: () => string }) =>
      void dialogs.push(`${dialog.type()}: ${dialog.message()}`);
    page.on('dialog', onDialog);
    await page.goto(`/edit/content/blog/rack-homelab/index.md`);
    await page.getByRole('textbox', { name: 'Body (Markdown)' }).waitFor();
    await page.evaluate(() => {
      const w = window as unknown as { __violations: string[] };
      w.__violations = [];
      document.addEventListener('securitypolicyviolation', (event) =>
        w.__violations.push(`${event.violatedDirective} ${event.blockedURI}`),
      );
    });
    const payloads = [
      '<script>window.__xss = "script"; alert("script")</script>',
      '<img src="x" onerror="window.__xss = \'img\'; alert(\'img\')">',
      "<iframe src=\"javascript:parent.__xss = 'iframe'; alert('iframe')\"></iframe>",
      "[click me](javascript:window.__xss='link';alert(1))",
      '<a href="data:text/html,<script>alert(1)</script>">data link</a>',
      '<svg onload="window.__xss = \'svg\'"><circle r="1" /></svg>',
      '<details open ontoggle="window.__xss = \'details\'">x</details>',
      '<a href=" jav&#x09;ascript:window.__xss=\'entity\'">spaced</a>',
    ].join('\n\n');
    await page.getByRole('textbox', { name: 'Body (Markdown)' }).fill(`Safe text\n\n${payloads}\n`);
    const preview = page.locator('.wmde-markdown');
    await waitForText(preview, 'click me');
    await preview.getByText('click me').click();
    await preview
      .getByText('data link')
      .click({ noWaitAfter: true })
      .catch(() => undefined);
    await page.waitForTimeout(500);

    expect(dialogs).toEqual([]);
    expect(
      await page.evaluate(() => (window as unknown as { __xss?: string }).__xss),
    ).toBeUndefined();
    expect(
      await page.evaluate(() => (window as unknown as { __violations: string[] }).__violations),
    ).toEqual([]);
    const risky = await preview.evaluate((root) => {
      const found: string[] = [];
      for (const el of root.querySelectorAll('*')) {
        if (['SCRIPT', 'IFRAME', 'OBJECT', 'EMBED'].includes(el.tagName)) found.push(el.tagName);
        for (const attr of el.attributes) {
          if (/^on/i.test(attr.name)) found.push(`${el.tagName}[${attr.name}]`);
          if (
            /^(href|src|xlink:href|action|formaction)$/i.test(attr.name) &&
            /^\s*(javascript|data|vbscript):/i.test(attr.value.replace(/[\s\p{Cc}]/gu, ''))
          ) {
            found.push(`${el.tagName}[${attr.name}=${attr.value}]`);
          }
        }
      }
      return found;
    });
    expect(risky).toEqual([]);
    expect(new URL(page.url()).pathname).toBe('/edit/content/blog/rack-homelab/index.md');
    page.off('dialog', onDialog);

    // Leaving with unsaved edits asks first; leaving discards nothing in git.
    await page.getByRole('link', { name: 'Posts', exact: true }).first().click();
    const guard = page.getByRole('dialog', { name: 'Leave without saving?' });
    await guard.waitFor();
    await guard.getByRole('button', { name: 'Leave' }).click();
    await page.getByRole('heading', { name: 'Posts', level: 1 }).waitFor();
    expect(gitCli(folio.repo, ['log', '-1', '--format=%s'])).not.toContain('homelab');
    expectHealthyRepo(folio.repo);
  });

  it('opens a file it cannot parse read-only, with the error and its line', async () => {
    const { page } = browser;
    const broken = 'content/blog/quebrado.md';
    const { writeFileSync } = await import('node:fs');
    writeFileSync(
      `${folio.repo}/${broken}`,
      '---\ntitle: "Quebrado\ndate: 2025-01-01\n---\n\nTexto.\n',
    );
    gitCli(folio.repo, ['add', broken]);
    gitCli(folio.repo, ['commit', '-q', '-m', 'Add a broken file outside Folio']);
    const head = gitCli(folio.repo, ['rev-parse', 'HEAD']);

    await page.goto(`/edit/${broken}`);
    const alert = page.getByRole('alert').filter({ hasText: 'Folio cannot read this file' });
    await alert.waitFor();
    expect(await alert.innerText()).toMatch(/line \d+/);
    expect(await page.getByRole('textbox', { name: 'Body (Markdown)' }).count()).toBe(0);
    await page.screenshot({ path: artifactPath('unparseable.png') });
    expect(gitCli(folio.repo, ['rev-parse', 'HEAD'])).toBe(head);
    expectHealthyRepo(folio.repo);
  });
});
