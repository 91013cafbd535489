import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import sharp from 'sharp';
import { svgDeclaresSize } from './imageBytes.ts';

/** Width (and height at most) of a library thumbnail, in pixels. */
export const THUMBNAIL_SIZE = 320;

/**
 * Thumbnails of the site's images, made with sharp and kept under Folio's own data folder
 * (`.git/folio/thumbnails/<blob id>.webp`), never in the working tree or a commit. Keyed by blob id,
 * so a thumbnail stays right whatever the head, and an image is thumbnailed once.
 */
export class ThumbnailCache {
  private readonly making = new Map<string, Promise<Buffer>>();

  constructor(private readonly dir: string) {}

  /** The thumbnail of blob `oid` (whose bytes are `bytes`), from the cache or made now. */
  async get(oid: string, bytes: Buffer): Promise<Buffer> {
    if (!/^[0-9a-f]{40,64}$/.test(oid)) throw new Error(`Not a blob id: ${oid}`);
    const file = join(this.dir, oid.slice(0, 2), `${oid.slice(2)}.webp`);
    const cached = await readFile(file).catch(() => null);
    if (cached) return cached;
    let making = this.making.get(oid);
    if (!making) {
      making = this.make(file, bytes).finally(() => this.making.delete(oid));
      this.making.set(oid, making);
    }
    return making;
  }

  private async make(file: string, bytes: Buffer): Promise<Buffer> {
    // An animated GIF or WebP shows its first frame; an SVG is rasterised (no script runs in librsvg).
    const thumb = await sharp(drawable(bytes), { limitInputPixels: 268_402_689 })
      .rotate() // EXIF orientation, as browsers show photos
      .resize(THUMBNAIL_SIZE, THUMBNAIL_SIZE, { fit: 'inside', withoutEnlargement: true })
      .webp({ quality: 70 })
      .toBuffer();
    await mkdir(join(file, '..'), { recursive: true });
    const temp = `${file}.${process.pid}.tmp`;
    await writeFile(temp, thumb, { mode: 0o600 });
    await rename(temp, file);
    return thumb;
  }
}

// An SVG without width, height or viewBox has no size librsvg can draw at: it is drawn on a
// thumbnail-sized canvas in its own user units (the stored file is never changed).
function drawable(bytes: Buffer): Buffer {
  const start = bytes
    .subarray(0, 65536)
    .toString('utf8')
    .replace(/^\uFEFF/, '')
    .trimStart();
  if (!start.startsWith('<') || !/<svg[\s>]/.test(start) || svgDeclaresSize(bytes)) return bytes;
  const text = bytes.toString('utf8');
  return Buffer.from(
    text.replace(/<svg(?=[\s>])/, `<svg width="${THUMBNAIL_SIZE}" height="${THUMBNAIL_SIZE}"`),
    'utf8',
  );
}
