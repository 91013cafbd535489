import { findNodeAtLocation, parseTree, printParseErrorCode } from 'jsonc-parser';
import type { Node as JsonNode, ParseError } from 'jsonc-parser';
import type { DataChange } from './diffData.ts';
import { flowEdits } from './flowEdits.ts';
import { FrontMatterError } from './FrontMatterError.ts';
import type { FrontMatterErrorReason } from './FrontMatterError.ts';
import { MAX_NESTING_DEPTH, formatPath, hasLoneSurrogate, keyProblem } from './limits.ts';
import { applyTextEdits } from './textEdits.ts';
import type { TextEdit } from './textEdits.ts';
import { describePosition, lineIndentAt, positionAt } from './textPosition.ts';
import type { DataPath, FrontMatterData, FrontMatterValue } from './types.ts';

/** A parsed JSON front matter: the data and the syntax tree whose offsets edits use. */
export interface JsonFrontMatter {
  data: FrontMatterData;
  tree: JsonNode;
}

function fail(
  reason: FrontMatterErrorReason,
  text: string,
  offset: number,
  what: string,
  fix: string,
): never {
  const position = positionAt(text, offset);
  throw new FrontMatterError(reason, `${what} at ${describePosition(position)}; ${fix}`, position);
}

function toData(
  node: JsonNode,
  text: string,
  base: number,
  path: DataPath,
  depth: number,
): FrontMatterValue {
  if (depth > MAX_NESTING_DEPTH)
    fail(
      'too_large',
      text,
      base + node.offset,
      `${formatPath(path)} is nested deeper than ${MAX_NESTING_DEPTH} levels`,
      'flatten the data.',
    );
  if (node.type === 'array')
    return (node.children ?? []).map((child, i) =>
      toData(child, text, base, [...path, i], depth + 1),
    );
  if (node.type === 'object') {
    const out: FrontMatterData = {};
    for (const property of node.children ?? []) {
      const [keyNode, valueNode] = property.children ?? [];
      if (!keyNode || !valueNode) continue;
      const key = String(keyNode.value);
      const at = base + keyNode.offset;
      const problem = keyProblem(key, path);
      if (problem) fail(problem.reason, text, at, problem.what, problem.fix);
      if (Object.hasOwn(out, key))
        fail(
          'duplicate_key',
          text,
          at,
          `The key "${key}" appears twice in ${formatPath(path)}`,
          'keep only one of them (Hugo would silently use the last one).',
        );
      out[key] = toData(valueNode, text, base, [...path, key], depth + 1);
    }
    return out;
  }
  const value = node.value as unknown;
  if (typeof value === 'number' && !Number.isFinite(value)) {
    fail(
      'unsupported_value',
      text,
      base + node.offset,
      `${formatPath(path)} is a number too large to represent`,
      'write a smaller number or quote it.',
    );
  }
  if (typeof value === 'string' && hasLoneSurrogate(value)) {
    fail(
      'unsupported_value',
      text,
      base + node.offset,
      `${formatPath(path)} contains half of a surrogate pair`,
      'remove the invalid \\u escape.',
    );
  }
  return value as FrontMatterValue;
}

/** Parses the JSON object between `start` and `end` of `text` strictly (no comments, no trailing commas, as Go's encoding/json). */
export function readJson(text: string, start: number, end: number): JsonFrontMatter {
  const source = text.slice(start, end);
  const errors: ParseError[] = [];
  const tree = parseTree(source, errors, {
    disallowComments: true,
    allowTrailingComma: false,
    allowEmptyContent: false,
  });
  const first = errors[0];
  if (first || !tree) {
    const code = first ? printParseErrorCode(first.error) : 'ValueExpected';
    fail(
      'syntax',
      text,
      start + (first?.offset ?? 0),
      `Invalid JSON front matter (${code})`,
      'fix the JSON there: keys and strings need double quotes, and no comma may follow the last item.',
    );
  }
  try {
    JSON.parse(source);
  } catch (error) {
    const offset = Number(/position (\d+)/.exec(String(error))?.[1] ?? 0);
    fail(
      'syntax',
      text,
      start + offset,
      `Invalid JSON front matter (${(error as Error).message})`,
      'fix the JSON there.',
    );
  }
  if (tree.type !== 'object')
    fail(
      'not_a_map',
      text,
      start,
      'The JSON front matter is not an object',
      'write it as {"key": "value", ...}.',
    );
  return { data: toData(tree, text, start, [], 0) as FrontMatterData, tree };
}

interface JsonStyle {
  /** One indentation step in a multi-line file, or undefined when the file is written on one line. */
  unit?: string;
  colon: string;
  comma: string;
  eol: string;
}

/** Writes a JSON value in the given style; `indent` is the indentation of the line it starts on. */
export function jsonText(value: FrontMatterValue, style: JsonStyle, indent = ''): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  const entries = Array.isArray(value)
    ? value.map((item) => ['', item] as const)
    : Object.entries(value);
  const open = Array.isArray(value) ? '[' : '{';
  const close = Array.isArray(value) ? ']' : '}';
  if (entries.length === 0) return open + close;
  const inner = indent + (style.unit ?? '');
  const parts = entries.map(
    ([key, item]) =>
      (Array.isArray(value) ? '' : JSON.stringify(key) + style.colon) +
      jsonText(item, style, inner),
  );
  if (style.unit === undefined) return open + parts.join(style.comma) + close;
  return `${open}${style.eol}${inner}${parts.join(`,${style.eol}${inner}`)}${style.eol}${indent}${close}`;
}

function detectStyle(source: string, eol: string): JsonStyle {
  const multiLine = /\n/.test(source.trim());
  const unit = multiLine ? (/\n([ \t]+)"/.exec(source)?.[1] ?? '  ') : undefined;
  const compact = /,["\d[{tfn-]/.test(source) && !/,[ \t]/.test(source);
  return { unit, colon: /"\s*:\s/.test(source) ? ': ' : ':', comma: compact ? ',' : ', ', eol };
}

function extent(node: JsonNode): { start: number; end: number } {
  return { start: node.offset, end: node.offset + node.length };
}

/** Applies data changes to a JSON front matter source by editing only the affected text, in the file's own layout. */
export function editJson(
  source: string,
  parsed: JsonFrontMatter,
  changes: DataChange[],
  eol: string,
): string {
  const style = detectStyle(source, eol);
  const edits: TextEdit[] = [];
  const containers = new Map<
    JsonNode,
    { removed: Set<number>; inserted: { before: number; text: string }[] }
  >();
  const nodeAt = (path: DataPath): JsonNode => {
    const node = path.length === 0 ? parsed.tree : findNodeAtLocation(parsed.tree, path);
    if (!node) throw new Error(`Internal error: no JSON node at ${formatPath(path)}`);
    return node;
  };
  const entry = (node: JsonNode) => {
    let found = containers.get(node);
    if (!found) containers.set(node, (found = { removed: new Set(), inserted: [] }));
    return found;
  };
  for (const change of changes) {
    if (change.kind === 'set') {
      const node = nodeAt(change.path);
      edits.push({
        ...extent(node),
        text: jsonText(change.value, style, lineIndentAt(source, node.offset)),
      });
    } else if (change.kind === 'add' || change.kind === 'remove') {
      const object = nodeAt(change.path.slice(0, -1));
      const key = change.path[change.path.length - 1] as string;
      const itemIndent = object.children?.[0]
        ? lineIndentAt(source, object.children[0].offset)
        : '';
      if (change.kind === 'add')
        entry(object).inserted.push({
          before: Number.MAX_SAFE_INTEGER,
          text: JSON.stringify(key) + style.colon + jsonText(change.value, style, itemIndent),
        });
      else
        entry(object).removed.add(
          (object.children ?? []).findIndex((p) => p.children?.[0]?.value === key),
        );
    } else {
      const array = nodeAt(change.path);
      const itemIndent = array.children?.[0] ? lineIndentAt(source, array.children[0].offset) : '';
      if (change.kind === 'insertItem')
        entry(array).inserted.push({
          before: change.index,
          text: jsonText(change.value, style, itemIndent),
        });
      else entry(array).removed.add(change.index);
    }
  }
  for (const [node, { removed, inserted }] of containers) {
    const items = (node.children ?? []).map(extent);
    const first = items[0];
    const multiLine = first !== undefined && source.slice(node.offset, first.start).includes('\n');
    const fallback =
      multiLine && first ? `,${eol}${lineIndentAt(source, first.start)}` : style.comma;
    edits.push(...flowEdits(source, items, removed, inserted, fallback, node.offset + 1));
  }
  return applyTextEdits(source, edits);
}

/** Writes front matter data as a new JSON front matter object (two-space indent, as `JSON.stringify` does). */
export function createJsonSource(data: FrontMatterData): string {
  return JSON.stringify(data, null, 2);
}
