import { describe, expect, it } from 'vitest';
import { altFromName, imageMarkdown } from '../../client/src/hooks/useBodyImageUploads.ts';
import { isBundleEntry } from '../../client/src/hooks/useEntryImages.ts';
import { isSiteReference } from '../../client/src/lib/safeUrl.ts';

describe('client image helpers', () => {
  it('makes alt text from a file name and Markdown that survives spaces and parentheses', () => {
    expect(altFromName('praia-a_tarde.JPG')).toBe('praia a tarde');
    expect(altFromName('[x].png')).toBe('x');
    expect(altFromName('.png')).toBe('image');
    expect(imageMarkdown('a', 'cover.jpg')).toBe('![a](cover.jpg)');
    expect(imageMarkdown('a', 'my photo (1).jpg')).toBe('![a](<my photo (1).jpg>)');
  });

  it('sends only the site own references to the image route', () => {
    for (const url of ['cover.jpg', '/images/a.png', '../x.png', 'gallery/b.webp?x=1'])
      expect(isSiteReference(url), url).toBe(true);
    for (const url of [
      '',
      'https://cdn.example/a.png',
      '//cdn.example/a.png',
      'data:image/png;base64,',
      '#top',
    ])
      expect(isSiteReference(url), url).toBe(false);
  });

  it('tells page bundles by their file name', () => {
    expect(isBundleEntry('content/blog/x/index.md')).toBe(true);
    expect(isBundleEntry('content/blog/x/index.en.md')).toBe(true);
    expect(isBundleEntry('content/blog/_index.md')).toBe(true);
    expect(isBundleEntry('content/blog/x.md')).toBe(false);
    expect(isBundleEntry('content/blog/reindex.md')).toBe(false);
  });
});
