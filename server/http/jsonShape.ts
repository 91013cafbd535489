import type { RequestHandler } from 'express';
import { formatPath } from '../../shared/frontmatter/limits.ts';
import { ValidationError } from '../errors.ts';

/** Deepest nesting of arrays and objects a JSON body may have (front matter itself holds at most 64). */
export const MAX_JSON_DEPTH = 100;

interface Frame {
  value: unknown;
  depth: number;
  parent: Frame | null;
  key: string | number;
}

function pathOf(frame: Frame): (string | number)[] {
  const path: (string | number)[] = [];
  for (let at: Frame | null = frame; at?.parent; at = at.parent) path.unshift(at.key);
  return path;
}

/**
 * Finds what a parsed JSON body must not hold, without recursion (so no depth can overflow the
 * stack): nesting deeper than MAX_JSON_DEPTH, and `__proto__` keys, which JSON.parse keeps as own
 * keys but which the schemas' plain-object copies turn into a prototype and so drop silently.
 */
export function jsonShapeProblem(body: unknown): ValidationError | null {
  const stack: Frame[] = [{ value: body, depth: 1, parent: null, key: '' }];
  for (let frame = stack.pop(); frame; frame = stack.pop()) {
    const { value, depth } = frame;
    if (typeof value !== 'object' || value === null) continue;
    if (depth > MAX_JSON_DEPTH) {
      return new ValidationError(
        `The request body is nested deeper than ${MAX_JSON_DEPTH} levels; flatten the data.`,
        { reason: 'too_deep', limit: MAX_JSON_DEPTH },
      );
    }
    if (Array.isArray(value)) {
      for (let i = 0; i < value.length; i++)
        stack.push({ value: value[i], depth: depth + 1, parent: frame, key: i });
      continue;
    }
    for (const key of Object.keys(value)) {
      const child: Frame = {
        value: (value as Record<string, unknown>)[key],
        depth: depth + 1,
        parent: frame,
        key,
      };
      if (key === '__proto__') {
        return new ValidationError(
          `The key "__proto__" in ${formatPath(pathOf(child))} is not allowed because it can alter object prototypes; rename it.`,
          { reason: 'forbidden_key', path: pathOf(child) },
        );
      }
      stack.push(child);
    }
  }
  return null;
}

/** Refuses parsed JSON bodies that nest too deep or hold `__proto__` keys (400), before any schema sees them. */
export const jsonShapeOnly: RequestHandler = (req, _res, next) => {
  next((req.body as unknown) === undefined ? undefined : (jsonShapeProblem(req.body) ?? undefined));
};
