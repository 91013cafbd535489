import { afterAll, beforeAll, expect, it } from 'vitest';
import {
  artifactPath,
  CHROMIUM,
  launchBrowser,
  signIn,
  type BrowserSession,
} from '../support/chromium.ts';
import { startFolio, type RunningFolio } from '../support/folioServer.ts';
import { commitCount, expectHealthyRepo } from '../support/repoChecks.ts';
import { describeWithTool } from '../support/requireTool.ts';

const VIEWER = { username: 'vera', name: 'Vera Viewer', email: 'vera@example.com' };
const AUTHOR = { username: 'lucia', name: 'Lucía Fernández', email: 'lucia@example.com' };
const PASSWORD = 'a long enough passphrase';
// Lucía's draft (her name is in its `authors`) and someone else's published post.
const OWN_DRAFT = 'Cinco lecciones de operar Kubernetes on-premise';
const OTHERS = 'content/blog/openstack-15-anos.md';

describeWithTool(CHROMIUM, 'browser: role-aware UI', () => {
  let folio: RunningFolio;
  let browser: BrowserSession;

  beforeAll(async () => {
    folio = await startFolio();
    await folio.ctx.users.upsert({ ...VIEWER, role: 'viewer' }, PASSWORD);
    await folio.ctx.users.upsert({ ...AUTHOR, role: 'author' }, PASSWORD);
    browser = await launchBrowser({ baseURL: folio.url });
  });
  afterAll(async () => {
    await browser?.close();
    await folio?.close();
  });

  it('a viewer sees no enabled switch, no New post, no Save and no Restore, and no Users link', async () => {
    const { page } = browser;
    await signIn(page, VIEWER.username, PASSWORD);
    await page.getByRole('switch').first().waitFor();
    const switches = await page.getByRole('switch').all();
    expect(switches.length).toBeGreaterThan(3);
    for (const s of switches) expect(await s.isEnabled()).toBe(false);
    expect(await page.getByRole('button', { name: 'New post' }).count()).toBe(0);
    expect(await page.getByRole('link', { name: 'Users' }).count()).toBe(0);
    await page.screenshot({ path: artifactPath('roles-viewer-list.png') });

    await page.goto(`/edit/${OTHERS}`);
    await page.getByRole('note').filter({ hasText: 'Read only' }).waitFor();
    expect(await page.getByRole('button', { name: 'Save' }).count()).toBe(0);
    await page.screenshot({ path: artifactPath('roles-viewer-editor.png') });
    expect(await page.locator('.editor-grid :is(input, textarea, select):enabled').count()).toBe(0);

    await page.goto(`/history/${OTHERS}`);
    await page.getByRole('heading', { level: 1 }).waitFor();
    await page.locator('.commit-list').first().waitFor();
    expect(await page.getByRole('button', { name: /Restore/ }).count()).toBe(0);

    await page.goto('/users');
    await page.getByText('Only admins manage users').waitFor();
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL('**/login');
  }, 60_000);

  it('an author sees "ask an editor to publish" on their draft and reads others’ posts only', async () => {
    const { page } = browser;
    await signIn(page, AUTHOR.username, PASSWORD);
    const own = page.getByRole('article', { name: OWN_DRAFT });
    await own.getByText('ask an editor to publish').waitFor();
    expect(await own.getByRole('switch', { name: /^Draft:/ }).count()).toBe(0);
    expect(await own.getByRole('switch', { name: /^Featured:/ }).isEnabled()).toBe(true);
    const others = page.getByRole('article', { name: /OpenStack faz 15 anos/ });
    expect(await others.getByRole('switch', { name: /^Featured:/ }).isEnabled()).toBe(false);
    expect(await page.getByRole('button', { name: 'New post' }).isEnabled()).toBe(true);
    await page.screenshot({ path: artifactPath('roles-author-list.png') });

    await page.goto(`/edit/${OTHERS}`);
    await page.getByRole('note').filter({ hasText: 'someone else' }).waitFor();
    expect(await page.getByRole('button', { name: 'Save' }).count()).toBe(0);

    // Their own draft is editable: a save commits as them.
    await page.goto('/');
    await own.getByRole('link', { name: OWN_DRAFT, exact: true }).click();
    await page.getByRole('button', { name: 'Save' }).waitFor();
    expect(await page.getByRole('note').filter({ hasText: 'Read only' }).count()).toBe(0);
    // Its Draft field is the one thing they may not flip, and the form says why.
    const draftField = page.getByRole('switch', { name: 'draft', exact: true });
    expect(await draftField.isDisabled()).toBe(true);
    await page
      .getByText('Only an editor can publish: ask an editor to publish this post.')
      .waitFor();
    expect(await page.getByRole('textbox', { name: 'title', exact: true }).isEditable()).toBe(true);
    expect(commitCount(folio.repo)).toBe(1);
    expectHealthyRepo(folio.repo);
  }, 60_000);
});
