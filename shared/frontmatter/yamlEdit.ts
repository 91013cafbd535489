import { isAlias, isMap, isPair, isScalar, isSeq } from 'yaml';
import type { Document, Node, YAMLMap, YAMLSeq } from 'yaml';
import type { DataChange } from './diffData.ts';
import { FrontMatterError } from './FrontMatterError.ts';
import { formatPath } from './limits.ts';
import { applyTextEdits } from './textEdits.ts';
import type { TextEdit } from './textEdits.ts';
import type { DataPath, FrontMatterData, FrontMatterValue } from './types.ts';
import { editYamlMap, editYamlSeq } from './yamlContainerEdits.ts';
import type { ContainerChanges } from './yamlContainerEdits.ts';
import { findPair, lookupYaml } from './yamlNodes.ts';
import type { YamlFrontMatter } from './yamlRead.ts';
import { replaceYamlValue } from './yamlReplace.ts';
import type { YamlEditContext } from './yamlReplace.ts';
import { detectYamlLayout } from './yamlWrite.ts';

function valueAt(data: FrontMatterData, path: DataPath): FrontMatterValue | undefined {
  let value: FrontMatterValue | undefined = data;
  for (const segment of path) {
    if (value === null || typeof value !== 'object') return undefined;
    value = Array.isArray(value)
      ? value[segment as number]
      : Object.hasOwn(value, segment)
        ? value[segment as string]
        : undefined;
  }
  return value;
}

function isPrefix(prefix: DataPath, path: DataPath): boolean {
  return prefix.length <= path.length && prefix.every((segment, i) => segment === path[i]);
}

interface AliasUse {
  target: Node;
  /** Data path of the alias, or of the map whose `<<` uses it. */
  path: DataPath;
}

// Every alias reachable through explicit nodes, with where it is used.
function aliasUses(doc: Document.Parsed): AliasUse[] {
  const uses: AliasUse[] = [];
  const walk = (node: unknown, path: DataPath): void => {
    if (isAlias(node)) {
      const target = node.resolve(doc);
      if (target) uses.push({ target, path });
    } else if (isMap(node)) {
      for (const pair of node.items) {
        if (!isPair(pair)) continue;
        const merge = isScalar(pair.key) && pair.key.type === 'PLAIN' && pair.key.value === '<<';
        if (merge) {
          const sources = isSeq(pair.value) ? pair.value.items : [pair.value];
          for (const source of sources) {
            const target = isAlias(source) ? source.resolve(doc) : undefined;
            if (target) uses.push({ target, path });
          }
        } else if (isScalar(pair.key) && typeof pair.key.value === 'string') {
          walk(pair.value, [...path, pair.key.value]);
        }
      }
    } else if (isSeq(node)) {
      node.items.forEach((item, index) => walk(item, [...path, index]));
    }
  };
  walk(doc.contents, []);
  return uses;
}

// Anchored nodes on the way to (and at) a path: editing one of them would also change every alias of it.
function anchoredOnPath(contents: unknown, path: DataPath): Node[] {
  const out: Node[] = [];
  for (let depth = 0; depth <= path.length; depth++) {
    const lookup = lookupYaml(contents, path.slice(0, depth));
    if (!lookup.found || !lookup.node) break;
    if ((lookup.node as { anchor?: string }).anchor) out.push(lookup.node);
  }
  return out;
}

// Values reached through an alias or a `<<` merge have no text of their own: they are written out in full where they are
// used; and when an anchored value changes, the aliases that used it are written out with the value they keep.
function resolveShared(
  changes: DataChange[],
  doc: Document.Parsed,
  after: FrontMatterData,
): DataChange[] {
  const contents = doc.contents;
  const rewrites: DataChange[] = [];
  const rewrite = (path: DataPath, optional = false): void => {
    const value = valueAt(after, path);
    if (optional && (value === undefined || path.length === 0)) return;
    if (path.length === 0 || value === undefined) {
      throw new FrontMatterError(
        'unsupported_value',
        `Cannot remove ${formatPath(path)}: it comes from a YAML alias or << merge; edit the anchored value in the file instead.`,
      );
    }
    if (rewrites.some((r) => isPrefix(r.path, path))) return;
    const explicit = lookupYaml(contents, path).found;
    rewrites.push(explicit ? { kind: 'set', path, value } : { kind: 'add', path, value });
  };
  const direct: DataChange[] = [];
  for (const change of changes) {
    const containerPath =
      change.kind === 'insertItem' || change.kind === 'removeItem'
        ? change.path
        : change.path.slice(0, -1);
    const container = lookupYaml(contents, containerPath);
    if (!container.found) {
      rewrite(
        containerPath.slice(
          0,
          container.blockedBy === 'alias' ? container.depth : container.depth + 1,
        ),
      );
    } else if (isAlias(container.node) && containerPath.length > 0) {
      rewrite(containerPath);
    } else if (
      (change.kind === 'set' || change.kind === 'remove') &&
      !lookupYaml(contents, change.path).found
    ) {
      rewrite(change.path);
    } else {
      direct.push(change);
    }
  }
  const touched = new Set(direct.flatMap((change) => anchoredOnPath(contents, change.path)));
  if (touched.size > 0) {
    for (const use of aliasUses(doc)) if (touched.has(use.target)) rewrite(use.path, true);
  }
  return [
    ...rewrites,
    ...direct.filter((change) => !rewrites.some((r) => isPrefix(r.path, change.path))),
  ];
}

function containerNode(contents: unknown, path: DataPath): Node | null {
  const lookup = lookupYaml(contents, path);
  if (!lookup.found) throw new Error(`Internal error: no YAML node at ${formatPath(path)}`);
  return lookup.node;
}

/** Applies data changes to a YAML front matter source by editing only the affected text; returns the new source. */
export function editYaml(
  source: string,
  parsed: YamlFrontMatter,
  after: FrontMatterData,
  changes: DataChange[],
  eol: string,
): string {
  const contents = parsed.doc.contents;
  const ctx: YamlEditContext = { source, layout: detectYamlLayout(parsed.doc, source, eol) };
  const edits: TextEdit[] = [];
  const containers = new Map<Node | null, ContainerChanges & { depth: number }>();
  const containerChanges = (node: Node | null, depth: number): ContainerChanges => {
    let entry = containers.get(node);
    if (!entry) containers.set(node, (entry = { removed: new Set(), inserted: [], depth }));
    return entry;
  };
  for (const change of resolveShared(changes, parsed.doc, after)) {
    if (change.kind === 'set') {
      const lookup = lookupYaml(contents, change.path);
      if (!lookup.found)
        throw new Error(`Internal error: no YAML node at ${formatPath(change.path)}`);
      edits.push(replaceYamlValue(ctx, lookup.slot, lookup.node, change.value));
    } else if (change.kind === 'add' || change.kind === 'remove') {
      const map = containerNode(contents, change.path.slice(0, -1));
      if (map !== null && !isMap(map))
        throw new Error(`Internal error: ${formatPath(change.path)} is not in a map`);
      const key = change.path[change.path.length - 1] as string;
      const entry = containerChanges(map, change.path.length - 1);
      if (change.kind === 'add')
        entry.inserted.push({ before: Number.MAX_SAFE_INTEGER, key, value: change.value });
      else entry.removed.add(findPair(map as YAMLMap, key));
    } else {
      const seq = containerNode(contents, change.path);
      if (!isSeq(seq)) throw new Error(`Internal error: ${formatPath(change.path)} is not a list`);
      const entry = containerChanges(seq, change.path.length);
      if (change.kind === 'insertItem')
        entry.inserted.push({ before: change.index, value: change.value });
      else entry.removed.add(change.index);
    }
  }
  // Deeper containers first: when a nested map and its parent both grow at the same offset, the nested lines must come first.
  const ordered = [...containers].sort((a, b) => b[1].depth - a[1].depth);
  for (const [node, entry] of ordered) {
    if (isSeq(node)) edits.push(...editYamlSeq(ctx, node as YAMLSeq, entry));
    else edits.push(...editYamlMap(ctx, node as YAMLMap | null, node === contents, entry));
  }
  return applyTextEdits(source, edits);
}
