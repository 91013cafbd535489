import { beforeAll, expect, it } from 'vitest';
import { artifactPath, CHROMIUM, type BrowserSession } from '../support/chromium.ts';
import { useFolioBrowsers } from '../support/folioBrowsers.ts';
import { BROWSER_USERS, type RunningFolio } from '../support/folioServer.ts';
import { waitForText, waitForValue } from '../support/pageHelpers.ts';
import { expectHealthyRepo, fileAtHead } from '../support/repoChecks.ts';
import { describeWithTool } from '../support/requireTool.ts';

const CONFIG_ID = 'content/docs/configuracao.md';
const OPENTOFU_ID = 'content/blog/notas-opentofu.md';

describeWithTool(CHROMIUM, 'browser: front matter fields and keyboard', () => {
  const [ana] = BROWSER_USERS as [(typeof BROWSER_USERS)[0]];
  let folio: RunningFolio;
  let browser: BrowserSession;
  const env = useFolioBrowsers([ana], (session) =>
    session.page.on('dialog', (dialog) => void dialog.accept()),
  );
  beforeAll(() => {
    folio = env.folio;
    browser = env.browsers[0]!;
  });

  it('clears a number field and takes a new number (weight 20 -> 35)', async () => {
    const { page } = browser;
    await page.goto(`/edit/${CONFIG_ID}`);
    const weight = page.getByLabel('weight', { exact: true });
    await weight.click();
    await page.keyboard.press('End');
    await page.keyboard.press('Backspace');
    await page.keyboard.press('Backspace');
    expect(await weight.inputValue()).toBe('');
    await waitForText(page.locator('.field-error'), 'Type a number, or remove this field.');
    await page.keyboard.type('35');
    expect(await weight.inputValue()).toBe('35');
    await page.keyboard.press('Tab'); // the remove button comes after its input
    expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe(
      'Remove field weight',
    );
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await waitForText(page.getByRole('status'), /Saved as commit/);
    expect(fileAtHead(folio.repo, CONFIG_ID)).toContain('\nweight = 35\n');
    expect(fileAtHead(folio.repo, CONFIG_ID)).toContain('  weight = 50\n'); // the menu's weight stays
  });

  it('names each page in the title bar (WCAG 2.4.2)', async () => {
    const { page } = browser;
    await page.goto('/');
    await page.getByRole('heading', { name: 'Posts', level: 1 }).waitFor();
    await waitForValue(() => page.title(), 'Posts · Folio');
    await page.goto(`/edit/${OPENTOFU_ID}`);
    await waitForValue(() => page.title(), 'Edit: Notas de estudo sobre OpenTofu, parte 1 · Folio');
    await page.goto(`/history/${OPENTOFU_ID}`);
    await waitForValue(() => page.title(), 'History of notas-opentofu.md · Folio');
    await page.goto('/history');
    await waitForValue(() => page.title(), 'Site history · Folio');
  });

  it('puts the focus at the top on arriving from the list: its name is read, the first Tab is Skip to body', async () => {
    const { page } = browser;
    await page.goto('/');
    await page.getByRole('heading', { name: 'Posts', level: 1 }).waitFor();
    await page
      .getByRole('link', { name: 'Notas de estudo sobre OpenTofu, parte 1', exact: true })
      .click();
    await waitForValue(() => page.title(), 'Edit: Notas de estudo sobre OpenTofu, parte 1 · Folio');
    // The clicked row left with the list: the focus is on the page's name, not lost on <body>.
    await waitForValue(
      () => page.evaluate(() => document.activeElement?.textContent ?? ''),
      'Edit: Notas de estudo sobre OpenTofu, parte 1 · Folio',
    );
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent?.trim())).toBe(
      'Skip to body',
    );
  });

  it('splits a pasted list into tags and reuses the existing spelling of a tag', async () => {
    const { page } = browser;
    await page.goto(`/edit/${OPENTOFU_ID}`);
    const tags = page.getByLabel('tags', { exact: true });
    await tags.click();
    await tags.evaluate((input) => {
      const data = new DataTransfer();
      data.setData('text/plain', 'Git,Folio\nHugo');
      input.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true }));
    });
    await tags.pressSequentially('kubernetes');
    await page.keyboard.press('Enter');
    await tags.pressSequentially('terraform,');
    const chips = page.getByRole('list', { name: /^tags: / });
    const names = () => chips.getByRole('listitem').allInnerTexts();
    await waitForValue(
      async () => (await names()).map((t) => t.replace(/\s*×$/, '')).join('|'),
      ['OpenTofu', 'Terraform', 'IaC', 'Git', 'Folio', 'Hugo', 'Kubernetes'].join('|'),
    );
    await waitForText(page.getByRole('status').filter({ hasText: 'Already there' }), '“Terraform”');
    await page.screenshot({ path: artifactPath('tokens.png') });
  });

  it('adds an "Other key" of the chosen type (a list saves as a list)', async () => {
    const { page } = browser;
    const add = page.getByLabel('Add a field');
    await add.selectOption({ label: 'Other key…' });
    await page.getByLabel('New key name').fill('teams');
    await page.getByLabel('Type of the new field').selectOption({ label: 'List' });
    await page.getByRole('button', { name: 'Add', exact: true }).click();
    const teams = page.getByLabel('teams', { exact: true });
    await teams.pressSequentially('ops,dev,');
    await add.selectOption({ label: 'Other key…' });
    await page.getByLabel('New key name').fill('reviewed');
    await page.getByLabel('Type of the new field').selectOption({ label: 'Yes/no' });
    await page.getByRole('button', { name: 'Add', exact: true }).click();
    await page.getByRole('switch', { name: 'reviewed' }).waitFor();
    await page.keyboard.press('Control+S');
    await waitForText(page.getByRole('status'), /Saved as commit/);
    const saved = fileAtHead(folio.repo, OPENTOFU_ID);
    expect(saved).toMatch(/\nteams:\n {2}- ops\n {2}- dev\n/);
    expect(saved).toContain('\nreviewed: false\n');
    expect(saved).toContain('  - Kubernetes\n');
    expectHealthyRepo(folio.repo);
  });

  it('lets the keyboard leave the body editor with Escape then Tab (WCAG 2.1.2)', async () => {
    const { page } = browser;
    await page.goto(`/edit/${OPENTOFU_ID}`);
    const body = page.getByRole('textbox', { name: 'Body (Markdown)' });
    await body.click();
    await page.keyboard.press('Control+Home');
    await page.keyboard.press('Tab');
    expect(await body.inputValue()).toMatch(/^ {2}/); // Tab still indents
    expect(await body.evaluate((el) => el === document.activeElement)).toBe(true);
    await page.keyboard.press('Escape');
    await page.keyboard.press('Tab');
    expect(await body.evaluate((el) => el === document.activeElement)).toBe(false);
    await page.keyboard.press('Shift+Tab');
    expect(await body.evaluate((el) => el === document.activeElement)).toBe(true);
    await page.keyboard.press('Escape');
    await page.keyboard.press('Shift+Tab');
    expect(await body.evaluate((el) => el === document.activeElement)).toBe(false);
    const hint = await body.getAttribute('aria-describedby');
    expect(await page.locator(`[id="${hint}"]`).innerText()).toContain('Esc then Tab');
  });

  it('shows the front matter comments of the file beside their fields, read-only', async () => {
    const { page } = browser;
    await page.goto('/edit/content/blog/ceph-squid-upgrade.en.md');
    const onTitle = page.getByRole('note', { name: 'Comment on title' });
    await waitForText(
      onTitle,
      'Draft: waiting for the storage team to review the rollback section.',
    );
    const loose = page.getByRole('note', { name: 'Comments in the front matter' });
    await waitForText(loose, 'images = ["/images/blog/ceph-squid.jpg"]');
    await page.screenshot({ path: artifactPath('fm-comments.png') });
  });
});
