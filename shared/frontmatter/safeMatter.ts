// The only module that imports gray-matter (a lint rule enforces it). gray-matter 4 evaluates `---js` front matter with
// eval, resolves engine names from the file, caches results by input string when called without options (returning
// shared objects, and keeping a half-parsed entry when parsing throws), and treats an unclosed block as front matter.
// Folio's engine therefore splits and parses files itself (detect.ts, yamlRead.ts, tomlRead.ts); this wrapper exists
// for code that wants gray-matter's { data, content } shape, and lets gray-matter do nothing but the split.
import matter from 'gray-matter';
import { splitFrontMatter } from './detect.ts';
import { FrontMatterError } from './FrontMatterError.ts';
import { readJson } from './jsonFrontMatter.ts';
import { readToml } from './tomlRead.ts';
import type { FrontMatterData, FrontMatterFormat } from './types.ts';
import { readYaml } from './yamlRead.ts';

/** gray-matter's view of a Markdown file, obtained safely. */
export interface SafeMatterResult {
  data: FrontMatterData;
  /** The text after the closing delimiter, as gray-matter cuts it. */
  content: string;
  language: FrontMatterFormat;
}

function refuseCode(): never {
  throw new FrontMatterError(
    'code_engine',
    'Front matter marked as JavaScript or CoffeeScript is never run; rewrite it as YAML, TOML or JSON.',
  );
}

/** Reads front matter through gray-matter with every code engine replaced by a refusal and its cache never used (options are always passed). */
export function safeMatter(text: string): SafeMatterResult {
  // Refuses `---js`, unclosed and oversized front matter before gray-matter sees the text.
  const split = splitFrontMatter(text);
  if (split.format === 'none')
    return { data: {}, content: text.slice(split.bodyStart), language: 'none' };
  if (split.format === 'json') {
    // gray-matter has no notion of Hugo's `{`-delimited JSON front matter.
    return {
      data: readJson(text, split.matterStart, split.matterEnd).data,
      content: text.slice(split.bodyStart),
      language: 'json',
    };
  }
  const read = split.format === 'yaml' ? readYaml : readToml;
  const data = read(text, split.matterStart, split.matterEnd).data;
  const parsed = { parse: (): FrontMatterData => data };
  const refused = { parse: refuseCode };
  // gray-matter only cuts the content: it is handed a bare opening delimiter, so no language name is ever read from the file.
  const delimiter = split.format === 'yaml' ? '---' : '+++';
  const file = matter(`${delimiter}\n${text.slice(split.matterStart)}`, {
    language: split.format,
    delimiters: delimiter,
    excerpt: false,
    engines: {
      yaml: parsed,
      toml: parsed,
      json: refused,
      javascript: refused,
      js: refused,
      coffee: refused,
      coffeescript: refused,
      cson: refused,
    },
  });
  return { data, content: file.content, language: split.format };
}
