import sharp from 'sharp';

/** Real image files of every type Folio accepts, made with sharp (small, distinct pixels). */
export async function makeImages(): Promise<{
  png: Buffer;
  jpeg: Buffer;
  webp: Buffer;
  gif: Buffer;
  avif: Buffer;
  svg: Buffer;
}> {
  const base = () =>
    sharp({ create: { width: 64, height: 48, channels: 3, background: { r: 200, g: 40, b: 90 } } });
  const [png, jpeg, webp, gif, avif] = await Promise.all([
    base().png().toBuffer(),
    base().jpeg({ quality: 80 }).toBuffer(),
    base().webp().toBuffer(),
    base().gif().toBuffer(),
    base().avif().toBuffer(),
  ]);
  const svg = Buffer.from(
    '<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg" width="40" height="30"><rect width="40" height="30" fill="teal"/></svg>\n',
  );
  return { png, jpeg, webp, gif, avif, svg };
}

/** An SVG that runs a script when opened as a page. */
export const SCRIPTED_SVG = Buffer.from(
  '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10" onload="alert(1)"><script>alert(document.cookie)</script><rect width="10" height="10"/></svg>',
);

/** An HTML page saved under an image name. */
export const HTML_PAGE = Buffer.from(
  '<!DOCTYPE html><html><body><script>fetch("/api/users")</script></body></html>',
);

/** A real PNG with an HTML page and a script appended after its end (a polyglot). */
export function polyglotPng(png: Buffer): Buffer {
  return Buffer.concat([png, Buffer.from('<html><script>alert(1)</script></html>')]);
}
