import { isPair } from 'yaml';
import type { Node, Pair, YAMLMap, YAMLSeq } from 'yaml';
import { flowEdits, runsOf } from './flowEdits.ts';
import type { TextEdit } from './textEdits.ts';
import { lineEndAfter, lineStartAt, startsItsLine } from './textPosition.ts';
import type { FrontMatterValue } from './types.ts';
import { rangeOf } from './yamlNodes.ts';
import type { YamlEditContext } from './yamlReplace.ts';
import { columnAt, dashOffset } from './yamlReplace.ts';
import { yamlEntryLines, yamlFlowText, yamlItemLines } from './yamlWrite.ts';
import { yamlKeyText } from './yamlScalarText.ts';

/** Item-level changes to one map or list: old indexes to drop, and new entries to put before an old index (or at the end). */
export interface ContainerChanges {
  removed: Set<number>;
  inserted: { before: number; key?: string; value: FrontMatterValue }[];
}

interface Extent {
  start: number;
  end: number;
  /** Where the item's own lines end (trailing comment and line break included), for block containers. */
  lineEnd: number;
}

function pairExtent(pair: Pair): Extent {
  const key = rangeOf(pair.key);
  const value = rangeOf(pair.value);
  const start = key?.[0] ?? value?.[0] ?? 0;
  return {
    start,
    end: value?.[1] ?? key?.[1] ?? start,
    lineEnd: Math.max(key?.[2] ?? 0, value?.[2] ?? 0),
  };
}

function blockRemovals(
  source: string,
  starts: number[],
  extents: Extent[],
  removed: Set<number>,
): TextEdit[] {
  const edits: TextEdit[] = [];
  for (const [a, b] of runsOf(removed)) {
    const next = starts[b + 1];
    // The first entry of a map or list nested in a list item shares the line of its `- `; the next entry moves up instead.
    if (!startsItsLine(source, starts[a] as number) && next !== undefined) {
      edits.push({ start: starts[a] as number, end: next, text: '' });
      continue;
    }
    for (let i = a; i <= b; i++) {
      const extent = extents[i] as Extent;
      edits.push({
        start: lineStartAt(source, starts[i] as number),
        end: lineEndAfter(source, Math.max(extent.lineEnd, extent.end)),
        text: '',
      });
    }
  }
  return edits;
}

/** Plans the edits that remove and add keys of one YAML map, in its own style (block lines or flow entries). */
export function editYamlMap(
  ctx: YamlEditContext,
  map: YAMLMap | null,
  isRoot: boolean,
  changes: ContainerChanges,
): TextEdit[] {
  const { source, layout } = ctx;
  const pairs = (map?.items ?? []).filter((item): item is Pair => isPair(item));
  const extents = pairs.map(pairExtent);
  if (map?.flow) {
    const inserted = changes.inserted.map(({ before, key, value }) => ({
      before,
      text: `${yamlKeyText(key ?? '', true)}: ${yamlFlowText(value, { ownerColumn: 0, eol: layout.eol })}`,
    }));
    return flowEdits(
      source,
      extents,
      changes.removed,
      inserted,
      ', ',
      rangeOf(map)?.[0] === undefined ? undefined : (rangeOf(map)?.[0] as number) + 1,
    );
  }
  const starts = extents.map((extent) => extent.start);
  const edits = blockRemovals(source, starts, extents, changes.removed);
  if (changes.inserted.length > 0) {
    const column = starts[0] === undefined ? 0 : columnAt(source, starts[0]);
    const lastExtent = extents[extents.length - 1];
    let at =
      isRoot || !lastExtent
        ? source.length
        : lineEndAfter(source, Math.max(lastExtent.lineEnd, lastExtent.end));
    let text = changes.inserted
      .flatMap(({ key, value }) => yamlEntryLines(key ?? '', value, column, layout))
      .map((line) => line + layout.eol)
      .join('');
    if (at > 0 && source[at - 1] !== '\n') text = layout.eol + text;
    if (at > source.length) at = source.length;
    edits.push({ start: at, end: at, text });
  }
  return edits;
}

/** Plans the edits that remove and insert items of one YAML list, in its own style (block `- item` lines or flow items). */
export function editYamlSeq(
  ctx: YamlEditContext,
  seq: YAMLSeq,
  changes: ContainerChanges,
): TextEdit[] {
  const { source, layout } = ctx;
  const items = seq.items as (Node | null)[];
  if (seq.flow) {
    const extents = items.map((item) => {
      const range = rangeOf(item) ?? [0, 0, 0];
      return { start: range[0], end: range[1], lineEnd: range[2] };
    });
    const inserted = changes.inserted.map(({ before, value }) => ({
      before,
      text: yamlFlowText(value, { ownerColumn: 0, eol: layout.eol }),
    }));
    return flowEdits(source, extents, changes.removed, inserted);
  }
  const dashes = items.map((_item, index) => dashOffset({ kind: 'item', seq, index }));
  if (dashes.some((dash) => dash === undefined))
    throw new Error('Internal error: block list item without a dash');
  const starts = dashes as number[];
  const extents = items.map((item, index) => {
    const range = rangeOf(item);
    const dash = starts[index] as number;
    return { start: dash, end: range?.[1] ?? dash + 1, lineEnd: range?.[2] ?? dash + 1 };
  });
  const edits = blockRemovals(source, starts, extents, changes.removed);
  const column = columnAt(source, starts[0] as number);
  const linesOf = (value: FrontMatterValue): string[] => yamlItemLines(value, column, layout);
  for (const entry of changes.inserted) {
    const target = starts[entry.before];
    if (target !== undefined && startsItsLine(source, target)) {
      const at = lineStartAt(source, target);
      edits.push({
        start: at,
        end: at,
        text: linesOf(entry.value)
          .map((line) => line + layout.eol)
          .join(''),
      });
    } else if (target !== undefined) {
      const [first = '', ...rest] = linesOf(entry.value);
      edits.push({
        start: target,
        end: target,
        text: [first.slice(column), ...rest].join(layout.eol) + layout.eol + ' '.repeat(column),
      });
    } else {
      const last = extents[extents.length - 1] as Extent;
      const at = lineEndAfter(source, Math.max(last.lineEnd, last.end));
      const lead = at > 0 && source[at - 1] !== '\n' ? layout.eol : '';
      edits.push({
        start: at,
        end: at,
        text:
          lead +
          linesOf(entry.value)
            .map((line) => line + layout.eol)
            .join(''),
      });
    }
  }
  return edits;
}
