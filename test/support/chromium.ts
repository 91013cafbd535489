import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { PROJECT_ROOT } from './tempRepo.ts';

/** The Debian Chromium the browser tests drive. */
export const CHROMIUM = '/usr/bin/chromium';
const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
];

/** A browser session with its own fresh profile directory; `close` ends it and removes the profile. */
export interface BrowserSession {
  context: BrowserContext;
  page: Page;
  close: () => Promise<void>;
}

/** Launches Chromium with a fresh temporary user-data-dir (one profile = one editor's browser). */
export async function launchBrowser(options: {
  width?: number;
  height?: number;
  baseURL: string;
}): Promise<BrowserSession> {
  const profile = mkdtempSync(join(tmpdir(), 'folio-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: ARGS,
    viewport: { width: options.width ?? 1280, height: options.height ?? 800 },
    baseURL: options.baseURL,
    colorScheme: 'light',
  });
  const page = context.pages()[0] ?? (await context.newPage());
  return {
    context,
    page,
    close: async () => {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** Signs in through the login page and waits for the post list. */
export async function signIn(page: Page, username: string, password: string): Promise<void> {
  await page.goto('/login');
  await page.getByLabel('Username').fill(username);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { name: 'Posts', level: 1 }).waitFor();
}

/** Where screenshots and other artifacts of the browser tests go (git-ignored). */
export function artifactPath(name: string): string {
  const dir = join(PROJECT_ROOT, 'test-results');
  if (!existsSync(dir)) mkdirSync(dir, { recursive: true });
  return join(dir, name);
}
