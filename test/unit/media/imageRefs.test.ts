import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkRepoPath, isWithin } from '../../../server/git/paths.ts';
import {
  imageCandidates,
  pageFolderUrl,
  referenceFor,
} from '../../../server/services/media/imageRefs.ts';
import { scanImageRefs } from '../../../server/services/media/imageRefScan.ts';
import { toSiteMedia } from '../../../server/services/media/siteMedia.ts';

const root = { dir: 'content', lang: null };
const bundle = { id: 'content/posts/trip/index.md', root, bundle: 'leaf' as const, slug: 'trip' };
const single = { id: 'content/posts/notes.en.md', root, bundle: null, slug: 'notes' };
const site = toSiteMedia({ baseURL: 'https://example.org/blog/', theme: 'ananke' });

describe('image references resolve as Hugo publishes them', () => {
  it('reads baseURL, staticDir, assetDir and the theme from the config', () => {
    expect(site).toEqual({
      basePath: '/blog/',
      staticDirs: ['static', 'themes/ananke/static'],
      assetDirs: ['assets', 'themes/ananke/assets'],
    });
    expect(toSiteMedia({ staticDir: ['public-files', '../outside'], assetdir: 'src' })).toEqual({
      basePath: '/',
      staticDirs: ['public-files'],
      assetDirs: ['src'],
    });
  });

  it('resolves relative references against the page URL and root paths in content, static, assets', () => {
    expect(pageFolderUrl(bundle)).toBe('/posts/trip/');
    expect(pageFolderUrl(single)).toBe('/posts/notes/');
    expect(imageCandidates(bundle, 'gallery/a b.jpg', site)[0]).toBe(
      'content/posts/trip/gallery/a b.jpg',
    );
    expect(imageCandidates(bundle, 'gallery/a%20b.jpg?x=1#f', site)[0]).toBe(
      'content/posts/trip/gallery/a b.jpg',
    );
    expect(imageCandidates(single, 'x.png', site)).toContain('static/posts/notes/x.png');
    expect(imageCandidates(single, '/blog/images/x.png', site)).toEqual([
      'content/images/x.png',
      'static/images/x.png',
      'themes/ananke/static/images/x.png',
      'assets/images/x.png',
      'themes/ananke/assets/images/x.png',
    ]);
    expect(imageCandidates(single, 'https://cdn.example/x.png', site)).toEqual([]);
    expect(imageCandidates(single, '//cdn.example/x.png', site)).toEqual([]);
    expect(imageCandidates(single, 'data:image/png;base64,AAAA', site)).toEqual([]);
    expect(imageCandidates(single, '/images/readme.txt', site)).toEqual([]);
    expect(imageCandidates(single, '../../../../etc/x.png', site)).toEqual([]);
    expect(imageCandidates(single, '/images/%2e%2e/%2e%2e/x.png', site)).toEqual([]);
    expect(imageCandidates(single, '/.git/x.png', site)).toEqual([]);
  });

  it('never names a path outside the media folders, or one that breaks the path rules (property)', () => {
    const segment = fc.constantFrom(
      '..',
      '.',
      '',
      '.git',
      '.GIT',
      'images',
      'a b',
      '%2e%2e',
      '%2F',
      'x.png',
      '\\',
      'con.png',
      'git~1',
    );
    const src = fc
      .tuple(
        fc.boolean(),
        fc.array(segment, { maxLength: 6 }),
        fc.constantFrom('.png', '.jpg', '', '.svg'),
      )
      .map(([abs, parts, ext]) => `${abs ? '/' : ''}${parts.join('/')}${ext}`);
    const folders = [root.dir, ...site.staticDirs, ...site.assetDirs];
    fc.assert(
      fc.property(fc.oneof(src, fc.string()), fc.constantFrom(bundle, single), (ref, entry) => {
        for (const path of imageCandidates(entry, ref, site)) {
          expect(checkRepoPath(path)).toBe(path);
          expect(folders.some((f) => isWithin(path, f) && path !== f)).toBe(true);
          expect(path.split('/')).not.toContain('..');
        }
      }),
      { numRuns: 2000 },
    );
  });

  it('makes the reference to insert: inside the bundle by name, else the site path with the subpath', () => {
    const dirs = ['content'];
    expect(referenceFor(bundle, 'content/posts/trip/cover.jpg', site, dirs)).toBe('cover.jpg');
    expect(referenceFor(bundle, 'content/posts/trip/g/a b.jpg', site, dirs)).toBe('g/a%20b.jpg');
    expect(referenceFor(single, 'static/images/uploads/2026/x.png', site, dirs)).toBe(
      '/blog/images/uploads/2026/x.png',
    );
    expect(referenceFor(null, 'assets/images/x.png', site, dirs)).toBeNull();
  });
});

describe('scanImageRefs', () => {
  it('finds Markdown, reference, HTML and shortcode images in the body and image strings in front matter', () => {
    const text = [
      '---',
      'title: T',
      'cover:',
      '  image: cover.jpg',
      'images: ["/images/a.png"]',
      'link: https://example.org/page',
      '---',
      '![one](one.webp "title") and ![two](<two words.gif>)',
      '[ref]: /images/ref.avif',
      '<img src="/blog/images/html.svg" alt="">',
      '{{< figure src="fig.jpeg" >}}',
      '[not an image](doc.pdf)',
    ].join('\n');
    expect(scanImageRefs(text).sort()).toEqual(
      [
        '/blog/images/html.svg',
        '/images/a.png',
        '/images/ref.avif',
        'cover.jpg',
        'fig.jpeg',
        'one.webp',
        'two words.gif',
      ].sort(),
    );
  });
});
