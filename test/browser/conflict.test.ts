import { beforeAll, expect, it } from 'vitest';
import { artifactPath, CHROMIUM, type BrowserSession } from '../support/chromium.ts';
import { useFolioBrowsers } from '../support/folioBrowsers.ts';
import { BROWSER_USERS, type RunningFolio } from '../support/folioServer.ts';
import { gitCli } from '../support/gitCli.ts';
import { waitForText } from '../support/pageHelpers.ts';
import { expectHealthyRepo, fileAtHead } from '../support/repoChecks.ts';
import { describeWithTool } from '../support/requireTool.ts';

const ID = 'content/blog/openstack-15-anos.md';

describeWithTool(CHROMIUM, 'browser: two editors, one post', () => {
  const [ana, bruno] = BROWSER_USERS as [(typeof BROWSER_USERS)[0], (typeof BROWSER_USERS)[0]];
  let folio: RunningFolio;
  let anaBrowser: BrowserSession;
  let brunoBrowser: BrowserSession;
  const env = useFolioBrowsers([ana, bruno]);
  beforeAll(() => {
    folio = env.folio;
    [anaBrowser, brunoBrowser] = env.browsers as [BrowserSession, BrowserSession];
  });

  it('turns a stale save into a field-by-field merge and commits the merge on top of the winner', async () => {
    const a = anaBrowser.page;
    const b = brunoBrowser.page;
    await Promise.all([a.goto(`/edit/${ID}`), b.goto(`/edit/${ID}`)]);
    await Promise.all([
      a.getByLabel('title', { exact: true }).waitFor(),
      b.getByLabel('title', { exact: true }).waitFor(),
    ]);

    // Ana retitles the post and adds a tag, and saves first.
    await a.getByLabel('title', { exact: true }).fill('OpenStack faz 15 anos (versão da Ana)');
    await a.getByLabel('tags', { exact: true }).fill('Aniversário');
    await a.getByLabel('tags', { exact: true }).press('Enter');
    await a.keyboard.press('Control+S');
    await waitForText(a.getByRole('status'), /Saved as commit/);

    // Bruno, still on the old version, retitles it too and adds a paragraph.
    await b.getByLabel('title', { exact: true }).fill('OpenStack faz 15 anos (versão do Bruno)');
    await b.getByRole('textbox', { name: 'Body (Markdown)' }).click();
    await b.keyboard.press('Control+End');
    await b.keyboard.type('\nParágrafo do Bruno.\n');
    await b.getByRole('button', { name: 'Save', exact: true }).click();

    const conflict = b.getByRole('region', { name: 'This post changed while you were editing' });
    await conflict.waitFor();
    await waitForText(conflict, 'Ana Editor');
    const saveMerge = conflict.getByRole('button', { name: 'Save merge' });
    expect(await saveMerge.isDisabled()).toBe(true); // title changed on both sides: Bruno must choose
    const titleChoice = conflict.getByRole('radiogroup', { name: 'Version of title' });
    await titleChoice.getByLabel('Keep mine').check();
    expect(
      await conflict
        .getByRole('radiogroup', { name: 'Version of tags' })
        .getByLabel('Keep theirs')
        .isChecked(),
    ).toBe(true);
    // Only Bruno changed the body: his paragraph is kept, marked as his, with nothing to choose.
    await waitForText(
      conflict.getByRole('group', { name: /^Your change: only you/ }),
      'Parágrafo do Bruno.',
    );
    await waitForText(
      conflict.getByRole('region', { name: 'Merged body (preview)' }),
      'Parágrafo do Bruno.',
    );
    await b.screenshot({ path: artifactPath('conflict-1280.png'), fullPage: true });
    await saveMerge.click();
    await waitForText(b.getByRole('status'), /Saved as commit/);

    const file = fileAtHead(folio.repo, ID);
    expect(file).toContain('OpenStack faz 15 anos (versão do Bruno)');
    expect(file).toContain('Aniversário');
    expect(file).toContain('Parágrafo do Bruno.');
    expect(file).not.toContain('versão da Ana');
    const log = gitCli(folio.repo, ['log', '--format=%an', '-3']).split('\n');
    expect(log).toEqual([bruno.name, ana.name, 'Fixture Author']);
    expect(gitCli(folio.repo, ['rev-list', '--merges', '--count', 'HEAD'])).toBe('0'); // linear history
    expectHealthyRepo(folio.repo);
  });
});
