import { afterAll, beforeAll, expect, it } from 'vitest';
import {
  artifactPath,
  CHROMIUM,
  launchBrowser,
  signIn,
  type BrowserSession,
} from '../support/chromium.ts';
import { BROWSER_USERS, startFolio, type RunningFolio } from '../support/folioServer.ts';
import { waitForText } from '../support/pageHelpers.ts';
import { fileAtHead } from '../support/repoChecks.ts';
import { describeWithTool } from '../support/requireTool.ts';

const OPENTOFU_ID = 'content/blog/notas-opentofu.md';

describeWithTool(CHROMIUM, 'browser: the editor on a phone', () => {
  const [ana] = BROWSER_USERS as [(typeof BROWSER_USERS)[0]];
  let folio: RunningFolio;
  let phone: BrowserSession;
  beforeAll(async () => {
    folio = await startFolio();
    phone = await launchBrowser({ baseURL: folio.url, width: 375, height: 740 });
    await signIn(phone.page, ana.username, ana.password);
  });
  afterAll(async () => {
    await phone?.close();
    await folio?.close();
  });

  it('keeps Save on screen and shows Fields, Body and Preview as tabs', async () => {
    const { page } = phone;
    await page.goto(`/edit/${OPENTOFU_ID}`);
    const tabs = page.getByRole('tablist', { name: 'Editor panes' });
    await tabs.waitFor();
    const body = page.getByRole('textbox', { name: 'Body (Markdown)' });
    expect(await body.isVisible()).toBe(false);
    await page.getByLabel('title', { exact: true }).fill('Notas no celular');
    await page.mouse.wheel(0, 3000);
    const save = page.getByRole('button', { name: 'Save', exact: true });
    const box = (await save.boundingBox())!;
    expect(box.y + box.height).toBeLessThanOrEqual(740);
    expect(box.y).toBeGreaterThan(600);
    await page.screenshot({ path: artifactPath('phone-editor-fields.png') });

    await tabs.getByRole('tab', { name: 'Body' }).click();
    await body.waitFor();
    expect(await page.getByLabel('title', { exact: true }).isVisible()).toBe(false);
    await body.click();
    await page.keyboard.press('Control+End');
    await page.keyboard.type('\nEscrito no celular.\n');
    await page.keyboard.press('ArrowUp'); // stays in the text
    await tabs.getByRole('tab', { name: 'Preview' }).click();
    await waitForText(page.locator('.wmde-markdown'), 'Escrito no celular.');
    await page.keyboard.press('ArrowLeft');
    expect(await tabs.getByRole('tab', { name: 'Body' }).getAttribute('aria-selected')).toBe(
      'true',
    );
    await page.screenshot({ path: artifactPath('phone-editor-body.png') });
    await save.click();
    await waitForText(page.getByRole('status'), /Saved as commit/);
    expect(fileAtHead(folio.repo, OPENTOFU_ID)).toContain('Escrito no celular.');
    expect(fileAtHead(folio.repo, OPENTOFU_ID)).toContain('title: Notas no celular');
  });
});
