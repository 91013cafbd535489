import type { AST } from 'toml-eslint-parser';
import { isDataMap } from './deepEqual.ts';
import type { DataChange } from './diffData.ts';
import { flowEdits } from './flowEdits.ts';
import { formatPath } from './limits.ts';
import { applyTextEdits } from './textEdits.ts';
import type { TextEdit } from './textEdits.ts';
import { lineEndAfter, lineIndentAt, lineStartAt } from './textPosition.ts';
import type { TomlLocation, TomlSection } from './tomlModel.ts';
import { isPathPrefix, kvPath, locateToml, tomlSections } from './tomlModel.ts';
import type { TomlFrontMatter } from './tomlRead.ts';
import { tomlInlineText, tomlKeyText } from './tomlValueText.ts';
import type { TomlValueStyle } from './tomlValueText.ts';
import { isSectionable, tomlHeaderPath, tomlTableLines } from './tomlWrite.ts';
import type { DataPath, FrontMatterData, FrontMatterValue } from './types.ts';

function styleOf(node: AST.TOMLContentNode): TomlValueStyle {
  if (node.type === 'TOMLArray') return { kind: 'array' };
  if (node.type === 'TOMLInlineTable') return { kind: 'inline-table' };
  if (node.kind === 'string')
    return { kind: 'string', stringStyle: node.style, multiline: node.multiline };
  return { kind: node.kind };
}

class TomlEditor {
  readonly edits: TextEdit[] = [];
  private readonly sections: TomlSection[];
  private readonly tail: string[] = [];
  // Tables opened at the end for keys of a table that had no header of its own; one header each.
  private readonly opened = new Map<string, string[]>();
  private readonly flow = new Map<
    AST.TOMLArray | AST.TOMLInlineTable,
    { removed: Set<number>; inserted: { before: number; text: string }[] }
  >();

  constructor(
    private readonly source: string,
    parsed: TomlFrontMatter,
    private readonly eol: string,
  ) {
    this.sections = tomlSections(parsed.ast);
  }

  private inline(value: FrontMatterValue, style: TomlValueStyle, key?: string): string {
    return tomlInlineText(value, style, this.eol, key);
  }

  private removeLines(start: number, end: number): void {
    this.edits.push({
      start: lineStartAt(this.source, start),
      end: lineEndAfter(this.source, end),
      text: '',
    });
  }

  private flowEntry(node: AST.TOMLArray | AST.TOMLInlineTable) {
    let entry = this.flow.get(node);
    if (!entry) this.flow.set(node, (entry = { removed: new Set(), inserted: [] }));
    return entry;
  }

  removeSubtree(path: DataPath): void {
    const removed = new Set<TomlSection>();
    for (const section of this.sections) {
      if (section.table && isPathPrefix(path, section.path)) {
        removed.add(section);
        this.removeLines(section.table.range[0], section.table.range[1]);
      }
    }
    for (const section of this.sections) {
      if (removed.has(section)) continue;
      for (const kv of section.kvs)
        if (isPathPrefix(path, kvPath(section, kv))) this.removeLines(kv.range[0], kv.range[1]);
    }
  }

  private sectionEnd(section: TomlSection): number {
    const last = section.kvs[section.kvs.length - 1];
    if (last) return lineEndAfter(this.source, last.range[1]);
    if (section.table) return lineEndAfter(this.source, section.table.key.range[1]);
    const firstTable = this.sections[1]?.table;
    return firstTable ? lineStartAt(this.source, firstTable.range[0]) : this.source.length;
  }

  private insertAt(at: number, lines: string[], indent = ''): void {
    const lead = at > 0 && this.source[at - 1] !== '\n' ? this.eol : '';
    const indented = lines.map((line) =>
      line === '' || line.startsWith('[') ? line : indent + line,
    );
    this.edits.push({
      start: at,
      end: at,
      text: lead + indented.map((line) => line + this.eol).join(''),
    });
  }

  // New pairs take the indentation of the pairs already in their section (Hugo's docs indent them under headers).
  private pairIndent(section: TomlSection | undefined): string {
    const kv = section?.kvs[section.kvs.length - 1];
    return kv ? lineIndentAt(this.source, kv.range[0]) : '';
  }

  /** Adds `key = value` to the map at `mapPath`, where that map is written: inline table, section, dotted keys, or a new section. */
  addEntry(mapPath: DataPath, key: string, value: FrontMatterValue): void {
    const target = locateToml(this.sections, mapPath);
    if (target.kind === 'value' && target.node.type === 'TOMLInlineTable') {
      this.flowEntry(target.node).inserted.push({
        before: Number.MAX_SAFE_INTEGER,
        text: `${tomlKeyText(key)} = ${this.inline(value, {}, key)}`,
      });
      return;
    }
    if (target.kind === 'value' || target.kind === 'aot')
      throw new Error(`Internal error: ${formatPath(mapPath)} is not a table`);
    const stringPath = mapPath.every((s) => typeof s === 'string');
    const owner = this.sections.find(
      (s) => s.path.length === mapPath.length && isPathPrefix(mapPath, s.path),
    );
    const ownsSections = owner !== undefined && owner.table?.kind !== 'array';
    if (isSectionable(value) && stringPath && (ownsSections || owner === undefined)) {
      const lines = isDataMap(value)
        ? tomlTableLines([...(mapPath as string[]), key], value, 'table', this.eol)
        : (value as FrontMatterData[])
            .flatMap((element) => [
              '',
              ...tomlTableLines([...(mapPath as string[]), key], element, 'array', this.eol),
            ])
            .slice(1);
      this.tail.push('', ...lines);
      return;
    }
    const pair = `${tomlKeyText(key)} = ${this.inline(value, {}, key)}`;
    if (owner) {
      this.insertAt(this.sectionEnd(owner), [pair], this.pairIndent(owner));
      return;
    }
    for (const section of [...this.sections].reverse()) {
      const dotted = [...section.kvs].reverse().find((kv) => {
        const full = kvPath(section, kv);
        return (
          full.length > mapPath.length &&
          isPathPrefix(mapPath, full) &&
          isPathPrefix(section.path, mapPath)
        );
      });
      if (dotted) {
        const parts = dotted.key.keys.slice(0, mapPath.length - section.path.length);
        const prefix = this.source.slice(
          parts[0]?.range[0] ?? 0,
          parts[parts.length - 1]?.range[1] ?? 0,
        );
        this.insertAt(
          lineEndAfter(this.source, dotted.range[1]),
          [`${prefix}.${pair}`],
          lineIndentAt(this.source, dotted.range[0]),
        );
        return;
      }
    }
    if (!stringPath) throw new Error(`Internal error: no table for ${formatPath(mapPath)}`);
    // A table that exists only through deeper headers ([menu.main]) may be opened with its own header after them.
    const header = `[${tomlHeaderPath(mapPath as string[])}]`;
    const pairs = this.opened.get(header);
    if (pairs) pairs.push(pair);
    else this.opened.set(header, [pair]);
  }

  set(path: DataPath, value: FrontMatterValue): void {
    const location = locateToml(this.sections, path);
    if (location.kind === 'value') {
      const key = path[path.length - 1];
      this.edits.push({
        start: location.node.range[0],
        end: location.node.range[1],
        text: this.inline(value, styleOf(location.node), typeof key === 'string' ? key : undefined),
      });
      return;
    }
    const last = path[path.length - 1];
    if (typeof last === 'number') {
      // An element of an array of tables: replace its sections in place, or rewrite the whole array when it stops being tables.
      const arrayPath = path.slice(0, -1);
      const aot = locateToml(this.sections, arrayPath);
      if (aot.kind === 'aot' && isDataMap(value) && arrayPath.every((s) => typeof s === 'string')) {
        const element = aot.elements.find((s) => s.path[s.path.length - 1] === last);
        if (element?.table) {
          this.insertAt(
            lineStartAt(this.source, element.table.range[0]),
            [...tomlTableLines(arrayPath as string[], value, 'array', this.eol), ''],
            this.pairIndent(element),
          );
          this.removeSubtree(path);
          return;
        }
      }
      this.rewrite(arrayPath);
      return;
    }
    this.removeSubtree(path);
    this.addEntry(path.slice(0, -1), last as string, value);
  }

  // Item-level edits that TOML cannot express in place are left to the caller's coarser plan (rewrite the whole key).
  private rewrite(path: DataPath): never {
    throw new Error(`Internal error: ${formatPath(path)} needs a whole-key rewrite`);
  }

  remove(path: DataPath): void {
    const location = locateToml(this.sections, path);
    if (location.kind === 'value' && location.inlineTable && location.index !== undefined) {
      this.flowEntry(location.inlineTable).removed.add(location.index);
    } else if (location.kind === 'value' && location.kv && !location.array) {
      this.removeLines(location.kv.range[0], location.kv.range[1]);
    } else if (location.kind === 'table' || location.kind === 'aot') {
      this.removeSubtree(path);
    } else {
      throw new Error(`Internal error: cannot remove ${formatPath(path)}`);
    }
  }

  listItem(path: DataPath, index: number, value: FrontMatterValue | undefined): void {
    const location: TomlLocation = locateToml(this.sections, path);
    if (location.kind === 'value' && location.node.type === 'TOMLArray') {
      const entry = this.flowEntry(location.node);
      if (value === undefined) entry.removed.add(index);
      else entry.inserted.push({ before: index, text: this.inline(value, {}) });
      return;
    }
    if (
      location.kind !== 'aot' ||
      (value !== undefined && !isDataMap(value)) ||
      !path.every((s) => typeof s === 'string')
    ) {
      this.rewrite(path);
      return;
    }
    if (value === undefined) {
      this.removeSubtree([...path, index]);
      return;
    }
    const lines = tomlTableLines(path as string[], value as FrontMatterData, 'array', this.eol);
    const indent = this.pairIndent(location.elements.find((s) => s.kvs.length > 0));
    const target = location.elements.find((s) => s.path[s.path.length - 1] === index);
    if (target?.table) {
      this.insertAt(lineStartAt(this.source, target.table.range[0]), [...lines, ''], indent);
      return;
    }
    const ends = this.sections
      .filter((s) => s.table && isPathPrefix(path, s.path))
      .map((s) => (s.table as AST.TOMLTable).range[1]);
    this.insertAt(lineEndAfter(this.source, Math.max(...ends)), ['', ...lines], indent);
  }

  finish(): string {
    for (const [node, { removed, inserted }] of this.flow) {
      const items = node.type === 'TOMLArray' ? node.elements : node.body;
      const extents = items.map((item) => ({ start: item.range[0], end: item.range[1] }));
      this.edits.push(...flowEdits(this.source, extents, removed, inserted));
    }
    for (const [header, pairs] of this.opened) this.tail.push('', header, ...pairs);
    if (this.tail.length > 0) {
      const lines = this.source.trim() === '' ? this.tail.slice(1) : this.tail;
      this.insertAt(this.source.length, lines);
    }
    return applyTextEdits(this.source, this.edits);
  }
}

/** Applies data changes to a TOML front matter source by editing only the affected text; returns the new source. */
export function editToml(
  source: string,
  parsed: TomlFrontMatter,
  changes: DataChange[],
  eol: string,
): string {
  const editor = new TomlEditor(source, parsed, eol);
  for (const change of changes) {
    if (change.kind === 'set') editor.set(change.path, change.value);
    else if (change.kind === 'add')
      editor.addEntry(
        change.path.slice(0, -1),
        change.path[change.path.length - 1] as string,
        change.value,
      );
    else if (change.kind === 'remove') editor.remove(change.path);
    else if (change.kind === 'insertItem') editor.listItem(change.path, change.index, change.value);
    else editor.listItem(change.path, change.index, undefined);
  }
  return editor.finish();
}
