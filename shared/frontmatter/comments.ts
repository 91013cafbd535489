import { splitFrontMatter } from './detect.ts';

/** Comments of a front matter block by the top-level key they sit on or above; `""` holds the others. */
export type FrontMatterComments = Record<string, string[]>;

const YAML_KEY =
  /^(?:"((?:[^"\\]|\\.)*)"|'((?:[^']|'')*)'|([^\s#:'"[\]{},&*!|>%@`-][^:#]*?|-[^\s:#][^:#]*?))\s*:(?:\s|$)/;
const TOML_KEY = /^(?:"((?:[^"\\]|\\.)*)"|'([^']*)'|([A-Za-z0-9_-]+))\s*(?:\.|=)/;
const TOML_TABLE = /^\[\[?\s*(?:"((?:[^"\\]|\\.)*)"|'([^']*)'|([A-Za-z0-9_-]+))/;

/** The text of a `#` comment that starts outside quotes in `line` (after a value), or null. */
function trailingComment(line: string): string | null {
  let quote: string | null = null;
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (quote) {
      if (c === '\\' && quote === '"') i++;
      else if (c === quote) quote = null;
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '#' && (i === 0 || /\s/.test(line[i - 1]!))) return line.slice(i + 1).trim();
  }
  return null;
}

/**
 * Reads the comments of a YAML or TOML front matter block, for showing beside the form's fields
 * (read-only): comment lines right above a top-level key, comments inside its nested value and one
 * at the end of its line belong to that key; a block of comments followed by a blank line, or at
 * the end, goes to `""`. Never throws: text it cannot split has no comments.
 */
export function frontMatterComments(text: string): FrontMatterComments {
  let split;
  try {
    split = splitFrontMatter(text);
  } catch {
    return {};
  }
  if (split.format !== 'yaml' && split.format !== 'toml') return {};
  const yaml = split.format === 'yaml';
  const lines = text.slice(split.matterStart, split.matterEnd).split(/\r?\n/);
  const out: FrontMatterComments = {};
  const add = (key: string, comment: string) => (out[key] ??= []).push(comment);
  let pending: string[] = [];
  let current: string | null = null;
  let inTable = false;
  for (const line of lines) {
    const trimmed = line.trim();
    if (trimmed.startsWith('#')) {
      pending.push(trimmed.slice(1).trim());
      continue;
    }
    if (trimmed === '') {
      for (const comment of pending) add('', comment);
      pending = [];
      continue;
    }
    const indented = /^\s/.test(line);
    const match = yaml
      ? indented
        ? null
        : YAML_KEY.exec(line)
      : (TOML_TABLE.exec(trimmed) ?? (inTable ? null : TOML_KEY.exec(trimmed)));
    if (!yaml && trimmed.startsWith('[')) inTable = true;
    if (match) {
      current = match[1] ?? match[2]?.replace(/''/g, "'") ?? match[3]!.trim();
    }
    for (const comment of pending) add(current ?? '', comment);
    pending = [];
    const trailing = trailingComment(trimmed);
    if (trailing !== null && current !== null) add(current, trailing);
  }
  for (const comment of pending) add('', comment);
  return out;
}
