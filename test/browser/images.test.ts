import { execFileSync } from 'node:child_process';
import { beforeAll, expect, it } from 'vitest';
import { artifactPath, CHROMIUM, type BrowserSession } from '../support/chromium.ts';
import { useFolioBrowsers } from '../support/folioBrowsers.ts';
import { BROWSER_USERS, type RunningFolio } from '../support/folioServer.ts';
import { gitCli } from '../support/gitCli.ts';
import { makeImages } from '../support/imageFixtures.ts';
import { waitForText, waitForValue } from '../support/pageHelpers.ts';
import { commitCount, expectHealthyRepo, fileAtHead, lastCommit } from '../support/repoChecks.ts';
import { describeWithTool } from '../support/requireTool.ts';

const SINGLE = 'Notas de estudo sobre OpenTofu, parte 1';
const SINGLE_ID = 'content/blog/notas-opentofu.md';

describeWithTool(
  CHROMIUM,
  'browser: images in the editor (upload by chooser and paste, preview)',
  () => {
    const [ana] = BROWSER_USERS as [(typeof BROWSER_USERS)[0]];
    let folio: RunningFolio;
    let browser: BrowserSession;
    let images: Awaited<ReturnType<typeof makeImages>>;
    const env = useFolioBrowsers([ana], (session) =>
      session.page.on('dialog', (dialog) => void dialog.accept()),
    );
    beforeAll(async () => {
      folio = env.folio;
      browser = env.browsers[0]!;
      images = await makeImages();
    });

    // Every preview image has loaded real pixels (a broken image has naturalWidth 0).
    const previewImages = () =>
      browser.page.evaluate(() =>
        [...document.querySelectorAll<HTMLImageElement>('.wmde-markdown img')].map((img) => ({
          src: img.getAttribute('src') ?? '',
          width: img.complete ? img.naturalWidth : -1,
        })),
      );

    it('uploads with the file chooser into static/images/uploads/<year>/ and shows it in the preview', async () => {
      const { page } = browser;
      await page.getByRole('link', { name: SINGLE, exact: true }).click();
      await page.getByRole('heading', { name: SINGLE, level: 1 }).waitFor();
      const before = commitCount(folio.repo);
      const body = page.getByRole('textbox', { name: 'Body (Markdown)' });
      await body.click();
      await page.keyboard.press('Control+End');
      await page.getByLabel('Image files to upload').setInputFiles({
        name: 'Foto do Palco.jpg',
        mimeType: 'image/jpeg',
        buffer: images.jpeg,
      });
      const year = new Date().getUTCFullYear();
      const path = `static/images/uploads/${year}/foto-do-palco.jpg`;
      await waitForValue(
        async () => (await body.inputValue()).includes(`/images/uploads/${year}/foto-do-palco.jpg`),
        true,
      );
      expect(await body.inputValue()).toContain(
        `![Foto do Palco](/images/uploads/${year}/foto-do-palco.jpg)`,
      );
      expect(commitCount(folio.repo)).toBe(before + 1);
      expect(lastCommit(folio.repo)).toMatchObject({
        author: ana.name,
        subject: `Upload "foto-do-palco.jpg" for "${SINGLE}"`,
      });
      const stored = execFileSync('git', ['cat-file', 'blob', `HEAD:${path}`], { cwd: folio.repo });
      expect(Buffer.compare(stored, images.jpeg)).toBe(0);
      await waitForValue(
        async () =>
          (await previewImages()).some((i) => i.src.startsWith('/api/images?') && i.width === 64),
        true,
      );
      expectHealthyRepo(folio.repo);
      // The post's own change (the inserted reference) is saved as usual.
      await page.keyboard.press('Control+S');
      await waitForText(page.getByRole('status'), /Saved as commit [0-9a-f]{7}/);
      expect(fileAtHead(folio.repo, SINGLE_ID)).toContain(
        `/images/uploads/${year}/foto-do-palco.jpg`,
      );
    });

    it('makes the post a page bundle, then a pasted image goes beside it and shows in the preview', async () => {
      const { page } = browser;
      await page.getByRole('button', { name: 'Make page bundle' }).click();
      await page.waitForURL(/\/edit\/content\/blog\/notas-opentofu\/index\.md$/);
      expect(
        gitCli(folio.repo, ['ls-tree', '--name-only', 'HEAD', 'content/blog/notas-opentofu/']),
      ).toBe('content/blog/notas-opentofu/index.md');
      const body = page.getByRole('textbox', { name: 'Body (Markdown)' });
      await body.click();
      await page.keyboard.press('Control+End');
      const base64 = images.png.toString('base64');
      await body.evaluate((textarea, data) => {
        const bytes = Uint8Array.from(atob(data), (c) => c.charCodeAt(0));
        const transfer = new DataTransfer();
        transfer.items.add(new File([bytes], 'image.png', { type: 'image/png' }));
        textarea.dispatchEvent(
          new ClipboardEvent('paste', { clipboardData: transfer, bubbles: true, cancelable: true }),
        );
      }, base64);
      await waitForValue(
        async () => (await body.inputValue()).includes('![image](image.png)'),
        true,
      );
      const stored = execFileSync(
        'git',
        ['cat-file', 'blob', 'HEAD:content/blog/notas-opentofu/image.png'],
        {
          cwd: folio.repo,
        },
      );
      expect(Buffer.compare(stored, images.png)).toBe(0);
      await waitForValue(
        async () =>
          (await previewImages()).some((i) => i.src.includes('src=image.png') && i.width === 64),
        true,
      );
      await page.screenshot({ path: artifactPath('editor-images-1280.png') });
      expectHealthyRepo(folio.repo);
    });

    it('shows why an upload is refused and leaves the body as it was', async () => {
      const { page } = browser;
      const body = page.getByRole('textbox', { name: 'Body (Markdown)' });
      const text = await body.inputValue();
      const head = gitCli(folio.repo, ['rev-parse', 'HEAD']);
      await page.getByLabel('Image files to upload').setInputFiles({
        name: 'fake.png',
        mimeType: 'image/png',
        buffer: Buffer.from('<!DOCTYPE html><html><script>alert(1)</script></html>'),
      });
      await waitForText(page.getByRole('alert'), /fake\.png was not uploaded: .*HTML page/);
      await waitForValue(() => body.inputValue(), text);
      expect(gitCli(folio.repo, ['rev-parse', 'HEAD'])).toBe(head);
    });
  },
);
