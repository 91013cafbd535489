import { readFile, realpath } from 'node:fs/promises';
import { isAbsolute, join, resolve } from 'node:path';

/** Git reads the alternates files of alternates this many levels down (so six levels are linked). */
const MAX_DEPTH = 5;

/**
 * The object directories `objects/info/alternates` names (`git clone --shared`, `--reference`),
 * and theirs in turn, as git links them: depth first, six levels below `objectsDir` at most (git
 * reads the alternates files of the first five and warns about deeper ones),
 * relative paths resolved against the objects directory whose file names them, C-quoted lines
 * unquoted, comments and blank lines skipped, each directory once (a cycle or a repeat is ignored,
 * and so is a directory that does not exist).
 */
export async function readAlternateDirs(objectsDir: string): Promise<string[]> {
  const seen = new Set([await canonical(objectsDir)]);
  const out: string[] = [];
  const visit = async (dir: string, depth: number): Promise<void> => {
    const entries = await readAlternatesFile(dir);
    if (entries.length && depth > MAX_DEPTH) {
      console.warn(`Folio ignores the alternates of ${dir}: nesting too deep (as git does).`);
      return;
    }
    for (const entry of entries) {
      const target = isAbsolute(entry) ? resolve(entry) : resolve(dir, entry);
      const key = await canonical(target);
      if (key === null || seen.has(key)) continue;
      seen.add(key);
      out.push(target);
      await visit(target, depth + 1);
    }
  };
  await visit(objectsDir, 0);
  return out;
}

async function readAlternatesFile(objectsDir: string): Promise<string[]> {
  const text = await readFile(join(objectsDir, 'info', 'alternates'), 'utf8').catch(() => '');
  return text
    .split('\n')
    .map((line) => line.replace(/\r$/, ''))
    .filter((line) => line.trim() && !line.startsWith('#'))
    .map((line) => (line.startsWith('"') ? unquoteC(line) : line.trim()));
}

/** The real path of a directory, or null when it does not exist. */
async function canonical(dir: string): Promise<string | null> {
  return realpath(dir).catch(() => null);
}

const ESCAPES: Record<string, string> = {
  a: '\x07',
  b: '\b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
  v: '\v',
};

// Git quotes a path with unusual characters as a C string: "\"", "\\", "\n", octal "\303\251".
function unquoteC(line: string): string {
  const end = line.lastIndexOf('"');
  const body = line.slice(1, end > 0 ? end : undefined);
  const bytes: number[] = [];
  for (let i = 0; i < body.length; i++) {
    const ch = body[i]!;
    if (ch !== '\\') {
      bytes.push(...Buffer.from(ch, 'utf8'));
      continue;
    }
    const next = body[++i] ?? '';
    if (/[0-7]/.test(next)) {
      bytes.push(parseInt(body.slice(i, i + 3), 8));
      i += 2;
    } else bytes.push(...Buffer.from(ESCAPES[next] ?? next, 'utf8'));
  }
  return Buffer.from(bytes).toString('utf8');
}
