import { isDataMap } from './deepEqual.ts';
import type { FrontMatterData, FrontMatterValue } from './types.ts';
import { tomlInlineText, tomlKeyText } from './tomlValueText.ts';

/** True for values TOML writes best as their own `[table]` or `[[array of tables]]` section. */
export function isSectionable(value: FrontMatterValue): boolean {
  if (isDataMap(value)) return Object.keys(value).length > 0;
  return Array.isArray(value) && value.length > 0 && value.every(isDataMap);
}

/** Formats a table path for a `[header]`. */
export function tomlHeaderPath(path: readonly string[]): string {
  return path.map(tomlKeyText).join('.');
}

/**
 * Lines of a table: its `key = value` pairs, then its sub-tables as sections.
 * Keys stay in data order: a table that comes before a plain value is written inline, because TOML puts every section after the plain pairs.
 */
export function tomlTableLines(
  path: readonly string[],
  table: FrontMatterData,
  header: 'table' | 'array' | 'none',
  eol: string,
): string[] {
  const lines: string[] = [];
  const entries = Object.entries(table);
  let lastPlain = -1;
  entries.forEach(([, value], i) => {
    if (!isSectionable(value)) lastPlain = i;
  });
  // A table holding only sub-tables needs no header of its own: `[menu.main]` defines `menu`.
  if (header === 'table' && (lastPlain >= 0 || entries.length === 0))
    lines.push(`[${tomlHeaderPath(path)}]`);
  if (header === 'array') lines.push(`[[${tomlHeaderPath(path)}]]`);
  entries.forEach(([key, value], i) => {
    if (i <= lastPlain) lines.push(`${tomlKeyText(key)} = ${tomlInlineText(value, {}, eol, key)}`);
  });
  entries.forEach(([key, value], i) => {
    if (i <= lastPlain) return;
    const separator = lines.length > 0 ? [''] : [];
    if (isDataMap(value))
      lines.push(...separator, ...tomlTableLines([...path, key], value, 'table', eol));
    else
      for (const element of value as FrontMatterData[])
        lines.push(
          ...(lines.length > 0 ? [''] : []),
          ...tomlTableLines([...path, key], element, 'array', eol),
        );
  });
  return lines;
}

/** Writes front matter data as a new TOML block source (without delimiters). */
export function createTomlSource(data: FrontMatterData, eol: string): string {
  const lines = tomlTableLines([], data, 'none', eol);
  while (lines[0] === '') lines.shift();
  return lines.map((line) => line + eol).join('');
}
