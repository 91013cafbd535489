import { describe, expect, it } from 'vitest';
import { checkUpload, sniffImage } from '../../../server/services/media/imageBytes.ts';
import { HTML_PAGE, SCRIPTED_SVG, makeImages, polyglotPng } from '../../support/imageFixtures.ts';

async function reason(bytes: Buffer): Promise<string | null> {
  try {
    await checkUpload(bytes);
    return null;
  } catch (err) {
    return (err as { details?: { reason?: string } }).details?.reason ?? 'thrown';
  }
}

describe('image bytes: the type comes from the content, never the name', () => {
  it('recognises every accepted type with its dimensions', async () => {
    const images = await makeImages();
    const seen = await Promise.all(
      [images.png, images.jpeg, images.gif, images.webp, images.avif, images.svg].map(sniffImage),
    );
    expect(seen.map((f) => f && [f.type, f.ext, f.width, f.height])).toEqual([
      ['image/png', 'png', 64, 48],
      ['image/jpeg', 'jpg', 64, 48],
      ['image/gif', 'gif', 64, 48],
      ['image/webp', 'webp', 64, 48],
      ['image/avif', 'avif', 64, 48],
      ['image/svg+xml', 'svg', 40, 30],
    ]);
  });

  it('refuses pages, scripts and archives under any name, and polyglots', async () => {
    const { png, jpeg } = await makeImages();
    expect(await reason(HTML_PAGE)).toBe('not_an_image');
    expect(await reason(Buffer.from('alert(document.cookie)'))).toBe('not_an_image');
    expect(await reason(Buffer.from('PK\u0003\u0004 zip'))).toBe('not_an_image');
    expect(await reason(polyglotPng(png))).toBe('polyglot');
    // A JPEG comment segment (FF FE) carrying a script: a real JPEG, and a page to a sniffing browser.
    const comment = Buffer.from('<script>alert(1)</script>');
    const header = Buffer.from([0xff, 0xfe, 0, comment.length + 2]);
    const jpegWithScript = Buffer.concat([jpeg.subarray(0, 2), header, comment, jpeg.subarray(2)]);
    expect((await sniffImage(jpegWithScript))?.type).toBe('image/jpeg');
    expect(await reason(jpegWithScript)).toBe('polyglot');
    expect(await reason(Buffer.concat([png.subarray(0, 40)]))).not.toBeNull(); // truncated header
  });

  it('accepts a plain SVG in its usual dresses and refuses every way an SVG runs code', async () => {
    const plain =
      '<svg xmlns="http://www.w3.org/2000/svg" width="4" height="4"><rect width="4" height="4"/></svg>';
    expect(await reason(Buffer.from(plain))).toBeNull();
    expect(
      await reason(
        Buffer.from(`\uFEFF<?xml version="1.0"?>\n<!-- drawn -->\n<!DOCTYPE svg>\n${plain}`),
      ),
    ).toBeNull();
    expect(await reason(SCRIPTED_SVG)).toBe('active_svg');
    for (const active of [
      '<svg xmlns="http://www.w3.org/2000/svg" width="1" height="1"><SCRIPT>x()</SCRIPT></svg>',
      '<svg xmlns="http://www.w3.org/2000/svg" width="1" height="1"><rect onclick="x()" width="1" height="1"/></svg>',
      '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="1" height="1"><a xlink:href="javascript:x()"><rect width="1" height="1"/></a></svg>',
      '<svg xmlns="http://www.w3.org/2000/svg" width="1" height="1"><foreignObject><div xmlns="http://www.w3.org/1999/xhtml">x</div></foreignObject></svg>',
    ])
      expect(await reason(Buffer.from(active)), active).toBe('active_svg');
    expect(await reason(Buffer.from('<html><svg></svg></html>'))).toBe('not_an_image');
  });
});
