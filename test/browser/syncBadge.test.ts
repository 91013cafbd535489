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
import { describeWithTool } from '../support/requireTool.ts';
import { PROJECT_ROOT } from '../support/tempRepo.ts';
import { makeRemote } from '../sync/syncSupport.ts';

// The header says where the site's saves are: synced with the remote, or waiting to be sent
// (with the reason in plain words) while the remote is down.

describeWithTool(CHROMIUM, 'browser: sync status in the header', () => {
  let remote: Awaited<ReturnType<typeof makeRemote>>;
  let ctx: FolioContext;
  let server: Server;
  let browser: BrowserSession;
  const [ana] = BROWSER_USERS as [(typeof BROWSER_USERS)[0]];

  beforeAll(async () => {
    remote = await makeRemote();
    ctx = await openContext({ repo: remote.clone('folio') });
    const { password, ...user } = ana;
    await ctx.users.upsert({ ...user, role: 'editor' }, password);
    const app = createApp(ctx, { clientDir: join(PROJECT_ROOT, 'dist/client') });
    server = await new Promise((resolve) => {
      const listening = app.listen(0, '127.0.0.1', () => resolve(listening));
    });
    const { port } = server.address() as AddressInfo;
    browser = await launchBrowser({ baseURL: `http://127.0.0.1:${port}` });
    await signIn(browser.page, ana.username, ana.password);
  });
  afterAll(async () => {
    await browser?.close();
    server?.closeAllConnections();
    server?.close();
    remote?.cleanup();
  });

  it('shows "synced", then the changes waiting while the remote is down', async () => {
    const { page } = browser;
    await page.getByRole('status').filter({ hasText: 'Synced with origin' }).waitFor();
    await remote.server.setDown(true);
    await page.getByRole('link', { name: /^A$/ }).first().click();
    const title = page.getByLabel('title', { exact: true });
    await title.fill('A while the remote is down');
    await page.keyboard.press('Control+s');
    const waiting = page
      .getByRole('status')
      .filter({ hasText: '1 change waiting to be sent to origin' });
    await waiting.waitFor();
    expect(await waiting.textContent()).toMatch(/could not be reached/);
    // The editor's own word on the save says so too.
    await page.getByText(/^Saved as commit [0-9a-f]+, waiting to be sent to the remote$/).waitFor();
    await page.screenshot({ path: artifactPath('sync-waiting.png') });
    await remote.server.setDown(false);
    await ctx.sync!.syncNow();
    await page.reload();
    await page.getByRole('status').filter({ hasText: 'Synced with origin' }).waitFor();
  }, 60_000);
});
