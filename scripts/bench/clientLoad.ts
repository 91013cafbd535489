// The client half of the bench: the production build in the Debian Chromium against a running
// Folio. It reports what an editor feels: the first load of the list in a browser that has never
// seen Folio (empty cache, fresh profile), the JavaScript that load transferred, what opening the
// editor adds, and the frame times while scrolling the whole list.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Page } from 'playwright-core';
import { summarize, type Sample } from './measure.ts';

const CHROMIUM = '/usr/bin/chromium';
const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
];
// A just-launched Chromium keeps both cores busy setting up its profile for about a second: the
// figure is the app's load in a running browser, as an editor who opens a tab would see it.
const SETTLE_MS = 2000;

/** What the browser measured. */
export interface ClientFigures {
  /** Navigation start to the first post row on screen, fresh profile each run. */
  firstLoad: Sample;
  /** The same with the browser's cache warm (a reload). */
  reload: Sample;
  /** JavaScript the list page transferred, compressed as served (KB). */
  listJsKb: number;
  /** JavaScript opening the editor added (KB, compressed as served). */
  editorJsKb: number;
  /** Frame intervals while scrolling through the list (ms). */
  scrollFrames: Sample;
  /** Rows the scroll went through. */
  scrolledRows: number;
}

/** Measures the client against `baseUrl`, signed in as the bench editor. */
export async function measureClient(
  baseUrl: string,
  editId: string,
  runs: number,
): Promise<ClientFigures> {
  const loads: number[] = [];
  const reloads: number[] = [];
  let listJsKb = 0;
  let editorJsKb = 0;
  let scroll = { frames: [] as number[], rows: 0 };
  for (let run = 0; run < runs; run++) {
    const profile = mkdtempSync(join(tmpdir(), 'folio-bench-chromium-'));
    const context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: true,
      args: ARGS,
      baseURL: baseUrl,
      viewport: { width: 1280, height: 800 },
    });
    try {
      const page = context.pages()[0] ?? (await context.newPage());
      const login = await context.request.post('/api/session', {
        data: { username: 'bench', password: 'bench-password' },
      });
      if (!login.ok()) throw new Error(`bench sign-in failed: ${login.status()}`);
      await page.goto('/api/health');
      await page.waitForTimeout(SETTLE_MS);
      await page.goto('/');
      loads.push(await untilFirstRow(page));
      if (run === 0) {
        listJsKb = await transferredJsKb(page);
        scroll = await scrollThrough(page);
        const before = await jsNames(page);
        await page.goto(`/edit/${editId}`);
        await page.getByRole('button', { name: 'Save' }).first().waitFor();
        editorJsKb = await transferredJsKb(page, before);
      }
      await page.goto('/');
      await untilFirstRow(page);
      await page.reload();
      reloads.push(await untilFirstRow(page));
    } finally {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    }
  }
  return {
    firstLoad: summarize(loads),
    reload: summarize(reloads),
    listJsKb,
    editorJsKb,
    scrollFrames: summarize(scroll.frames),
    scrolledRows: scroll.rows,
  };
}

async function untilFirstRow(page: Page): Promise<number> {
  await page.getByRole('article').first().waitFor();
  // performance.now() counts from this document's navigation start.
  return page.evaluate(() => performance.now());
}

async function jsNames(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    performance
      .getEntriesByType('resource')
      .filter((e) => e.name.endsWith('.js'))
      .map((e) => e.name),
  );
}

// Sizes as transferred (gzip from the server), of this document's scripts not in `except`.
async function transferredJsKb(page: Page, except: string[] = []): Promise<number> {
  const bytes = await page.evaluate(
    (skip) =>
      performance
        .getEntriesByType('resource')
        .filter((e) => e.name.endsWith('.js') && !skip.includes(e.name))
        .reduce((sum, e) => sum + (e as PerformanceResourceTiming).encodedBodySize, 0),
    except,
  );
  return bytes / 1024;
}

// Scrolls the list's scroller 400 px per frame for 300 frames (loading pages as it goes) and records
// the interval between frames: 16.7 ms is a smooth 60 Hz.
async function scrollThrough(page: Page): Promise<{ frames: number[]; rows: number }> {
  return page.evaluate(async () => {
    // The list's scroller: the grid of posts sits in it (its height is every row's).
    const region = document.querySelector<HTMLElement>('[role="grid"]')?.parentElement;
    if (!region) throw new Error('no post list grid');
    const frames: number[] = [];
    let last = performance.now();
    for (let i = 0; i < 300; i++) {
      region.scrollTop += 400;
      await new Promise<void>((resolve) => requestAnimationFrame(() => resolve()));
      const now = performance.now();
      frames.push(now - last);
      last = now;
    }
    const rows = [...region.querySelectorAll('[aria-rowindex], [data-index]')].map((el) =>
      Number(el.getAttribute('aria-rowindex') ?? el.getAttribute('data-index')),
    );
    return { frames, rows: Math.max(0, ...rows.filter((n) => Number.isFinite(n))) };
  });
}
