import { execFileSync } from 'node:child_process';
import { beforeAll, expect, it } from 'vitest';
import { CHROMIUM, type BrowserSession } from '../support/chromium.ts';
import { makeFixtureRepo } from '../support/fixtureRepo.ts';
import { useFolioBrowsers } from '../support/folioBrowsers.ts';
import { BROWSER_USERS, type RunningFolio } from '../support/folioServer.ts';
import { gitCli } from '../support/gitCli.ts';
import { makeImages } from '../support/imageFixtures.ts';
import { waitForText, waitForValue } from '../support/pageHelpers.ts';
import { expectHealthyRepo, lastCommit } from '../support/repoChecks.ts';
import { describeWithTool } from '../support/requireTool.ts';

const POST = 'content/posts/trip/index.md';
const TRIP = [
  '---',
  'title: Trip',
  'cover:',
  '  image: cover.jpg # the hero',
  '  alt: "The beach"',
  '  relative: true',
  'images: [/images/a.jpg, /images/b.png]',
  '---',
  'Body.',
  '',
].join('\n');
const images = await makeImages();

describeWithTool(CHROMIUM, 'browser: nested image fields and renaming an image in use', () => {
  const [ana] = BROWSER_USERS as [(typeof BROWSER_USERS)[0]];
  let folio: RunningFolio;
  let browser: BrowserSession;
  const env = useFolioBrowsers([ana], undefined, () =>
    makeFixtureRepo({
      'hugo.toml': 'baseURL = "https://example.org/"\ntitle = "Site"\n',
      [POST]: TRIP,
      'content/posts/trip/cover.jpg': images.jpeg,
      'content/posts/other.md': '---\ntitle: Other\n---\n![a](/images/a.jpg)\n',
      'static/images/a.jpg': images.jpeg,
      'static/images/b.png': images.png,
      'static/images/sunset.webp': images.webp,
    }),
  );
  beforeAll(() => {
    folio = env.folio;
    browser = env.browsers[0]!;
  });
  const loadedImages = (selector: string) =>
    browser.page.evaluate(
      (sel) =>
        [...document.querySelectorAll<HTMLImageElement>(sel)].filter(
          (img) => img.complete && img.naturalWidth > 0,
        ).length,
      selector,
    );

  it('shows cover.image with a thumbnail and the library, and saves only that line', async () => {
    const { page } = browser;
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.goto(`${folio.url}/edit/${POST}`);
    await page.getByRole('heading', { name: 'Trip', level: 1 }).waitFor();
    // cover.image (bundle) and images' two site paths each show their thumbnail.
    await waitForValue(() => loadedImages('.image-path-thumb'), 3);
    await page.locator('.fm-kind-object').screenshot({ path: '/tmp/cover-image-field.png' });
    await page.getByRole('button', { name: 'Choose cover.image from the media library' }).click();
    const dialog = page.getByRole('dialog', { name: 'Choose an image' });
    await dialog.getByRole('button', { name: 'sunset.webp' }).click();
    await dialog.getByRole('button', { name: 'Insert' }).click();
    await waitForValue(
      () => page.getByRole('textbox', { name: 'image', exact: true }).inputValue(),
      '/images/sunset.webp',
    );
    await waitForValue(() => loadedImages('.image-path-thumb'), 3);
    await page.locator('.fm-kind-object').screenshot({ path: '/tmp/cover-image-picked.png' });
    await page.keyboard.press('Control+s');
    // The save is answered once the index is written too (the branch moves a moment before).
    await waitForText(page.getByRole('status'), /Saved as commit [0-9a-f]{7}/);
    expect(lastCommit(folio.repo).subject).toBe('Update "Trip"');
    const saved = execFileSync('git', ['show', `HEAD:${POST}`], {
      cwd: folio.repo,
      encoding: 'utf8',
    });
    expect(saved).toBe(TRIP.replace('image: cover.jpg #', 'image: /images/sunset.webp #'));
    const diff = gitCli(folio.repo, ['diff', '--numstat', 'HEAD~1', 'HEAD']);
    expect(diff).toBe(`1\t1\t${POST}`);
    expectHealthyRepo(folio.repo);
  });

  it('says before a rename which entries it updates, and after which were updated', async () => {
    const { page } = browser;
    await page.goto(`${folio.url}/media`);
    await page.getByRole('heading', { name: 'Media', level: 1 }).waitFor();
    await page.getByRole('button', { name: 'a.jpg', exact: true }).click();
    const details = page.getByRole('complementary', { name: 'Image a.jpg' });
    await waitForText(details, '2 entries use this image');
    await details.screenshot({ path: '/tmp/media-rename-before.png' });
    await details.getByRole('textbox', { name: 'Name' }).fill('Praia');
    await details.getByRole('button', { name: 'Rename' }).click();
    const after = page.getByRole('complementary', { name: 'Image praia.jpg' });
    await waitForText(after, 'references updated in 2 entries');
    await after.getByRole('link', { name: 'content/posts/other.md' }).first().waitFor();
    await after.screenshot({ path: '/tmp/media-rename-after.png' });
    expect(lastCommit(folio.repo)).toMatchObject({
      author: 'Ana Editor',
      subject: 'Rename "a.jpg" to "praia.jpg" (and its references in 2 entries)',
    });
    expect(gitCli(folio.repo, ['show', `HEAD:content/posts/other.md`])).toBe(
      '---\ntitle: Other\n---\n![a](/images/praia.jpg)',
    );
    expectHealthyRepo(folio.repo);
  });
});
