import { isMap, isPair, isSeq, visit } from 'yaml';
import type { Document, Node } from 'yaml';
import { isDataMap } from './deepEqual.ts';
import { isHugoDateKey } from './hugoDateKeys.ts';
import { lineStartAt } from './textPosition.ts';
import type { FrontMatterData, FrontMatterValue } from './types.ts';
import { yamlKeyText, yamlScalarText } from './yamlScalarText.ts';
import type { YamlScalarContext } from './yamlScalarText.ts';

/** How a YAML file lays out nested values, so that new lines look like their neighbours. */
export interface YamlLayout {
  /** Columns a nested map is indented past its key. */
  indent: number;
  /** Columns a block list's `-` is indented past its key (0 and 2 are both common). */
  seqIndent: number;
  /** Lists are written `[a, b]` because the file writes its lists that way. */
  flowLists: boolean;
  eol: string;
}

/** The layout of files Folio creates, matching the reference post: two-space indent, `- item` lists under their key. */
export const DEFAULT_YAML_LAYOUT: YamlLayout = {
  indent: 2,
  seqIndent: 2,
  flowLists: false,
  eol: '\n',
};

/** True when the value is written on its key's line (scalars, empty collections, lists in a flow-list file). */
export function isInline(value: FrontMatterValue, layout: YamlLayout): boolean {
  if (value === null || typeof value !== 'object') return true;
  if (Array.isArray(value)) return value.length === 0 || layout.flowLists;
  return Object.keys(value).length === 0;
}

/** Writes a value in YAML flow style (`[a, b]`, `{k: v}`), valid anywhere a value may stand. */
export function yamlFlowText(
  value: FrontMatterValue,
  ctx: Omit<YamlScalarContext, 'flow'>,
): string {
  if (Array.isArray(value)) return `[${value.map((item) => yamlFlowText(item, ctx)).join(', ')}]`;
  if (isDataMap(value)) {
    return `{${Object.entries(value)
      .map(([key, item]) => `${yamlKeyText(key, true)}: ${yamlFlowText(item, ctx)}`)
      .join(', ')}}`;
  }
  return yamlScalarText(value, { ...ctx, flow: true, style: undefined, allowBlock: false });
}

function inlineText(
  value: FrontMatterValue,
  ownerColumn: number,
  layout: YamlLayout,
  scalar: Partial<YamlScalarContext>,
): string {
  if (value !== null && typeof value === 'object')
    return yamlFlowText(value, { ownerColumn, eol: layout.eol });
  return yamlScalarText(value, {
    flow: false,
    allowBlock: true,
    ownerColumn,
    contentIndent: ownerColumn + layout.indent,
    eol: layout.eol,
    ...scalar,
  });
}

/** Lines (fully indented) of a `key: value` entry at `column`. */
export function yamlEntryLines(
  key: string,
  value: FrontMatterValue,
  column: number,
  layout: YamlLayout,
): string[] {
  const head = `${' '.repeat(column)}${yamlKeyText(key, false)}:`;
  if (isInline(value, layout) || value === null || typeof value !== 'object')
    return [`${head} ${inlineText(value, column, layout, { dateKey: isHugoDateKey(key) })}`];
  return [head, ...yamlNestedLines(value, column, layout)];
}

/** Lines of a block map or list nested under a key at `keyColumn`. */
export function yamlNestedLines(
  value: FrontMatterData | FrontMatterValue[],
  keyColumn: number,
  layout: YamlLayout,
): string[] {
  if (Array.isArray(value))
    return value.flatMap((item) => yamlItemLines(item, keyColumn + layout.seqIndent, layout));
  return Object.entries(value).flatMap(([key, item]) =>
    yamlEntryLines(key, item, keyColumn + layout.indent, layout),
  );
}

/** Lines of a `- item` list entry whose dash stands at `dashColumn`. */
export function yamlItemLines(
  value: FrontMatterValue,
  dashColumn: number,
  layout: YamlLayout,
): string[] {
  const dash = `${' '.repeat(dashColumn)}- `;
  if (isInline(value, layout) || value === null || typeof value !== 'object')
    return [dash + inlineText(value, dashColumn, layout, {})];
  const inner = Array.isArray(value)
    ? value.flatMap((item) => yamlItemLines(item, dashColumn + 2, layout))
    : Object.entries(value).flatMap(([key, item]) =>
        yamlEntryLines(key, item, dashColumn + 2, layout),
      );
  const [first = '', ...rest] = inner;
  return [dash + first.slice(dashColumn + 2), ...rest];
}

/** The text that follows `key:` for a value: a space and an inline value, or a line break and nested lines. */
export function yamlValueAfterKey(
  value: FrontMatterValue,
  keyColumn: number,
  layout: YamlLayout,
  scalar: Partial<YamlScalarContext> = {},
): string {
  if (isInline(value, layout) || value === null || typeof value !== 'object')
    return ` ${inlineText(value, keyColumn, layout, scalar)}`;
  return layout.eol + yamlNestedLines(value, keyColumn, layout).join(layout.eol);
}

/** Writes the value that replaces a block collection starting at `column`: its first line unindented (it stands where the old value began). */
export function yamlBlockInPlace(
  value: FrontMatterData | FrontMatterValue[],
  column: number,
  layout: YamlLayout,
): string {
  const lines = Array.isArray(value)
    ? value.flatMap((item) => yamlItemLines(item, column, layout))
    : Object.entries(value).flatMap(([key, item]) => yamlEntryLines(key, item, column, layout));
  const [first = '', ...rest] = lines;
  return [first.slice(column), ...rest].join(layout.eol);
}

/** Writes front matter data as a new YAML block source (without delimiters). */
export function createYamlSource(data: FrontMatterData, layout: YamlLayout): string {
  const lines = Object.entries(data).flatMap(([key, value]) =>
    yamlEntryLines(key, value, 0, layout),
  );
  return lines.map((line) => line + layout.eol).join('');
}

function columnOf(source: string, offset: number): number {
  return offset - lineStartAt(source, offset);
}

/** Reads the indentation habits of an existing YAML front matter. */
export function detectYamlLayout(doc: Document.Parsed, source: string, eol: string): YamlLayout {
  let indent: number | undefined;
  let seqIndent: number | undefined;
  let blockLists = 0;
  let flowLists = 0;
  visit(doc, {
    Pair(_key, pair) {
      const keyNode = pair.key as Node | null;
      const valueNode = pair.value as Node | null;
      if (!keyNode?.range || !valueNode?.range) return;
      const keyColumn = columnOf(source, keyNode.range[0]);
      if (isSeq(valueNode) && !valueNode.flow && valueNode.items.length > 0) {
        seqIndent ??= Math.max(0, columnOf(source, valueNode.range[0]) - keyColumn);
      }
      if (isMap(valueNode) && !valueNode.flow && valueNode.items.length > 0) {
        const first = valueNode.items[0];
        const firstKey = isPair(first) ? (first.key as Node | null) : null;
        if (firstKey?.range)
          indent ??= Math.max(1, columnOf(source, firstKey.range[0]) - keyColumn);
      }
    },
    Seq(_key, seq) {
      if (seq.flow) flowLists++;
      else blockLists++;
    },
  });
  return {
    indent: indent ?? DEFAULT_YAML_LAYOUT.indent,
    seqIndent: seqIndent ?? indent ?? DEFAULT_YAML_LAYOUT.seqIndent,
    flowLists: flowLists > 0 && blockLists === 0,
    eol,
  };
}
