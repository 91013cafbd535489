import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createApp } from '../../server/app.ts';
import { openContext, type FolioContext } from '../../server/context.ts';
import {
  artifactPath,
  CHROMIUM,
  launchBrowser,
  signIn,
  type BrowserSession,
} from '../support/chromium.ts';
import { BROWSER_USERS } from '../support/folioServer.ts';
import { gitCli } from '../support/gitCli.ts';
import { waitForText } from '../support/pageHelpers.ts';
import { expectHealthyRepo } from '../support/repoChecks.ts';
import { describeWithTool } from '../support/requireTool.ts';
import { PROJECT_ROOT } from '../support/tempRepo.ts';
import { makeRemote, pushNative } from '../sync/syncSupport.ts';

// A save made while the remote was down, contradicted by a developer's push to the same post:
// from the header to the list of conflicted saves to the conflict view, merged and sent.

const A = 'content/posts/a.md';
const VIEWER = { username: 'vera', name: 'Vera Viewer', email: 'vera@example.com' };
const VIEWER_PASSWORD = 'viewer password 1234';

describeWithTool(CHROMIUM, 'browser: conflicted saves', () => {
  let remote: Awaited<ReturnType<typeof makeRemote>>;
  let dir: string;
  let ctx: FolioContext;
  let server: Server;
  let baseURL: string;
  let browser: BrowserSession;
  const [ana] = BROWSER_USERS as [(typeof BROWSER_USERS)[0]];

  beforeAll(async () => {
    remote = await makeRemote();
    dir = remote.clone('folio');
    ctx = await openContext({ repo: dir });
    const { password, ...user } = ana;
    await ctx.users.upsert({ ...user, role: 'editor' }, password);
    await ctx.users.upsert({ ...VIEWER, role: 'viewer' }, VIEWER_PASSWORD);
    const app = createApp(ctx, { clientDir: join(PROJECT_ROOT, 'dist/client') });
    server = await new Promise((resolve) => {
      const listening = app.listen(0, '127.0.0.1', () => resolve(listening));
    });
    baseURL = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    browser = await launchBrowser({ baseURL });
    await signIn(browser.page, ana.username, ana.password);
  });
  afterAll(async () => {
    await browser?.close();
    server?.closeAllConnections();
    server?.close();
    remote?.cleanup();
  });

  it('leads from the badge to the list to the conflict view, and sends the merge', async () => {
    const { page } = browser;
    // Ana saves A while the remote is down; a developer changes A on the remote meanwhile.
    await remote.server.setDown(true);
    await page.getByRole('link', { name: /^A$/ }).first().click();
    await page.getByLabel('title', { exact: true }).fill('A while the remote is down');
    await page.keyboard.press('Control+s');
    await page.getByText(/waiting to be sent to the remote$/).waitFor();
    await remote.server.setDown(false);
    pushNative(remote.clone(), A, '---\ntitle: A by a developer\n---\nAlpha.\n', 'Dev retitles A');
    await ctx.sync!.syncNow();
    const kept = gitCli(dir, ['for-each-ref', '--format=%(objectname)', 'refs/folio/conflicts/']);
    expect(kept).toMatch(/^[0-9a-f]{40}$/);

    // A viewer sees the list, without anything to resolve with.
    const viewer = await launchBrowser({ baseURL });
    try {
      await signIn(viewer.page, VIEWER.username, VIEWER_PASSWORD);
      await viewer.page.getByRole('link', { name: '1 save conflict with origin' }).click();
      await viewer.page.getByRole('heading', { name: 'Conflicted saves', level: 1 }).waitFor();
      await viewer.page.getByText('An editor of these posts can resolve this save.').waitFor();
      expect(await viewer.page.getByRole('link', { name: /^Resolve/ }).count()).toBe(0);
      expect(await viewer.page.getByRole('button', { name: 'Mark resolved' }).count()).toBe(0);
    } finally {
      await viewer.close();
    }

    // Ana follows the badge to the list, then to the conflict view of A.
    await page.goto('/');
    await page.getByRole('link', { name: '1 save conflict with origin' }).click();
    await page.getByRole('heading', { name: 'Conflicted saves', level: 1 }).waitFor();
    const item = page
      .getByRole('listitem')
      .filter({ hasText: 'Update "A while the remote is down"' });
    await waitForText(item, 'Ana Editor');
    await waitForText(item, A);
    await waitForText(item, 'Changed on the remote too.');
    await page.screenshot({ path: artifactPath('conflicted-saves-list.png'), fullPage: true });
    await item.getByRole('link', { name: 'Resolve “A while the remote is down”' }).click();

    const conflict = page.getByRole('region', {
      name: 'This save conflicts with a change on the remote',
    });
    await conflict.waitFor();
    await waitForText(conflict, 'Dev retitles A');
    const title = conflict.getByRole('radiogroup', { name: 'Version of title' });
    await waitForText(conflict, 'A by a developer');
    await waitForText(conflict, 'A while the remote is down');
    await page.screenshot({ path: artifactPath('conflicted-save-view.png'), fullPage: true });
    await title.getByLabel('Keep mine').check();
    await conflict.getByRole('button', { name: 'Save merge' }).click();
    await waitForText(page.getByRole('status'), /Saved as commit/);
    await page.getByText(/is resolved: Folio no longer keeps it/).waitFor();
    await page.getByRole('status').filter({ hasText: 'Synced with origin' }).waitFor();
    await page.screenshot({ path: artifactPath('conflicted-save-resolved.png'), fullPage: true });

    // The merge is on the remote and the branch, the kept save is gone, and git is content.
    expect(gitCli(remote.bare, ['show', `main:${A}`])).toContain(
      'title: A while the remote is down',
    );
    expect(gitCli(dir, ['rev-parse', 'HEAD'])).toBe(gitCli(remote.bare, ['rev-parse', 'main']));
    const [merge, dev] = gitCli(dir, ['log', '-2', '--format=%an|%s']).split('\n');
    expect(merge).toMatch(/^Ana Editor\|/);
    expect(dev).toBe('Fixture Author|Dev retitles A');
    expect(gitCli(dir, ['for-each-ref', 'refs/folio/conflicts/'])).toBe('');
    expect(gitCli(dir, ['rev-list', '--merges', '--count', 'HEAD'])).toBe('0');
    expectHealthyRepo(dir);
    gitCli(remote.bare, ['fsck', '--strict', '--no-progress']);
    expect((await ctx.sync!.snapshot()).conflicts).toEqual([]);
  }, 90_000);
});
