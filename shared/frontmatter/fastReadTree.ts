import { hasLoneSurrogate, keyProblem } from './limits.ts';
import type { FrontMatterData, FrontMatterValue } from './types.ts';
import { resolvePlainScalar } from './yamlResolve.ts';

/** A value as the canonical reader would give it, or the fast reader stepping aside. */
export type Converted = { ok: true; value: FrontMatterValue } | { ok: false };
export const DECLINED: Converted = { ok: false };

/** How a fast reader's parser output becomes front matter data. */
export interface TreeRules {
  /** Deeper values are left to the canonical reader and its limits. */
  maxDepth: number;
  /** A leaf (anything but a list or a plain map): its canonical value, or DECLINED. */
  leaf(value: unknown): Converted;
  /** Whether a key is read the same by both readers (refused keys are always declined). */
  keyAllowed(key: string): boolean;
}

/**
 * Copies a fast parser's value into front matter data, lists and plain maps recursively, the
 * leaves through `rules.leaf`; DECLINED as soon as one part is not certain to read as the
 * canonical reader reads it.
 */
export function convertTree(value: unknown, depth: number, rules: TreeRules): Converted {
  if (depth >= rules.maxDepth) return DECLINED;
  if (Array.isArray(value)) {
    const out: FrontMatterValue[] = [];
    for (const item of value) {
      const converted = convertTree(item, depth + 1, rules);
      if (!converted.ok) return DECLINED;
      out.push(converted.value);
    }
    return { ok: true, value: out };
  }
  if (!isPlainMap(value)) return rules.leaf(value);
  const out: FrontMatterData = {};
  for (const key of Object.keys(value)) {
    if (keyProblem(key, []) !== null || !rules.keyAllowed(key)) return DECLINED;
    const converted = convertTree(value[key], depth + 1, rules);
    if (!converted.ok) return DECLINED;
    out[key] = converted.value;
  }
  return { ok: true, value: out };
}

/** A text leaf as both readers give it (half a surrogate pair is refused by the canonical one). */
export function textLeaf(value: string): Converted {
  return hasLoneSurrogate(value) ? DECLINED : { ok: true, value };
}

/** A YAML plain scalar's text resolved the go-yaml way, as the canonical reader does (.inf and .nan decline). */
export function plainScalarLeaf(source: string): Converted {
  const value = resolvePlainScalar(source);
  if (typeof value === 'object' && value !== null) return DECLINED;
  return typeof value === 'string' ? textLeaf(value) : { ok: true, value };
}

/** An object made by `{}` or a parser's equivalent (not a Date, a class instance or a null-prototype map). */
export function isPlainMap(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const prototype = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}
