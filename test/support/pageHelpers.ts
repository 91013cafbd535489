import type { Locator, Page } from 'playwright-core';

/** Waits until `locator` holds text matching `text` (Playwright's expect is not available under Vitest). */
export async function waitForText(
  locator: Locator,
  text: string | RegExp,
  timeout = 10_000,
): Promise<void> {
  await locator.filter({ hasText: text }).first().waitFor({ timeout });
}

/** Polls `read` until it returns `expected`; fails with the last value after `timeout` ms. */
export async function waitForValue<T>(
  read: () => Promise<T> | T,
  expected: T,
  timeout = 10_000,
): Promise<void> {
  const end = Date.now() + timeout;
  let last: T | undefined;
  while (Date.now() < end) {
    last = await read();
    if (last === expected) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(
    `Expected ${JSON.stringify(expected)}, still ${JSON.stringify(last)} after ${timeout} ms`,
  );
}

/** The post row (an article named by its title) in the list. */
export function postRow(page: Page, title: string): Locator {
  return page.getByRole('article', { name: title, exact: true });
}

/** Keys of Folio's autosave in this page's localStorage. */
export function autosaveKeys(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    Object.keys(localStorage).filter((key) => key.startsWith('folio:autosave:')),
  );
}
