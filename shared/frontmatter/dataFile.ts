import { deepEqual } from './deepEqual.ts';
import { diffData, type DataChange } from './diffData.ts';
import { FrontMatterError } from './FrontMatterError.ts';
import { createJsonSource, editJson, readJson } from './jsonFrontMatter.ts';
import { editToml } from './tomlEdit.ts';
import { readToml } from './tomlRead.ts';
import { createTomlSource } from './tomlWrite.ts';
import type { FrontMatterData } from './types.ts';
import { validateData } from './validateData.ts';
import { editYaml } from './yamlEdit.ts';
import { readYaml } from './yamlRead.ts';
import { DEFAULT_YAML_LAYOUT, createYamlSource } from './yamlWrite.ts';

/** The syntax of a data file (a whole file of YAML, TOML or JSON, such as `data/menu.yml` or `hugo.toml`). */
export type DataFileFormat = 'yaml' | 'toml' | 'json';

/** The data syntax of a path by its extension (`.yml`, `.yaml`, `.toml`, `.json`), or null for anything else (Markdown). */
export function dataFileFormat(path: string): DataFileFormat | null {
  const extension = /\.([a-z]+)$/i.exec(path)?.[1]?.toLowerCase();
  if (extension === 'yml' || extension === 'yaml') return 'yaml';
  if (extension === 'toml') return 'toml';
  if (extension === 'json') return 'json';
  return null;
}

interface DataRange {
  start: number;
  end: number;
  eol: '\n' | '\r\n';
}

// The whole file but a BOM (and, for JSON, the blank space around its object).
function rangeOf(text: string, format: DataFileFormat): DataRange {
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  let start = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let end = text.length;
  if (format === 'json') {
    while (start < end && /\s/.test(text[start]!)) start++;
    while (end > start && /\s/.test(text[end - 1]!)) end--;
  }
  return { start, end, eol };
}

function isBlank(text: string, range: DataRange): boolean {
  return text.slice(range.start, range.end).trim() === '';
}

function read(text: string, format: DataFileFormat, range: DataRange) {
  if (format === 'yaml') {
    const parsed = readYaml(text, range.start, range.end);
    return {
      data: parsed.data,
      edit: (changes: DataChange[], after: FrontMatterData) =>
        editYaml(text.slice(range.start, range.end), parsed, after, changes, range.eol),
    };
  }
  if (format === 'toml') {
    const parsed = readToml(text, range.start, range.end);
    return {
      data: parsed.data,
      edit: (changes: DataChange[]) =>
        editToml(text.slice(range.start, range.end), parsed, changes, range.eol),
    };
  }
  const parsed = readJson(text, range.start, range.end);
  return {
    data: parsed.data,
    edit: (changes: DataChange[]) =>
      editJson(text.slice(range.start, range.end), parsed, changes, range.eol),
  };
}

/** The data of a data file; an empty file is `{}`. Throws FrontMatterError (line, column) when it does not parse or is not a map. */
export function parseDataFile(text: string, format: DataFileFormat): FrontMatterData {
  const range = rangeOf(text, format);
  if (isBlank(text, range)) return {};
  try {
    return read(text, format, range).data;
  } catch (err) {
    throw asFileError(err);
  }
}

// The engine's messages speak of front matter; here the whole file is the data.
function asFileError(err: unknown): unknown {
  if (!(err instanceof FrontMatterError)) return err;
  const message = err.message
    .replace(/(YAML|TOML|JSON) front matter/g, '$1 file')
    .replace(/\bfront matter\b/g, 'file');
  const position = err.line !== undefined ? { line: err.line, column: err.column ?? 1 } : undefined;
  return new FrontMatterError(err.reason, message, position);
}

/** A new data file holding `data` (two-space YAML, TOML tables, or indented JSON). */
export function createDataFile(format: DataFileFormat, data: FrontMatterData): string {
  const after = validateData(data);
  const text =
    format === 'yaml'
      ? createYamlSource(after, DEFAULT_YAML_LAYOUT)
      : format === 'toml'
        ? createTomlSource(after, '\n')
        : `${createJsonSource(after)}\n`;
  if (!deepEqual(parseDataFile(text, format), after))
    throw new FrontMatterError(
      'unsupported_value',
      `Folio could not write this data as ${format.toUpperCase()} so that it reads back the same.`,
    );
  return text;
}

/**
 * Applies only what changed between the file's data and `data` as text edits (comments, key
 * order, quoting and layout kept; `text` itself when nothing changed); the result must read back
 * as `data`, otherwise FrontMatterError and nothing is written.
 */
export function updateDataFile(
  text: string,
  format: DataFileFormat,
  data: FrontMatterData,
): string {
  const after = validateData(data);
  const range = rangeOf(text, format);
  if (isBlank(text, range)) {
    if (Object.keys(after).length === 0) return text;
    return text.slice(0, range.start) + createDataFile(format, after);
  }
  const matter = read(text, format, range);
  const changes = diffData(matter.data, after);
  if (changes.length === 0) return text;
  let firstError: unknown;
  try {
    const source = matter.edit(changes, after);
    const result = text.slice(0, range.start) + source + text.slice(range.end);
    if (deepEqual(parseDataFile(result, format), after)) return result;
  } catch (error) {
    if (error instanceof FrontMatterError && error.reason === 'too_large') throw error;
    firstError = error;
  }
  if (firstError instanceof FrontMatterError) throw firstError;
  throw new FrontMatterError(
    'unsupported_value',
    'Folio could not apply this change without altering other values of the file (YAML anchors, merge keys or tags are involved); edit this part of the file by hand.',
  );
}
