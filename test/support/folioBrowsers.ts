import { afterAll, beforeAll } from 'vitest';
import { launchBrowser, signIn, type BrowserSession } from './chromium.ts';
import { BROWSER_USERS, startFolio, type RunningFolio, type TestUser } from './folioServer.ts';

/** A running Folio and one signed-in browser per editor, set up once for a describe block. */
export interface FolioBrowsers {
  folio: RunningFolio;
  /** In the order of the editors given. */
  browsers: BrowserSession[];
}

/**
 * Registers beforeAll/afterAll hooks that start Folio on a fresh copy of the sample site, launch one
 * Chromium (its own profile) per editor and sign each in; everything is closed after the block.
 * The returned object is filled in by beforeAll.
 */
export function useFolioBrowsers(
  editors: TestUser[] = BROWSER_USERS.slice(0, 1),
  prepare?: (session: BrowserSession) => void,
  /** A repository to serve instead of a fresh copy of the sample site (removed afterwards). */
  repo?: () => { dir: string; cleanup: () => void },
): FolioBrowsers {
  const state = { browsers: [] } as unknown as FolioBrowsers;
  beforeAll(async () => {
    state.folio = await startFolio(undefined, repo?.());
    state.browsers = await Promise.all(
      editors.map(() => launchBrowser({ baseURL: state.folio.url })),
    );
    for (const [k, editor] of editors.entries()) {
      const session = state.browsers[k]!;
      prepare?.(session);
      await signIn(session.page, editor.username, editor.password);
    }
  });
  afterAll(async () => {
    await Promise.all(state.browsers.map((b) => b.close()));
    await state.folio?.close();
  });
  return state;
}
