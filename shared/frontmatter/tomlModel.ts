import type { AST } from 'toml-eslint-parser';
import { tomlKeyNames } from './tomlRead.ts';
import type { DataPath } from './types.ts';

/** The root table or one `[table]` / `[[array]]` section, with the data path its pairs live under. */
export interface TomlSection {
  table: AST.TOMLTable | null;
  path: DataPath;
  kvs: AST.TOMLKeyValue[];
}

/** Where a data path is written in a TOML source. */
export type TomlLocation =
  /** An inline value: the value of a `key = value` pair, an array element or a pair inside an inline table. */
  | {
      kind: 'value';
      node: AST.TOMLContentNode;
      section: TomlSection;
      kv?: AST.TOMLKeyValue;
      inlineTable?: AST.TOMLInlineTable;
      array?: AST.TOMLArray;
      index?: number;
    }
  /** A table made of sections, dotted keys or both. */
  | { kind: 'table' }
  /** An array of tables: one `[[path]]` section per element. */
  | { kind: 'aot'; elements: TomlSection[] }
  | { kind: 'none' };

/** True when `prefix` is a prefix of (or equal to) `path`. */
export function isPathPrefix(prefix: DataPath, path: DataPath): boolean {
  return prefix.length <= path.length && prefix.every((segment, i) => segment === path[i]);
}

/** The root table followed by every section, in source order. */
export function tomlSections(ast: AST.TOMLProgram): TomlSection[] {
  const [top] = ast.body;
  const root: TomlSection = { table: null, path: [], kvs: [] };
  const sections = [root];
  for (const item of top.body) {
    if (item.type === 'TOMLKeyValue') root.kvs.push(item);
    else sections.push({ table: item, path: [...item.resolvedKey], kvs: item.body });
  }
  return sections;
}

/** The full data path of a pair in a section. */
export function kvPath(section: TomlSection, kv: AST.TOMLKeyValue): DataPath {
  return [...section.path, ...tomlKeyNames(kv.key)];
}

function descend(
  node: AST.TOMLContentNode,
  rest: DataPath,
  section: TomlSection,
  kv: AST.TOMLKeyValue,
): TomlLocation {
  let current = node;
  let location: TomlLocation = { kind: 'value', node, section, kv };
  let i = 0;
  while (i < rest.length) {
    const segment = rest[i];
    if (
      current.type === 'TOMLArray' &&
      typeof segment === 'number' &&
      segment < current.elements.length
    ) {
      const element = current.elements[segment] as AST.TOMLContentNode;
      location = { kind: 'value', node: element, section, array: current, index: segment };
      current = element;
      i++;
    } else if (current.type === 'TOMLInlineTable') {
      const table = current;
      const inner = table.body.findIndex((pair) => {
        const names = tomlKeyNames(pair.key);
        return isPathPrefix(names, rest.slice(i));
      });
      const pair = table.body[inner];
      if (!pair) return { kind: 'none' };
      const names = tomlKeyNames(pair.key);
      location = {
        kind: 'value',
        node: pair.value,
        section,
        kv: pair,
        inlineTable: table,
        index: inner,
      };
      current = pair.value;
      i += names.length;
    } else {
      return { kind: 'none' };
    }
  }
  return location;
}

/** Finds how a data path is written: as an inline value, a table, or an array of tables. */
export function locateToml(sections: TomlSection[], path: DataPath): TomlLocation {
  for (const section of sections) {
    for (const kv of section.kvs) {
      const full = kvPath(section, kv);
      if (isPathPrefix(full, path)) return descend(kv.value, path.slice(full.length), section, kv);
    }
  }
  const elements = sections.filter(
    (s) =>
      s.table?.kind === 'array' && s.path.length === path.length + 1 && isPathPrefix(path, s.path),
  );
  if (elements.length > 0) return { kind: 'aot', elements };
  const defined =
    sections.some((s) => s.table !== null && isPathPrefix(path, s.path)) ||
    sections.some((s) =>
      s.kvs.some((kv) => {
        const full = kvPath(s, kv);
        return full.length > path.length && isPathPrefix(path, full);
      }),
    );
  return defined ? { kind: 'table' } : { kind: 'none' };
}
