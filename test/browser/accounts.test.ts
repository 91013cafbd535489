import { afterAll, beforeAll, expect, it } from 'vitest';
import {
  artifactPath,
  CHROMIUM,
  launchBrowser,
  signIn,
  type BrowserSession,
} from '../support/chromium.ts';
import { gitCli } from '../support/gitCli.ts';
import { startFolio, type RunningFolio } from '../support/folioServer.ts';
import { expectHealthyRepo } from '../support/repoChecks.ts';
import { describeWithTool } from '../support/requireTool.ts';

const ADMIN = { username: 'ada', name: 'Ada Admin', email: 'ada@example.com' };
const PASSWORD = 'admin passphrase here';
const NEW_PASSWORD = 'my very own passphrase';

describeWithTool(CHROMIUM, 'browser: users and profile', () => {
  let folio: RunningFolio;
  let admin: BrowserSession;
  let newcomer: BrowserSession;

  beforeAll(async () => {
    folio = await startFolio();
    await folio.ctx.users.upsert({ ...ADMIN, role: 'admin' }, PASSWORD);
    admin = await launchBrowser({ baseURL: folio.url });
    newcomer = await launchBrowser({ baseURL: folio.url, width: 390, height: 800 });
  });
  afterAll(async () => {
    await admin?.close();
    await newcomer?.close();
    await folio?.close();
  });

  it('an admin adds a user, who signs in with the one-time password and must choose a new one', async () => {
    const { page } = admin;
    await signIn(page, ADMIN.username, PASSWORD);
    await page.getByRole('link', { name: 'Users' }).click();
    await page.getByRole('heading', { name: 'Users', level: 1 }).waitFor();
    await page.getByRole('button', { name: 'Add user' }).click();
    await page.getByLabel('Username', { exact: true }).fill('bea');
    await page.getByLabel('Full name').fill('Bea Lima');
    await page.getByLabel('Email').fill('bea@example.com');
    await page.getByLabel('Role', { exact: true }).selectOption('author');
    await page.getByRole('button', { name: 'Add user' }).click();
    const code = page.getByLabel('One-time password for bea');
    await code.waitFor();
    const oneTime = (await code.textContent()) ?? '';
    expect(oneTime.length).toBeGreaterThan(9);
    await page.getByRole('row', { name: 'bea' }).waitFor();
    await page.screenshot({ path: artifactPath('accounts-users.png'), fullPage: true });

    // The last admin cannot step down: the server's reason is shown.
    await page.getByLabel('Role of ada').selectOption('editor');
    await page.getByRole('alert').filter({ hasText: 'last admin' }).waitFor();

    const p = newcomer.page;
    await p.goto('/login');
    await p.getByLabel('Username', { exact: true }).fill('bea');
    await p.getByLabel('Password').fill(oneTime);
    await p.getByRole('button', { name: 'Sign in' }).click();
    await p.getByRole('heading', { name: 'Choose your own password' }).waitFor();
    expect(new URL(p.url()).pathname).toBe('/profile');
    await p.goto('/');
    await p.waitForURL('**/profile');
    await p.getByLabel('One-time password').fill(oneTime);
    await p.getByLabel('New password', { exact: true }).fill('short');
    await p.getByLabel('New password again').fill('short');
    await p.getByRole('button', { name: 'Change password' }).click();
    await p.getByText('The password is too short').waitFor();
    await p.getByLabel('New password', { exact: true }).fill(NEW_PASSWORD);
    await p.getByLabel('New password again').fill(NEW_PASSWORD);
    await p.getByRole('button', { name: 'Change password' }).click();
    await p.getByRole('status').filter({ hasText: 'Password changed' }).waitFor();
    await p.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Posts' }).click();
    await p.getByRole('heading', { name: 'Posts', level: 1 }).waitFor();
    await p.screenshot({ path: artifactPath('accounts-newcomer-phone.png') });
  }, 90_000);

  it('a name changed on the profile is the author of the next commit', async () => {
    const { page } = admin;
    await page.getByRole('link', { name: ADMIN.name }).click();
    await page.getByRole('heading', { name: 'Your profile', level: 1 }).waitFor();
    await page.getByLabel('Full name').fill('Ada Lovelace');
    await page.getByRole('button', { name: 'Save name and email' }).click();
    await page.getByRole('status').filter({ hasText: 'Saved' }).waitFor();
    await page.getByRole('link', { name: 'Ada Lovelace' }).waitFor();
    await page.screenshot({ path: artifactPath('accounts-profile.png'), fullPage: true });

    await page
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: 'Posts' })
      .click();
    const row = page.getByRole('article').first();
    await row.getByRole('switch', { name: /^Featured:/ }).click();
    await row.getByText('Saved').waitFor();
    expect(gitCli(folio.repo, ['log', '-1', '--format=%an <%ae>'])).toBe(
      'Ada Lovelace <ada@example.com>',
    );
    expectHealthyRepo(folio.repo);

    await page.getByRole('link', { name: 'Ada Lovelace' }).click();
    await page.getByRole('button', { name: 'Sign out everywhere' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Sign out everywhere' }).click();
    await page.waitForURL('**/login');
  }, 90_000);
});
