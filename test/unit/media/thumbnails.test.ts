import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../../server/config.ts';
import { ThumbnailCache } from '../../../server/services/media/thumbnails.ts';
import { makeTempDir } from '../../support/tempRepo.ts';

describe('thumbnails and upload settings', () => {
  const tmp = makeTempDir('folio-thumbs-');
  afterAll(() => tmp.cleanup());

  it('never draws a local file an SVG points at into its thumbnail', async () => {
    const secret = join(tmp.path, 'secret.png');
    writeFileSync(
      secret,
      await sharp({ create: { width: 40, height: 40, channels: 3, background: 'red' } })
        .png()
        .toBuffer(),
    );
    const svg = Buffer.from(
      `<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="40" height="40"><image href="file://${secret}" xlink:href="file://${secret}" width="40" height="40"/></svg>`,
    );
    const cache = new ThumbnailCache(join(tmp.path, 'cache'));
    const thumb = await cache.get('a'.repeat(40), svg);
    const { channels } = await sharp(thumb).stats();
    expect(channels[0]!.max).toBe(0); // no red: the file was not read
    // Cached by blob id: the second answer is the file, byte for byte.
    expect(Buffer.compare(await cache.get('a'.repeat(40), Buffer.alloc(0)), thumb)).toBe(0);
  });

  it('reads --upload-limit and --media-folder, refusing folders outside the repository', () => {
    const config = parseConfig(
      ['--upload-limit', '5', '--media-folder', 'static/media/{year}/'],
      {},
    );
    expect(config.media).toEqual({
      uploadLimit: 5 * 1024 * 1024,
      mediaFolder: 'static/media/{year}',
    });
    expect(parseConfig([], {}).media).toEqual({
      uploadLimit: 20 * 1024 * 1024,
      mediaFolder: 'static/images/uploads/{year}',
    });
    expect(parseConfig([], { FOLIO_UPLOAD_LIMIT: '0.5' }).media.uploadLimit).toBe(512 * 1024);
    expect(() => parseConfig(['--upload-limit', 'lots'], {})).toThrow(/upload limit/);
    for (const bad of ['../outside', '.git/hooks', 'static/../..', '/'])
      expect(() => parseConfig(['--media-folder', bad], {}), bad).toThrow(/media folder/);
  });
});
