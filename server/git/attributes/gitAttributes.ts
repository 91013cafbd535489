import { readFile, stat } from 'node:fs/promises';
import { join, posix } from 'node:path';
import picomatch from 'picomatch';

/** The attributes of one path that decide how git turns a blob into the working-tree file. */
export interface PathAttributes {
  /** `text` set (true), unset (false, also `binary`), `text=auto`, or unspecified (null). */
  text: boolean | 'auto' | null;
  /** `eol=lf` / `eol=crlf`, or null. */
  eol: 'lf' | 'crlf' | null;
  /** The `filter=` driver (e.g. `lfs`), or null. */
  filter: string | null;
}

interface Rule {
  match: (path: string) => boolean;
  attrs: [name: string, value: string | boolean | null][];
}

/** Splits a pattern line into the pattern (C-style quotes allowed) and its attribute words. */
function splitLine(line: string): { pattern: string; words: string[] } | null {
  let pattern: string;
  let rest: string;
  if (line.startsWith('"')) {
    const end = line.indexOf('"', 1);
    if (end < 0) return null;
    pattern = line.slice(1, end).replace(/\\(.)/g, '$1');
    rest = line.slice(end + 1);
  } else {
    const [first, ...others] = line.split(/[ \t]+/);
    pattern = first ?? '';
    rest = others.join(' ');
  }
  return pattern ? { pattern, words: rest.split(/[ \t]+/).filter(Boolean) } : null;
}

/** Parses a `.gitattributes` file whose folder is `base` (repository-relative, '' at the root). */
export function parseAttributes(text: string, base: string): Rule[] {
  const rules: Rule[] = [];
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (!line || line.startsWith('#') || line.startsWith('[attr]')) continue;
    const split = splitLine(line);
    if (!split || split.pattern.startsWith('!')) continue; // negative patterns are not allowed
    const attrs: Rule['attrs'] = [];
    for (const word of split.words) {
      if (word === 'binary') attrs.push(['text', false], ['diff', false]);
      else if (word.startsWith('-')) attrs.push([word.slice(1), false]);
      else if (word.startsWith('!')) attrs.push([word.slice(1), null]);
      else if (word.includes('=')) {
        const at = word.indexOf('=');
        attrs.push([word.slice(0, at), word.slice(at + 1)]);
      } else attrs.push([word, true]);
    }
    const pattern = split.pattern;
    const anchored = pattern.replace(/^\//, '');
    // As in .gitignore: a pattern without a slash matches a name at any depth below its folder.
    const inner = pattern.includes('/') ? anchored : `**/${anchored}`;
    const test = picomatch(inner, { dot: true });
    const prefix = base ? `${base}/` : '';
    rules.push({
      match: (path) => path.startsWith(prefix) && test(path.slice(prefix.length)),
      attrs,
    });
  }
  return rules;
}

function resolve(rules: readonly Rule[], path: string): PathAttributes {
  const values = new Map<string, string | boolean | null>();
  for (const rule of rules) {
    if (!rule.match(path)) continue;
    for (const [name, value] of rule.attrs) values.set(name, value);
  }
  const text = values.get('text') ?? values.get('crlf') ?? null;
  const eolValue = values.get('eol');
  const legacyInput = values.get('crlf') === 'input';
  const filter = values.get('filter');
  return {
    text: text === 'auto' ? 'auto' : typeof text === 'boolean' ? text : text === null ? null : true,
    eol: eolValue === 'crlf' ? 'crlf' : eolValue === 'lf' || legacyInput ? 'lf' : null,
    filter: typeof filter === 'string' ? filter : null,
  };
}

/**
 * The repository's `.gitattributes` (each folder's, read from the working tree as git reads them,
 * and `info/attributes` over them), re-read when a file changes. Gives each path the attributes
 * that change its bytes on checkout: text / eol conversion and filter drivers.
 */
export class GitAttributes {
  private readonly files = new Map<string, { stamp: string; rules: Rule[] }>();

  constructor(
    private readonly dir: string,
    private readonly gitdir: string,
  ) {}

  /** The attributes of the repository-relative `path`. */
  async forPath(path: string): Promise<PathAttributes> {
    const folders = posix.dirname(path).split('/');
    const sources: { file: string; base: string }[] = [
      { file: join(this.dir, '.gitattributes'), base: '' },
    ];
    for (let i = 1; i <= folders.length; i++) {
      const base = folders.slice(0, i).join('/');
      if (base && base !== '.')
        sources.push({ file: join(this.dir, base, '.gitattributes'), base });
    }
    sources.push({ file: join(this.gitdir, 'info', 'attributes'), base: '' });
    const rules: Rule[] = [];
    for (const source of sources) rules.push(...(await this.rulesOf(source.file, source.base)));
    return resolve(rules, path);
  }

  private async rulesOf(file: string, base: string): Promise<Rule[]> {
    const info = await stat(file, { bigint: true }).catch(() => null);
    if (!info?.isFile()) return [];
    const stamp = `${info.ino}:${info.size}:${info.mtimeNs}`;
    const cached = this.files.get(file);
    if (cached?.stamp === stamp) return cached.rules;
    const rules = parseAttributes(await readFile(file, 'utf8').catch(() => ''), base);
    this.files.set(file, { stamp, rules });
    return rules;
  }
}
