import { deepEqual } from './deepEqual.ts';
import { splitFrontMatter } from './detect.ts';
import type { FrontMatterSplit } from './detect.ts';
import { diffData } from './diffData.ts';
import type { DataChange } from './diffData.ts';
import { FrontMatterError } from './FrontMatterError.ts';
import { createJsonSource, editJson, readJson } from './jsonFrontMatter.ts';
import { editToml } from './tomlEdit.ts';
import { readTomlDataFast } from './tomlFastRead.ts';
import { readTomlLines } from './tomlLineRead.ts';
import { readToml } from './tomlRead.ts';
import { createTomlSource } from './tomlWrite.ts';
import type { FrontMatterData, FrontMatterFormat, ParsedDocument } from './types.ts';
import { validateData } from './validateData.ts';
import { editYaml } from './yamlEdit.ts';
import { readYamlDataFast } from './yamlFastRead.ts';
import { readYamlLines } from './yamlLineRead.ts';
import { readYaml } from './yamlRead.ts';
import { DEFAULT_YAML_LAYOUT, createYamlSource } from './yamlWrite.ts';

export type {
  FrontMatterData,
  FrontMatterFormat,
  FrontMatterValue,
  ParsedDocument,
} from './types.ts';
export { FrontMatterError } from './FrontMatterError.ts';
export type { FrontMatterErrorReason } from './FrontMatterError.ts';
export { MAX_FRONT_MATTER_BYTES } from './limits.ts';

interface ReadMatter {
  data: FrontMatterData;
  edit(changes: DataChange[], after: FrontMatterData): string;
}

function readMatter(text: string, split: FrontMatterSplit): ReadMatter {
  const source = text.slice(split.matterStart, split.matterEnd);
  switch (split.format) {
    case 'yaml': {
      const parsed = readYaml(text, split.matterStart, split.matterEnd);
      return {
        data: parsed.data,
        edit: (changes, after) => editYaml(source, parsed, after, changes, split.eol),
      };
    }
    case 'toml': {
      const parsed = readToml(text, split.matterStart, split.matterEnd);
      return { data: parsed.data, edit: (changes) => editToml(source, parsed, changes, split.eol) };
    }
    case 'json': {
      const parsed = readJson(text, split.matterStart, split.matterEnd);
      return { data: parsed.data, edit: (changes) => editJson(source, parsed, changes, split.eol) };
    }
    default:
      return { data: {}, edit: () => createYamlSource({}, DEFAULT_YAML_LAYOUT) };
  }
}

/** Parses a Markdown file's front matter; throws FrontMatterError on bad input. */
export function parseDocument(text: string): ParsedDocument {
  return parse(text, false);
}

/**
 * The same as parseDocument, for callers that only read the data (no edit follows): YAML and TOML
 * go through fast readers when they can, five to ten times faster. YAML tries the line reader
 * (yamlLineRead.ts: the plainest front matter), then js-yaml (yamlFastRead.ts); TOML its line
 * reader (tomlLineRead.ts), then smol-toml (tomlFastRead.ts). Each steps aside where it could
 * differ, and the canonical reader answers.
 */
export function parseDocumentData(text: string): ParsedDocument {
  return parse(text, true);
}

function parse(text: string, fast: boolean): ParsedDocument {
  if (typeof text !== 'string')
    throw new FrontMatterError('unsupported_value', 'The document must be text.');
  const split = splitFrontMatter(text);
  const data = (fast ? readDataFast(text, split) : null) ?? readMatter(text, split).data;
  return { format: split.format, data, body: text.slice(split.bodyStart) };
}

// The fast readers' data, or null where they step aside (the canonical reader answers then).
function readDataFast(text: string, split: FrontMatterSplit): FrontMatterData | null {
  const source = text.slice(split.matterStart, split.matterEnd);
  if (split.format === 'yaml') return readYamlLines(source) ?? readYamlDataFast(source);
  if (split.format === 'toml') return readTomlLines(source) ?? readTomlDataFast(source);
  return null;
}

// When a fine-grained edit cannot be made (or would read back differently), each touched top-level key is rewritten whole.
function wholeKeyChanges(
  before: FrontMatterData,
  after: FrontMatterData,
  changes: DataChange[],
): DataChange[] {
  const keys = [
    ...new Set(
      changes
        .map((change) => change.path[0])
        .filter((key): key is string => typeof key === 'string'),
    ),
  ];
  return keys.map((key): DataChange => {
    if (!Object.hasOwn(after, key)) return { kind: 'remove', path: [key] };
    const value = after[key] as FrontMatterData[string];
    return Object.hasOwn(before, key)
      ? { kind: 'set', path: [key], value }
      : { kind: 'add', path: [key], value };
  });
}

function readsBackAs(
  text: string,
  format: FrontMatterFormat,
  data: FrontMatterData,
  body: string,
): boolean {
  try {
    const check = parseDocument(text);
    return check.format === format && check.body === body && deepEqual(check.data, data);
  } catch (error) {
    if (error instanceof FrontMatterError && error.reason === 'too_large') throw error;
    return false;
  }
}

function looksLikeFrontMatter(text: string): boolean {
  try {
    return splitFrontMatter(text).format !== 'none';
  } catch {
    return true;
  }
}

/** Applies only what changed between parseDocument(text).data and `data` (set/add/remove, nested too) and the new body to the original text; returns `text` itself when nothing changed. Throws FrontMatterError if text does not parse. */
export function updateDocument(text: string, data: FrontMatterData, body: string): string {
  if (typeof text !== 'string' || typeof body !== 'string')
    throw new FrontMatterError('unsupported_value', 'The document and its body must be text.');
  const split = splitFrontMatter(text);
  const matter = readMatter(text, split);
  const after = validateData(data);
  const changes = diffData(matter.data, after);
  const oldBody = text.slice(split.bodyStart);
  if (changes.length === 0 && body === oldBody) return text;

  if (split.format === 'none') {
    const bom = text.slice(0, split.matterStart);
    // A file without front matter that gains keys gets YAML, Hugo's default; so does one whose new body would itself read as front matter.
    if (changes.length === 0 && !looksLikeFrontMatter(bom + body)) return bom + body;
    const result = `${bom}---${split.eol}${createYamlSource(after, { ...DEFAULT_YAML_LAYOUT, eol: split.eol })}---${split.eol}${body}`;
    if (!readsBackAs(result, 'yaml', after, body))
      throw new FrontMatterError(
        'unsupported_value',
        'Folio could not write this front matter as YAML.',
      );
    return result;
  }

  const prefix = text.slice(0, split.matterStart);
  let closing = text.slice(split.matterEnd, split.bodyStart);
  // A body that changes must start on its own line, or the reader would take its first line break as part of the delimiter.
  if (body !== oldBody && body !== '' && !closing.endsWith('\n')) closing += split.eol;
  if (changes.length === 0)
    return prefix + text.slice(split.matterStart, split.matterEnd) + closing + body;

  let firstError: unknown;
  for (const plan of [changes, wholeKeyChanges(matter.data, after, changes)]) {
    try {
      const source = matter.edit(plan, after);
      const bare = withoutEmptyMatter(text, split.format, source, after, body);
      if (bare !== null) return bare;
      const result = prefix + source + closing + body;
      if (readsBackAs(result, split.format, after, body)) return result;
    } catch (error) {
      if (error instanceof FrontMatterError && error.reason === 'too_large') throw error;
      firstError ??= error;
    }
  }
  if (firstError instanceof FrontMatterError) throw firstError;
  throw new FrontMatterError(
    'unsupported_value',
    'Folio could not apply this change without altering other front matter values (YAML anchors, merge keys or tags are involved); edit this part of the file by hand.',
  );
}

// The last key removed and nothing else left in a YAML block (no comment): the file goes back to
// having no front matter, so a key Folio added and took away leaves the file as it was.
function withoutEmptyMatter(
  text: string,
  format: FrontMatterFormat,
  source: string,
  after: FrontMatterData,
  body: string,
): string | null {
  // YAML only: it is what Folio gives a file without front matter (TOML and JSON keep their block).
  if (format !== 'yaml' || Object.keys(after).length > 0 || source.trim() !== '') return null;
  const bare = (text.startsWith('\uFEFF') ? '\uFEFF' : '') + body;
  return looksLikeFrontMatter(bare) ? null : bare;
}

/** Writes a new file in the given format (for new posts). */
export function createDocument(
  format: Exclude<FrontMatterFormat, 'none'>,
  data: FrontMatterData,
  body: string,
): string {
  if (typeof body !== 'string')
    throw new FrontMatterError('unsupported_value', 'The body must be text.');
  const after = validateData(data);
  let head: string;
  if (format === 'yaml') head = `---\n${createYamlSource(after, DEFAULT_YAML_LAYOUT)}---\n`;
  else if (format === 'toml') head = `+++\n${createTomlSource(after, '\n')}+++\n`;
  else if (format === 'json') head = `${createJsonSource(after)}\n`;
  else
    throw new FrontMatterError(
      'unsupported_value',
      `Unknown front matter format "${String(format)}"; use yaml, toml or json.`,
    );
  const result = head + body;
  if (!readsBackAs(result, format, after, body)) {
    throw new FrontMatterError(
      'unsupported_value',
      `Folio could not write this data as ${format.toUpperCase()} so that it reads back the same.`,
    );
  }
  return result;
}
