import { createHash } from 'node:crypto';
import fs from 'node:fs';
import git from 'isomorphic-git';
import { GitAttributes, type PathAttributes } from './gitAttributes.ts';

/** core.autocrlf and core.eol, as they decide line endings where attributes do not. */
export interface EolConfig {
  autocrlf: 'true' | 'input' | 'false';
  eol: 'lf' | 'crlf' | null;
}

/** Reads core.autocrlf and core.eol from the repository's config. */
export async function readEolConfig(commonDir: string): Promise<EolConfig> {
  const get = async (path: string): Promise<string> =>
    String((await git.getConfig({ fs, gitdir: commonDir, path }).catch(() => undefined)) ?? '')
      .trim()
      .toLowerCase();
  const autocrlf = await get('core.autocrlf');
  const eol = await get('core.eol');
  return {
    autocrlf: autocrlf === 'true' ? 'true' : autocrlf === 'input' ? 'input' : 'false',
    eol: eol === 'crlf' ? 'crlf' : eol === 'lf' ? 'lf' : null,
  };
}

/** The file needs a filter driver Folio cannot run (Git LFS or another `filter=`). */
export interface NeedsFilter {
  filter: string;
}

const LF = 0x0a;
const CR = 0x0d;

/** Whether git would turn LF into CRLF when checking out a blob with these attributes. */
function wantsCrlf(attrs: PathAttributes, config: EolConfig, blob: Buffer): boolean {
  if (attrs.text === false) return false;
  let auto = attrs.text === 'auto' || (attrs.text === null && attrs.eol === null);
  let crlf: boolean;
  if (attrs.eol) {
    crlf = attrs.eol === 'crlf';
    if (attrs.text === null) auto = false; // eol= alone makes the path text
  } else if (attrs.text === null) {
    if (config.autocrlf !== 'true') return false; // not text: no conversion at all
    crlf = true;
  } else {
    crlf = config.autocrlf === 'true' || config.eol === 'crlf';
  }
  if (!crlf) return false;
  // text=auto converts only what looks like text and is not already in CRLF (or has lone CRs).
  if (auto && (blob.includes(0) || blob.includes(CR))) return false;
  return blob.includes(LF);
}

function toCrlf(blob: Buffer): Buffer {
  let count = 0;
  for (let i = 0; i < blob.length; i++) if (blob[i] === LF && blob[i - 1] !== CR) count++;
  const out = Buffer.allocUnsafe(blob.length + count);
  let at = 0;
  for (let i = 0; i < blob.length; i++) {
    if (blob[i] === LF && blob[i - 1] !== CR) out[at++] = CR;
    out[at++] = blob[i]!;
  }
  return out;
}

/** The sha256 and size a Git LFS pointer blob names, or null when `blob` is not a pointer. */
export function parseLfsPointer(blob: Buffer): { sha256: string; size: number } | null {
  if (blob.length > 1024) return null;
  const text = blob.toString('utf8');
  if (!text.startsWith('version https://git-lfs.github.com/spec/v1\n')) return null;
  const oid = /^oid sha256:([0-9a-f]{64})$/m.exec(text)?.[1];
  const size = /^size (\d+)$/m.exec(text)?.[1];
  return oid && size ? { sha256: oid, size: Number(size) } : null;
}

/** True when `file` is the real content the LFS pointer `blob` stands for. */
export function isLfsContentOf(blob: Buffer, file: Buffer): boolean {
  const pointer = parseLfsPointer(blob);
  return (
    pointer !== null &&
    pointer.size === file.length &&
    createHash('sha256').update(file).digest('hex') === pointer.sha256
  );
}

/**
 * Turns blobs into working-tree bytes as `git checkout` would for the repository's attributes and
 * config: LF to CRLF where `eol`/`text`/`core.autocrlf` ask for it; paths with a `filter=` driver
 * are reported (Folio never writes an LFS pointer where the real file belongs).
 */
export class CheckoutConversion {
  private readonly attributes: GitAttributes;

  constructor(
    dir: string,
    gitdir: string,
    private readonly config: EolConfig,
  ) {
    this.attributes = new GitAttributes(dir, gitdir);
  }

  /** The bytes git would write for `blob` at `path`, or the filter it would need. */
  async toWorkingTree(path: string, blob: Buffer): Promise<Buffer | NeedsFilter> {
    const attrs = await this.attributes.forPath(path);
    if (attrs.filter) return { filter: attrs.filter };
    return wantsCrlf(attrs, this.config, blob) ? toCrlf(blob) : blob;
  }
}
