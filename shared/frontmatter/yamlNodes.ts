import { isAlias, isMap, isPair, isScalar, isSeq } from 'yaml';
import type { Node, Pair, YAMLMap, YAMLSeq } from 'yaml';
import type { DataPath } from './types.ts';

/** Where a value node sits: under a map key, in a list, or at the document root. */
export type YamlSlot =
  | { kind: 'pair'; map: YAMLMap; pair: Pair; index: number }
  | { kind: 'item'; seq: YAMLSeq; index: number }
  | { kind: 'root' };

/** The outcome of following a data path through the YAML document. */
export type YamlLookup =
  | { found: true; node: Node | null; slot: YamlSlot }
  /** The path runs through an alias at `depth` (the node at path.slice(0, depth) is an alias). */
  | { found: false; blockedBy: 'alias'; depth: number }
  /** The map at path.slice(0, depth) has no explicit key path[depth] (it comes from a `<<` merge). */
  | { found: false; blockedBy: 'missing'; depth: number };

type Ranged = { range?: [number, number, number] | null };

/** Source range [start, valueEnd, nodeEnd] of a node, relative to the front matter source. */
export function rangeOf(node: unknown): [number, number, number] | undefined {
  return (node as Ranged | null)?.range ?? undefined;
}

/** The text of a map key as the data names it, or undefined for keys that are not text. */
export function keyName(key: unknown): string | undefined {
  if (isScalar(key))
    return typeof key.value === 'string' ? key.value : key.value === null ? '' : undefined;
  return undefined;
}

/** Index of the explicit pair whose key is `name` in `map`, or -1. */
export function findPair(map: YAMLMap, name: string): number {
  return map.items.findIndex((pair) => isPair(pair) && keyName(pair.key) === name);
}

/** True when the map uses YAML merge keys (`<<: *base`), whose values are not explicit pairs. */
export function hasMergeKey(map: YAMLMap): boolean {
  return map.items.some(
    (pair) => isScalar(pair.key) && pair.key.type === 'PLAIN' && pair.key.value === '<<',
  );
}

/** Follows `path` through explicit nodes of the document, reporting aliases and merged keys on the way. */
export function lookupYaml(contents: unknown, path: DataPath): YamlLookup {
  let node = (contents ?? null) as Node | null;
  let slot: YamlSlot = { kind: 'root' };
  for (let depth = 0; depth < path.length; depth++) {
    if (isAlias(node)) return { found: false, blockedBy: 'alias', depth };
    const segment = path[depth];
    if (isMap(node) && typeof segment === 'string') {
      const index = findPair(node, segment);
      if (index === -1) return { found: false, blockedBy: 'missing', depth };
      const pair = node.items[index] as Pair;
      slot = { kind: 'pair', map: node, pair, index };
      node = (pair.value ?? null) as Node | null;
    } else if (isSeq(node) && typeof segment === 'number' && segment < node.items.length) {
      slot = { kind: 'item', seq: node, index: segment };
      node = (node.items[segment] ?? null) as Node | null;
    } else {
      return { found: false, blockedBy: 'missing', depth };
    }
  }
  return { found: true, node, slot };
}
