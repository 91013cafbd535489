import { execFileSync } from 'node:child_process';
import { beforeAll, expect, it } from 'vitest';
import { artifactPath, CHROMIUM, type BrowserSession } from '../support/chromium.ts';
import { useFolioBrowsers } from '../support/folioBrowsers.ts';
import { BROWSER_USERS, type RunningFolio } from '../support/folioServer.ts';
import { gitCli } from '../support/gitCli.ts';
import { makeImages } from '../support/imageFixtures.ts';
import { waitForText, waitForValue } from '../support/pageHelpers.ts';
import { expectHealthyRepo, lastCommit } from '../support/repoChecks.ts';
import { describeWithTool } from '../support/requireTool.ts';

const HOMELAB = 'Montando um homelab em meio rack: do Proxmox ao Kubernetes';

describeWithTool(CHROMIUM, 'browser: the media library page and image fields', () => {
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

  // Images in `scope` that have loaded pixels.
  const loadedImages = (selector: string) =>
    browser.page.evaluate(
      (sel) =>
        [...document.querySelectorAll<HTMLImageElement>(sel)].filter(
          (img) => img.complete && img.naturalWidth > 0,
        ).length,
      selector,
    );

  it('shows every image as a thumbnail, searches, tells where one is used and keeps an image in use unless confirmed', async () => {
    const { page } = browser;
    await page.getByRole('link', { name: 'Media', exact: true }).click();
    await page.getByRole('heading', { name: 'Media', level: 1 }).waitFor();
    await waitForText(page.getByRole('status'), '7 images');
    await waitForValue(() => loadedImages('.media-tile img'), 7);
    await page.screenshot({ path: artifactPath('media-1280.png') });

    await page.getByRole('searchbox', { name: 'Search images by name' }).fill('openstack-15');
    await waitForText(page.getByRole('status'), '1 image');
    await page.getByRole('button', { name: 'openstack-15-anos.jpg' }).click();
    const details = page.getByRole('complementary', { name: 'Image openstack-15-anos.jpg' });
    await waitForText(details, '800 × 420 px');
    await details.getByRole('link', { name: 'content/blog/openstack-15-anos.md' }).waitFor();
    await page.screenshot({ path: artifactPath('media-details-1280.png') });

    await details.getByRole('button', { name: 'Delete' }).click();
    const confirm = page.getByRole('dialog', { name: 'Delete an image in use?' });
    await waitForText(confirm, 'content/blog/openstack-15-anos.md');
    await confirm.getByRole('button', { name: 'Cancel' }).click();
    expect(
      gitCli(folio.repo, [
        'ls-tree',
        '--name-only',
        'HEAD',
        'static/images/blog/openstack-15-anos.jpg',
      ]),
    ).toBe('static/images/blog/openstack-15-anos.jpg');
  });

  it('uploads into the media folder from the library, as a commit by the editor', async () => {
    const { page } = browser;
    const { webp } = await makeImages();
    await page.getByRole('searchbox', { name: 'Search images by name' }).fill('');
    await page.getByLabel('Images to upload to the library').setInputFiles({
      name: 'Mapa do Evento.webp',
      mimeType: 'image/webp',
      buffer: webp,
    });
    const year = new Date().getUTCFullYear();
    const details = page.getByRole('complementary', { name: 'Image mapa-do-evento.webp' });
    await waitForText(details, `/images/uploads/${year}/mapa-do-evento.webp`);
    await waitForText(page.getByRole('status'), '8 images');
    const stored = execFileSync(
      'git',
      ['cat-file', 'blob', `HEAD:static/images/uploads/${year}/mapa-do-evento.webp`],
      { cwd: folio.repo },
    );
    expect(Buffer.compare(stored, webp)).toBe(0);
    expect(lastCommit(folio.repo)).toMatchObject({
      author: ana.name,
      subject: 'Upload "mapa-do-evento.webp"',
    });
    expectHealthyRepo(folio.repo);
  });

  it('shows an image field with a thumbnail and fills it from the library', async () => {
    const { page } = browser;
    await page.goto(`${folio.url}/edit/content/blog/rack-homelab/index.md`);
    await page.getByRole('heading', { name: HOMELAB, level: 1 }).waitFor();
    // cover.png sits beside index.md: the field's thumbnail resolves it in the bundle.
    await waitForValue(() => loadedImages('.image-path-thumb'), 1);
    await page.getByRole('button', { name: 'Choose images 1 from the media library' }).click();
    const dialog = page.getByRole('dialog', { name: 'Choose an image' });
    await dialog.getByRole('searchbox', { name: 'Search images by name' }).fill('zuul');
    await dialog.getByRole('button', { name: 'zuul-gating.jpg' }).click();
    await dialog.getByRole('button', { name: 'Insert' }).click();
    await waitForValue(
      () => page.getByRole('textbox', { name: 'images 1' }).inputValue(),
      '/images/blog/zuul-gating.jpg',
    );
    await waitForValue(() => loadedImages('.image-path-thumb'), 1);

    // A file pasted on the box is uploaded into the bundle and its name goes into the field.
    const { png } = await makeImages();
    await page.getByRole('textbox', { name: 'images 1' }).evaluate((input, data) => {
      const bytes = Uint8Array.from(atob(data), (c) => c.charCodeAt(0));
      const transfer = new DataTransfer();
      transfer.items.add(new File([bytes], 'Rack Front.png', { type: 'image/png' }));
      input.dispatchEvent(
        new ClipboardEvent('paste', { clipboardData: transfer, bubbles: true, cancelable: true }),
      );
    }, png.toString('base64'));
    await waitForValue(
      () => page.getByRole('textbox', { name: 'images 1' }).inputValue(),
      'rack-front.png',
    );
    expect(
      gitCli(folio.repo, [
        'ls-tree',
        '--name-only',
        'HEAD',
        'content/blog/rack-homelab/rack-front.png',
      ]),
    ).toBe('content/blog/rack-homelab/rack-front.png');
    await waitForValue(() => loadedImages('.image-path-thumb'), 1);
    expectHealthyRepo(folio.repo);
  });
});
