import { fileTypeFromBuffer } from 'file-type';
import sharp from 'sharp';
import type { ImageType } from '../../../shared/api/media.ts';
import { UnsupportedMediaError } from '../../errors.ts';

/** What the bytes of an accepted image are. */
export interface ImageFacts {
  type: ImageType;
  /** The file extension for the type (`jpg`, `png`, `svg`...). */
  ext: string;
  width: number | null;
  height: number | null;
}

const RASTER: Record<string, { type: ImageType; ext: string; sharpFormat: string[] }> = {
  'image/png': { type: 'image/png', ext: 'png', sharpFormat: ['png'] },
  'image/apng': { type: 'image/png', ext: 'png', sharpFormat: ['png'] },
  'image/jpeg': { type: 'image/jpeg', ext: 'jpg', sharpFormat: ['jpeg'] },
  'image/gif': { type: 'image/gif', ext: 'gif', sharpFormat: ['gif'] },
  'image/webp': { type: 'image/webp', ext: 'webp', sharpFormat: ['webp'] },
  'image/avif': { type: 'image/avif', ext: 'avif', sharpFormat: ['heif'] },
};

/** File extensions of the image types, as the media library and the image route recognise them. */
export const IMAGE_EXTENSIONS = ['png', 'jpg', 'jpeg', 'gif', 'webp', 'avif', 'svg'];

// Markup a browser (or a server misconfigured to sniff) would run or render as a page. A raster
// image holding one of these is a polyglot: refused, since the site may serve it without nosniff.
// Markers are 5 characters or more, so that compressed pixels (random-looking bytes) almost never
// spell one by chance (about once in 1,500 files of 20 MB for the shortest).
const MARKUP = /<(?:script|html|body|iframe|object|embed|\?php)|javascript:/i;
// What makes an SVG active: scripts, event handlers, foreign HTML, links to script URLs.
const ACTIVE_SVG =
  /<script|<foreignObject|<iframe|<embed|<object|\son[a-z]+\s*=|javascript:|data:text\/html|<!ENTITY/i;

/**
 * Tells the type of an image from its bytes alone (never the name or a header) and reads its
 * dimensions: PNG, JPEG, GIF, WebP, AVIF, or SVG; null for anything else.
 */
export async function sniffImage(bytes: Buffer): Promise<ImageFacts | null> {
  const detected = await fileTypeFromBuffer(bytes);
  const raster = detected ? RASTER[detected.mime] : undefined;
  if (raster) {
    const meta = await sharp(bytes, { failOn: 'none' })
      .metadata()
      .catch(() => null);
    if (!meta || !raster.sharpFormat.includes(meta.format)) return null;
    return { type: raster.type, ext: raster.ext, width: meta.width, height: meta.height };
  }
  // file-type calls an SVG with an XML declaration "xml"; the root element tells.
  const xml = detected?.mime === 'application/xml' || detected?.mime === 'text/xml';
  if ((detected && !xml) || !looksLikeSvg(bytes)) return null;
  // An SVG whose root has no width, height or viewBox is a valid image of unknown size: librsvg
  // refuses some ("bad dimensions") and guesses others from the drawing's bounding box.
  if (!svgDeclaresSize(bytes))
    return { type: 'image/svg+xml', ext: 'svg', width: null, height: null };
  const meta = await sharp(bytes)
    .metadata()
    .catch(() => null);
  if (meta && meta.format !== 'svg') return null;
  return {
    type: 'image/svg+xml',
    ext: 'svg',
    width: meta?.width ?? null,
    height: meta?.height ?? null,
  };
}

/**
 * True when an SVG's root element gives its size: a viewBox, or both width and height as absolute
 * lengths (a percentage or a missing one leaves librsvg guessing from the drawing).
 */
export function svgDeclaresSize(bytes: Buffer): boolean {
  const root = /<svg[\s>][^>]*>?/.exec(bytes.subarray(0, 65536).toString('utf8'))?.[0];
  if (!root) return false;
  const attribute = (name: string) =>
    new RegExp(`[\\s"']${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)')`).exec(root);
  if (attribute('viewBox')) return true;
  const absolute = (name: string) => {
    const found = attribute(name);
    const value = (found?.[1] ?? found?.[2] ?? '').trim();
    return /^[0-9.]+(?:px|pt|pc|mm|cm|in|em|ex)?$/.test(value) && Number.parseFloat(value) > 0;
  };
  return absolute('width') && absolute('height');
}

/**
 * Checks an upload: a real image of an accepted type, with no markup hidden in a raster image and
 * nothing active (scripts, handlers, foreign HTML) in an SVG. Throws 415 with the reason.
 */
export async function checkUpload(bytes: Buffer): Promise<ImageFacts> {
  if (bytes.length === 0)
    throw new UnsupportedMediaError('The file is empty.', { reason: 'empty' });
  const facts = await sniffImage(bytes);
  if (!facts) {
    const kind = describeNonImage(bytes);
    throw new UnsupportedMediaError(
      `This file is not an image Folio accepts${kind ? ` (it looks like ${kind})` : ''}: upload a PNG, JPEG, GIF, WebP, AVIF or SVG.`,
      { reason: 'not_an_image' },
    );
  }
  if (facts.type === 'image/svg+xml') {
    if (ACTIVE_SVG.test(bytes.toString('utf8')))
      throw new UnsupportedMediaError(
        'This SVG contains scripts, event handlers or embedded HTML, which would run on the site: remove them (or export it again as a plain drawing) and upload it again.',
        { reason: 'active_svg' },
      );
    return facts;
  }
  if (MARKUP.test(bytes.toString('latin1')) || trailsAfterEnd(bytes, facts.type))
    throw new UnsupportedMediaError(
      'This image also contains a web page or a script (a polyglot file), which Folio refuses: export it again from an image editor.',
      { reason: 'polyglot' },
    );
  return facts;
}

// The name of what non-image bytes look like, for the message.
function describeNonImage(bytes: Buffer): string | null {
  const head = bytes.subarray(0, 512).toString('utf8').trimStart().toLowerCase();
  if (
    head.startsWith('<!doctype html') ||
    head.startsWith('<html') ||
    /<(script|body|head)/.test(head)
  )
    return 'an HTML page';
  if (head.startsWith('%pdf')) return 'a PDF';
  if (head.startsWith('pk')) return 'a ZIP archive';
  if (/^(#!|\(function|function\s|var\s|const\s|let\s|import\s)/.test(head)) return 'a script';
  return null;
}

// PNG ends with its IEND chunk: bytes after it are another file riding along.
function trailsAfterEnd(bytes: Buffer, type: ImageType): boolean {
  if (type !== 'image/png') return false;
  const iend = bytes.lastIndexOf(Buffer.from('IEND'));
  return iend !== -1 && bytes.length > iend + 8;
}

// An SVG file: optional BOM, XML declaration, comments and doctype, then an <svg> root element.
function looksLikeSvg(bytes: Buffer): boolean {
  let text = bytes.subarray(0, 4096).toString('utf8');
  if (text.includes('\uFFFD')) return false;
  text = text.replace(/^\uFEFF/, '');
  for (;;) {
    const trimmed = text.trimStart();
    const skip =
      /^<\?xml[^>]*\?>/.exec(trimmed) ??
      /^<!--[\s\S]*?-->/.exec(trimmed) ??
      /^<!DOCTYPE svg[^>]*>/i.exec(trimmed);
    if (!skip) return /^<svg[\s>]/.test(trimmed);
    text = trimmed.slice(skip[0].length);
  }
}
