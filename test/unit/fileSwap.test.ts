// The stat data Folio records in the git index for a file it wrote must describe Folio's file: when
// a person's editor replaced or rewrote it right after the swap, the index gets none (git then
// compares contents), never the person's stat beside Folio's blob id (which hides their edit).
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { stampOf } from '../../server/git/fileStat.ts';
import { stampOfSwappedIn, swapFile } from '../../server/git/safety/fileSwap.ts';
import { makeTempDir } from '../support/tempRepo.ts';

describe('stampOfSwappedIn', () => {
  const cleanups: (() => void)[] = [];
  afterEach(() => cleanups.splice(0).forEach((cleanup) => cleanup()));

  async function swapped() {
    const tmp = makeTempDir();
    cleanups.push(tmp.cleanup);
    const root = join(tmp.path, 'site');
    mkdirSync(join(root, 'content'), { recursive: true });
    writeFileSync(join(root, 'content/a.md'), 'before\n');
    const content = Buffer.from("Folio's version\n");
    const result = await swapFile(
      root,
      'content/a.md',
      content,
      false,
      await stampOf(join(root, 'content/a.md')),
      {
        tmpDir: join(tmp.path, 'tmp'),
        stem: 'test-0',
      },
    );
    return { root, file: join(root, 'content/a.md'), result, size: content.length };
  }

  it("gives the stat of Folio's own file while nobody touched it", async () => {
    const { file, result, size } = await swapped();
    const stamp = await stampOfSwappedIn(result, size);
    expect(stamp).not.toBeNull();
    expect(stamp).toEqual(await stampOf(file));
  });

  it('gives none once a rename-style editor put its own file there', async () => {
    const { root, file, result, size } = await swapped();
    writeFileSync(join(root, 'content/.a.md.swp'), 'typed by a person\n');
    renameSync(join(root, 'content/.a.md.swp'), file);
    expect(await stampOfSwappedIn(result, size)).toBeNull();
  });

  it('gives none once an in-place editor rewrote the file', async () => {
    const { file, result, size } = await swapped();
    writeFileSync(file, 'typed by a person, longer than before\n');
    expect(await stampOfSwappedIn(result, size)).toBeNull();
  });
});
