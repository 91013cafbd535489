import { isAlias, isCollection, isScalar } from 'yaml';
import type { CST, Node } from 'yaml';
import type { TextEdit } from './textEdits.ts';
import { lineStartAt } from './textPosition.ts';
import type { FrontMatterValue } from './types.ts';
import type { YamlSlot } from './yamlNodes.ts';
import { rangeOf } from './yamlNodes.ts';
import { resolvePlainScalar } from './yamlResolve.ts';
import { yamlScalarText } from './yamlScalarText.ts';
import type { YamlScalarStyle } from './yamlScalarText.ts';
import { isInline, yamlBlockInPlace, yamlFlowText, yamlValueAfterKey } from './yamlWrite.ts';
import type { YamlLayout } from './yamlWrite.ts';

/** The front matter source being edited and how it is laid out. */
export interface YamlEditContext {
  source: string;
  layout: YamlLayout;
}

/** Column of an offset within its line. */
export function columnAt(source: string, offset: number): number {
  return offset - lineStartAt(source, offset);
}

/** Offset before the line break that ends at `end`, so a replacement keeps the line structure. */
export function trimEol(source: string, end: number): number {
  let out = end;
  if (source[out - 1] === '\n') out--;
  if (source[out - 1] === '\r') out--;
  return out;
}

/** Offset just past the `:` of a block or flow map pair. */
export function afterColon(slot: Extract<YamlSlot, { kind: 'pair' }>): number | undefined {
  const item = slot.pair.srcToken as CST.CollectionItem | undefined;
  const token = item?.sep?.find((t) => t.type === 'map-value-ind');
  return token ? token.offset + 1 : undefined;
}

/** Offset of the `-` of a block list item. */
export function dashOffset(slot: Extract<YamlSlot, { kind: 'item' }>): number | undefined {
  const seq = slot.seq.srcToken as CST.BlockSequence | CST.FlowCollection | undefined;
  if (!seq || seq.type !== 'block-seq') return undefined;
  return seq.items[slot.index]?.start.find((t) => t.type === 'seq-item-ind')?.offset;
}

function ownerColumn(ctx: YamlEditContext, slot: YamlSlot): number {
  if (slot.kind === 'pair') return columnAt(ctx.source, rangeOf(slot.pair.key)?.[0] ?? 0);
  if (slot.kind === 'item') {
    const dash = dashOffset(slot);
    return dash === undefined ? 0 : columnAt(ctx.source, dash);
  }
  return 0;
}

function tagStart(ctx: YamlEditContext, node: Node, start: number): number {
  if (!(node as { tag?: string }).tag) return start;
  const before = ctx.source.slice(Math.max(0, start - 256), start);
  const match = /!\S*[ \t]+$/.exec(before);
  return match ? start - match[0].length : start;
}

function blockContentIndent(source: string, headerStart: number): number | undefined {
  const lines = source.slice(headerStart).split('\n').slice(1);
  for (const line of lines) {
    const content = line.replace(/\r$/, '');
    if (content.trim() !== '') return /^ */.exec(content)?.[0].length;
  }
  return undefined;
}

/** Plans the edit that replaces the value in `slot` (currently `node`) with `value`, keeping style and indentation where it can. */
export function replaceYamlValue(
  ctx: YamlEditContext,
  slot: YamlSlot,
  node: Node | null,
  value: FrontMatterValue,
): TextEdit {
  const { source, layout } = ctx;
  const flowParent =
    (slot.kind === 'pair' && slot.map.flow === true) ||
    (slot.kind === 'item' && slot.seq.flow === true);
  const column = ownerColumn(ctx, slot);
  const range = rangeOf(node);
  const style = isScalar(node) ? (node.type as YamlScalarStyle | undefined) : undefined;
  const plainSource =
    isScalar(node) && node.type === 'PLAIN' && typeof node.source === 'string'
      ? node.source
      : undefined;
  const wasFloat =
    plainSource !== undefined &&
    /[.eE]/.test(plainSource) &&
    typeof resolvePlainScalar(plainSource) === 'number';
  const scalarText = (allowBlock: boolean): string => {
    if (value !== null && typeof value === 'object')
      return yamlFlowText(value, { ownerColumn: column, eol: layout.eol });
    const contentIndent =
      range && style?.startsWith('BLOCK') ? blockContentIndent(source, range[0]) : undefined;
    return yamlScalarText(value, {
      flow: flowParent,
      style,
      wasFloat,
      allowBlock,
      ownerColumn: column,
      contentIndent: contentIndent ?? column + layout.indent,
      eol: layout.eol,
    });
  };

  if (flowParent) {
    if (!range || !node) throw new Error('Internal error: flow value without a range');
    return { start: tagStart(ctx, node, range[0]), end: range[1], text: scalarText(false) };
  }
  const indicator =
    slot.kind === 'pair' ? afterColon(slot) : slot.kind === 'item' ? dashOffset(slot) : undefined;
  const indicatorEnd =
    indicator === undefined ? undefined : slot.kind === 'item' ? indicator + 1 : indicator;
  const afterIndicator = (): string => {
    if (slot.kind === 'item')
      return ` ${isInline(value, layout) ? scalarText(true) : yamlBlockInPlace(value as never, column + 2, layout)}`;
    return yamlValueAfterKey(value, column, layout, { style, wasFloat });
  };
  const emptyPlain =
    isScalar(node) &&
    node.type === 'PLAIN' &&
    node.source === '' &&
    !(node as { tag?: string }).tag;
  if (!node || !range || emptyPlain) {
    if (indicatorEnd === undefined)
      throw new Error('Internal error: empty value without an indicator');
    return {
      start: indicatorEnd,
      end: range ? Math.max(indicatorEnd, range[1]) : indicatorEnd,
      text: afterIndicator(),
    };
  }
  const blockCollection = isCollection(node) && !node.flow;
  const blockScalar = style === 'BLOCK_LITERAL' || style === 'BLOCK_FOLDED';
  const inlineNode = !blockCollection && !blockScalar;
  const valueIsBlock = !isInline(value, layout) && !(isCollection(node) && node.flow);
  // A list may sit at its key's column (`tags:` then `- a`), a map may not: a map replacing such a list is indented anew.
  const inPlaceOk =
    Array.isArray(value) || slot.kind !== 'pair' || columnAt(source, range[0]) > column;
  if (blockCollection && valueIsBlock && inPlaceOk) {
    return {
      start: range[0],
      end: trimEol(source, range[2]),
      text: yamlBlockInPlace(value as never, columnAt(source, range[0]), layout),
    };
  }
  if ((inlineNode || isAlias(node)) && !valueIsBlock) {
    return { start: tagStart(ctx, node, range[0]), end: range[1], text: scalarText(false) };
  }
  if (blockScalar && !valueIsBlock) {
    return {
      start: tagStart(ctx, node, range[0]),
      end: trimEol(source, range[1]),
      text: scalarText(true),
    };
  }
  if (indicatorEnd === undefined)
    throw new Error('Internal error: block value without an indicator');
  const end = blockScalar ? range[1] : range[2];
  return { start: indicatorEnd, end: trimEol(source, end), text: afterIndicator() };
}
