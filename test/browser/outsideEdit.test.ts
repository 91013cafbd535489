import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, expect, it } from 'vitest';
import { artifactPath, CHROMIUM, type BrowserSession } from '../support/chromium.ts';
import { useFolioBrowsers } from '../support/folioBrowsers.ts';
import type { RunningFolio } from '../support/folioServer.ts';
import { gitCli } from '../support/gitCli.ts';
import { waitForText } from '../support/pageHelpers.ts';
import { expectHealthyRepo, fileAtHead } from '../support/repoChecks.ts';
import { describeWithTool } from '../support/requireTool.ts';

const ID = 'content/blog/notas-opentofu.md';

describeWithTool(CHROMIUM, 'browser: an uncommitted edit made outside Folio', () => {
  let folio: RunningFolio;
  let browser: BrowserSession;
  const env = useFolioBrowsers();
  beforeAll(() => {
    folio = env.folio;
    browser = env.browsers[0]!;
  });
  const outsideEdit = (line: string) => {
    const file = join(folio.repo, ID);
    const text = `${readFileSync(file, 'utf8')}\n${line}\n`;
    writeFileSync(file, text);
    return text;
  };

  it('shows their change, and "save mine over it" keeps theirs in history under mine', async () => {
    const { page } = browser;
    const theirs = outsideEdit('Linha escrita no vim, sem commit.');
    await page.goto(`/edit/${ID}`);
    const panel = page.getByRole('region', {
      name: 'This file has an uncommitted edit made outside Folio',
    });
    await panel.waitFor();
    await panel.getByRole('button', { name: 'Show their change' }).click();
    await waitForText(
      panel.getByRole('table', { name: "The last commit and the working tree's file" }),
      'Linha escrita no vim, sem commit.',
    );
    await page.screenshot({ path: artifactPath('outside-edit.png') });

    // A save is refused as before, but the panel (not a dead end) says what to do.
    await page.getByRole('textbox', { name: 'title', exact: true }).fill('OpenTofu, minha versão');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await waitForText(panel, 'Folio will not save over it');
    expect(await page.getByText('Commit or discard them with git first').count()).toBe(0);

    await panel.getByRole('button', { name: 'Save mine over it' }).click();
    const dialog = page.getByRole('dialog', { name: 'Save your version over their edit?' });
    await waitForText(dialog, 'Their text stays in the history');
    await dialog.getByRole('button', { name: 'Save mine' }).click();
    await page.getByRole('heading', { name: 'OpenTofu, minha versão', level: 1 }).waitFor();
    await waitForText(page.locator('.toast'), 'Committed their edit, then yours on top');
    await page.getByText('All changes saved').waitFor();
    expect(await panel.count()).toBe(0);
    expect(gitCli(folio.repo, ['log', '-2', '--format=%s%x09%an'])).toBe(
      'Update "OpenTofu, minha versão"\tAna Editor\n' +
        'Commit outside edit to "Notas de estudo sobre OpenTofu, parte 1"\tAna Editor',
    );
    expect(gitCli(folio.repo, ['show', `HEAD~1:${ID}`])).toBe(theirs.trimEnd());
    // Mine replaces theirs at HEAD; theirs is one commit below.
    expect(fileAtHead(folio.repo, ID)).not.toContain('Linha escrita no vim, sem commit.');
    expect(fileAtHead(folio.repo, ID)).toContain('title: OpenTofu, minha versão');
    expectHealthyRepo(folio.repo);
  });

  it('"keep theirs and reload" commits their file and opens it in the editor', async () => {
    const { page } = browser;
    const theirs = outsideEdit('Outra linha de fora.');
    await page.goto(`/edit/${ID}`);
    const panel = page.getByRole('region', {
      name: 'This file has an uncommitted edit made outside Folio',
    });
    await panel.getByRole('button', { name: 'Keep theirs and reload' }).click();
    const dialog = page.getByRole('dialog', { name: 'Keep their edit?' });
    await waitForText(dialog, 'exactly as it is now');
    await dialog.getByRole('button', { name: 'Keep theirs' }).click();
    await waitForText(page.locator('.toast'), 'Committed the outside edit');
    await waitForText(
      page.getByRole('textbox', { name: 'Body (Markdown)' }),
      'Outra linha de fora.',
    );
    expect(await panel.count()).toBe(0);
    expect(fileAtHead(folio.repo, ID)).toBe(theirs.trimEnd());
    expect(gitCli(folio.repo, ['log', '-1', '--format=%s'])).toBe(
      'Commit outside edit to "OpenTofu, minha versão"',
    );
    expectHealthyRepo(folio.repo);
  });
});
