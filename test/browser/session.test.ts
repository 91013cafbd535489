import { afterAll, beforeAll, expect, it } from 'vitest';
import {
  artifactPath,
  CHROMIUM,
  launchBrowser,
  signIn,
  type BrowserSession,
} from '../support/chromium.ts';
import { BROWSER_USERS, startFolio, type RunningFolio } from '../support/folioServer.ts';
import { commitCount, expectHealthyRepo } from '../support/repoChecks.ts';
import { describeWithTool } from '../support/requireTool.ts';

describeWithTool(CHROMIUM, 'browser: sign in and out', () => {
  let folio: RunningFolio;
  let browser: BrowserSession;
  const [ana] = BROWSER_USERS as [(typeof BROWSER_USERS)[0]];

  beforeAll(async () => {
    folio = await startFolio();
    browser = await launchBrowser({ baseURL: folio.url });
  });
  afterAll(async () => {
    await browser?.close();
    await folio?.close();
  });

  it('refuses a wrong password, signs in, keeps the session across a reload, and signs out', async () => {
    const { page } = browser;
    await page.goto('/');
    await page.waitForURL('**/login');
    await page.getByLabel('Username').fill(ana.username);
    await page.getByLabel('Password').fill('wrong password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('alert').filter({ hasText: 'Wrong username or password' }).waitFor();
    await page.screenshot({ path: artifactPath('login.png') });

    await signIn(page, ana.username, ana.password);
    await page.reload();
    await page.getByRole('heading', { name: 'Posts', level: 1 }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/');

    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL('**/login');
    await page.goto('/');
    await page.waitForURL('**/login');
    expect(commitCount(folio.repo)).toBe(1);
    expectHealthyRepo(folio.repo);
  });
});
