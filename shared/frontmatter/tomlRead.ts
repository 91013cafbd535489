import { ParseError, parseTOML } from 'toml-eslint-parser';
import type { AST } from 'toml-eslint-parser';
import { FrontMatterError } from './FrontMatterError.ts';
import type { FrontMatterErrorReason } from './FrontMatterError.ts';
import { MAX_NESTING_DEPTH, formatPath, hasLoneSurrogate, keyProblem } from './limits.ts';
import { describePosition, positionAt } from './textPosition.ts';
import type { DataPath, FrontMatterData, FrontMatterValue } from './types.ts';

/** A parsed TOML front matter: the data and the syntax tree whose ranges edits use. */
export interface TomlFrontMatter {
  data: FrontMatterData;
  ast: AST.TOMLProgram;
}

// toml-eslint-parser exposes no error code, only this message (see its MESSAGES table).
const DUPLICATE_KEY_MESSAGE = 'Defining a key multiple times is invalid';

/** The names of a TOML key (`a."b.c".d` is ["a", "b.c", "d"]). */
export function tomlKeyNames(key: AST.TOMLKey): string[] {
  return key.keys.map((part) => (part.type === 'TOMLBare' ? part.name : part.value));
}

class TomlReader {
  constructor(
    private readonly text: string,
    private readonly offset: number,
    private readonly source: string,
  ) {}

  fail(reason: FrontMatterErrorReason, at: number, what: string, fix: string): never {
    const position = positionAt(this.text, this.offset + at);
    throw new FrontMatterError(
      reason,
      `${what} at ${describePosition(position)}; ${fix}`,
      position,
    );
  }

  checkKeys(names: string[], node: AST.TOMLKey, path: DataPath): void {
    names.forEach((name, i) => {
      const at = node.keys[i]?.range[0] ?? node.range[0];
      const problem = keyProblem(name, path);
      if (problem) this.fail(problem.reason, at, problem.what, problem.fix);
    });
  }

  value(node: AST.TOMLContentNode, path: DataPath, depth: number): FrontMatterValue {
    if (depth > MAX_NESTING_DEPTH)
      this.fail(
        'too_large',
        node.range[0],
        `${formatPath(path)} is nested deeper than ${MAX_NESTING_DEPTH} levels`,
        'flatten the data.',
      );
    if (node.type === 'TOMLArray')
      return node.elements.map((element, i) => this.value(element, [...path, i], depth + 1));
    if (node.type === 'TOMLInlineTable') {
      const table: FrontMatterData = {};
      for (const kv of node.body) this.assign(table, kv, path, depth + 1);
      return table;
    }
    switch (node.kind) {
      case 'string':
        if (hasLoneSurrogate(node.value))
          this.fail(
            'unsupported_value',
            node.range[0],
            `${formatPath(path)} contains half of a surrogate pair`,
            'remove the invalid \\u escape.',
          );
        return node.value;
      case 'integer':
      case 'float':
        if (!Number.isFinite(node.value)) {
          this.fail(
            'unsupported_value',
            node.range[0],
            `${formatPath(path)} is ${this.source.slice(...node.range)}, a number JSON cannot represent`,
            'write a finite number or quote it.',
          );
        }
        return node.value;
      case 'boolean':
        return node.value;
      default:
        // Dates and times come back exactly as written, offset and precision included.
        return this.source.slice(node.range[0], node.range[1]);
    }
  }

  assign(table: FrontMatterData, kv: AST.TOMLKeyValue, base: DataPath, depth: number): void {
    const names = tomlKeyNames(kv.key);
    this.checkKeys(names, kv.key, base);
    const target = this.descend(table, names.slice(0, -1));
    const last = names[names.length - 1] as string;
    target[last] = this.value(kv.value, [...base, ...names], depth + names.length);
  }

  descend(root: FrontMatterData, names: string[]): FrontMatterData {
    let current = root;
    for (const name of names) {
      let next = current[name];
      if (Array.isArray(next)) next = next[next.length - 1];
      if (typeof next !== 'object' || next === null || Array.isArray(next)) {
        next = {};
        current[name] = next;
      }
      current = next;
    }
    return current;
  }
}

/** Parses the TOML 1.0 source between `start` and `end` of `text` (the version Hugo's go-toml v2 reads); errors point into the whole file. */
export function readToml(text: string, start: number, end: number): TomlFrontMatter {
  const source = text.slice(start, end);
  let ast: AST.TOMLProgram;
  try {
    ast = parseTOML(source, { tomlVersion: '1.0' });
  } catch (error) {
    if (error instanceof ParseError) {
      const position = positionAt(text, start + error.index);
      const duplicate = error.message === DUPLICATE_KEY_MESSAGE;
      const fix = duplicate
        ? 'keep only one definition of the key or table.'
        : 'fix the TOML there (strings need quotes; dates look like 2025-04-18T10:00:00-06:00).';
      throw new FrontMatterError(
        duplicate ? 'duplicate_key' : 'syntax',
        `Invalid TOML front matter at ${describePosition(position)}: ${error.message}; ${fix}`,
        position,
      );
    }
    if (error instanceof RangeError) {
      const position = positionAt(text, start);
      throw new FrontMatterError(
        'too_large',
        `The TOML front matter at ${describePosition(position)} is nested too deeply to parse; flatten it.`,
        position,
      );
    }
    throw error;
  }
  const reader = new TomlReader(text, start, source);
  const data: FrontMatterData = {};
  const [top] = ast.body;
  for (const item of top.body) {
    if (item.type === 'TOMLKeyValue') {
      reader.assign(data, item, [], 1);
      continue;
    }
    const names = tomlKeyNames(item.key);
    reader.checkKeys(names, item.key, []);
    if (names.length > MAX_NESTING_DEPTH)
      reader.fail('too_large', item.range[0], 'A table is nested too deeply', 'flatten the data.');
    let table: FrontMatterData;
    if (item.kind === 'array') {
      const parent = reader.descend(data, names.slice(0, -1));
      const last = names[names.length - 1] as string;
      const list = Array.isArray(parent[last])
        ? (parent[last] as FrontMatterValue[])
        : (parent[last] = []);
      table = {};
      list.push(table);
    } else {
      table = reader.descend(data, names);
    }
    for (const kv of item.body)
      reader.assign(
        table,
        kv,
        item.resolvedKey.filter((k): k is string => typeof k === 'string'),
        names.length + 1,
      );
  }
  return { data, ast };
}
