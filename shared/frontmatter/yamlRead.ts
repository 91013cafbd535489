import { isAlias, isMap, isScalar, isSeq, parseDocument } from 'yaml';
import type { Document, Node, Scalar, YAMLMap } from 'yaml';
import { FrontMatterError } from './FrontMatterError.ts';
import type { FrontMatterErrorReason } from './FrontMatterError.ts';
import {
  MAX_ALIAS_EXPANSION,
  MAX_NESTING_DEPTH,
  formatPath,
  hasLoneSurrogate,
  keyProblem,
} from './limits.ts';
import { describePosition, positionAt } from './textPosition.ts';
import type { DataPath, FrontMatterData, FrontMatterValue } from './types.ts';
import { resolvePlainScalar } from './yamlResolve.ts';

/** A parsed YAML front matter: the data and the document whose source ranges edits use. */
export interface YamlFrontMatter {
  data: FrontMatterData;
  doc: Document.Parsed;
}

const STANDARD_TAG = 'tag:yaml.org,2002:';

/** Options for parsing front matter YAML: every scalar kept as text (types are resolved the go-yaml way afterwards), duplicate keys refused. */
export const YAML_PARSE_OPTIONS = {
  schema: 'failsafe',
  keepSourceTokens: true,
  uniqueKeys: true,
  strict: true,
  prettyErrors: false,
} as const;

class YamlReader {
  private expansionBudget = MAX_ALIAS_EXPANSION;
  private readonly active = new Set<Node>();

  constructor(
    private readonly doc: Document.Parsed,
    private readonly text: string,
    private readonly offset: number,
  ) {}

  fail(reason: FrontMatterErrorReason, at: number, what: string, fix: string): never {
    const position = positionAt(this.text, this.offset + at);
    throw new FrontMatterError(
      reason,
      `${what} at ${describePosition(position)}; ${fix}`,
      position,
    );
  }

  value(node: unknown, path: DataPath, depth: number, viaAlias: boolean): FrontMatterValue {
    if (node === null || node === undefined) return null;
    const at = (node as { range?: [number, number, number] }).range?.[0] ?? 0;
    if (depth > MAX_NESTING_DEPTH)
      this.fail(
        'too_large',
        at,
        `${formatPath(path)} is nested deeper than ${MAX_NESTING_DEPTH} levels`,
        'flatten the data.',
      );
    if (viaAlias && --this.expansionBudget < 0) {
      this.fail(
        'alias_limit',
        at,
        `YAML aliases expand to more than ${MAX_ALIAS_EXPANSION} values`,
        'repeat fewer aliases (a "billion laughs" document is refused).',
      );
    }
    if (isAlias(node)) {
      const target = node.resolve(this.doc);
      if (!target)
        this.fail(
          'syntax',
          at,
          `The alias *${node.source} refers to no anchor`,
          `define &${node.source} before using it.`,
        );
      if (this.active.has(target))
        this.fail(
          'unsupported_value',
          at,
          `The alias *${node.source} refers to a value that contains it`,
          'remove the recursive alias.',
        );
      this.active.add(target);
      try {
        return this.value(target, path, depth, true);
      } finally {
        this.active.delete(target);
      }
    }
    if (isScalar(node)) return this.scalar(node, path);
    if (isMap(node)) return this.map(node, path, depth, viaAlias);
    if (isSeq(node)) {
      this.checkCollectionTag(node.tag, at, path);
      return node.items.map((item, index) =>
        this.value(item, [...path, index], depth + 1, viaAlias),
      );
    }
    return this.fail(
      'unsupported_value',
      at,
      `${formatPath(path)} has an unsupported YAML node`,
      'use text, numbers, booleans, lists and maps.',
    );
  }

  private checkCollectionTag(tag: string | undefined, at: number, path: DataPath): void {
    if (
      tag === undefined ||
      tag === '!' ||
      tag === `${STANDARD_TAG}map` ||
      tag === `${STANDARD_TAG}seq`
    )
      return;
    this.fail(
      'unsupported_value',
      at,
      `${formatPath(path)} has the tag ${tag}, which JSON-like front matter data cannot hold`,
      'remove the tag.',
    );
  }

  private scalar(node: Scalar, path: DataPath): FrontMatterValue {
    const at = node.range?.[0] ?? 0;
    const text = typeof node.value === 'string' ? node.value : String(node.source ?? '');
    if (hasLoneSurrogate(text))
      this.fail(
        'unsupported_value',
        at,
        `${formatPath(path)} contains half of a surrogate pair`,
        'remove the invalid \\u escape.',
      );
    const tag = node.tag;
    if (tag === undefined || tag === '!') {
      if (node.type !== 'PLAIN' || tag === '!') return text;
      return this.resolved(text, at, path);
    }
    switch (tag) {
      case `${STANDARD_TAG}str`:
      case `${STANDARD_TAG}timestamp`:
        return text;
      case `${STANDARD_TAG}null`:
        return null;
      case `${STANDARD_TAG}bool`:
      case `${STANDARD_TAG}int`:
      case `${STANDARD_TAG}float`: {
        const value = this.resolved(text, at, path);
        const expected = tag.endsWith('bool') ? 'boolean' : 'number';
        if (typeof value !== expected || (tag.endsWith('int') && !Number.isInteger(value))) {
          this.fail(
            'syntax',
            at,
            `${formatPath(path)} is tagged ${tag.replace(STANDARD_TAG, '!!')} but "${text}" is not one`,
            'fix the value or remove the tag.',
          );
        }
        return value;
      }
      default:
        return this.fail(
          'unsupported_value',
          at,
          `${formatPath(path)} has the tag ${tag.replace(STANDARD_TAG, '!!')}, which front matter data cannot hold`,
          'remove the tag or write the value as text.',
        );
    }
  }

  private resolved(text: string, at: number, path: DataPath): FrontMatterValue {
    const value = resolvePlainScalar(text);
    if (typeof value === 'object' && value !== null) {
      this.fail(
        'unsupported_value',
        at,
        `${formatPath(path)} is ${text}, a number JSON cannot represent`,
        'write a finite number, or quote it to keep it as text.',
      );
    }
    return value;
  }

  key(node: unknown, path: DataPath, at: number): string {
    const target = isAlias(node) ? node.resolve(this.doc) : node;
    if (isScalar(target) && (typeof target.value === 'string' || target.value === null)) {
      const key = typeof target.value === 'string' ? target.value : '';
      const keyAt = target.range?.[0] ?? at;
      const problem = keyProblem(key, path);
      if (problem) this.fail(problem.reason, keyAt, problem.what, problem.fix);
      return key;
    }
    return this.fail(
      'unsupported_value',
      at,
      `A key in ${formatPath(path)} is a list or map, not text`,
      'use text keys only.',
    );
  }

  private map(node: YAMLMap, path: DataPath, depth: number, viaAlias: boolean): FrontMatterData {
    const at = node.range?.[0] ?? 0;
    this.checkCollectionTag(node.tag, at, path);
    const out: FrontMatterData = {};
    for (const pair of node.items) {
      const keyAt = (pair.key as { range?: [number, number, number] } | null)?.range?.[0] ?? at;
      if (
        isScalar(pair.key) &&
        pair.key.type === 'PLAIN' &&
        pair.key.value === '<<' &&
        pair.key.tag === undefined
      ) {
        this.merge(pair.value, out, path, depth, keyAt);
        continue;
      }
      const key = this.key(pair.key, path, keyAt);
      out[key] = this.value(pair.value, [...path, key], depth + 1, viaAlias);
    }
    return out;
  }

  // go-yaml v2 applies `<<` where it appears (later keys win; in a list of maps, earlier maps win), so Folio does too.
  private merge(
    source: unknown,
    out: FrontMatterData,
    path: DataPath,
    depth: number,
    at: number,
  ): void {
    const sources = isSeq(source) ? [...source.items].reverse() : [source];
    for (const item of sources) {
      const merged = this.value(item, path, depth, true);
      if (typeof merged !== 'object' || merged === null || Array.isArray(merged)) {
        this.fail(
          'syntax',
          at,
          `The merge key << in ${formatPath(path)} must refer to a map or a list of maps`,
          'fix the alias after <<.',
        );
      }
      Object.assign(out, merged);
    }
  }
}

function reasonForCode(code: string): FrontMatterErrorReason {
  if (code === 'DUPLICATE_KEY') return 'duplicate_key';
  // The yaml package reports a stack overflow on deeply nested input this way.
  if (code === 'RESOURCE_EXHAUSTION') return 'too_large';
  return 'syntax';
}

/** Parses the YAML source between `start` and `end` of `text`; positions in errors point into the whole file. */
export function readYaml(text: string, start: number, end: number): YamlFrontMatter {
  const source = text.slice(start, end);
  let doc: Document.Parsed;
  try {
    doc = parseDocument(source, YAML_PARSE_OPTIONS);
  } catch (error) {
    if (error instanceof RangeError) {
      const position = positionAt(text, start);
      throw new FrontMatterError(
        'too_large',
        `The YAML front matter at ${describePosition(position)} is nested too deeply to parse; flatten it.`,
        position,
      );
    }
    throw error;
  }
  const [first] = doc.errors;
  if (first) {
    const position = positionAt(text, start + first.pos[0]);
    const detail =
      first.message.split('\n')[0]?.replace(/ at line \d+, column \d+:?$/, '') ?? first.message;
    const fix =
      first.code === 'DUPLICATE_KEY'
        ? 'keep only one of the keys (Hugo would silently use one of them).'
        : first.code === 'RESOURCE_EXHAUSTION'
          ? 'the values are nested too deeply; flatten them.'
          : 'fix the YAML there (values with ": " or " #" or that start with a special character need quotes).';
    throw new FrontMatterError(
      reasonForCode(first.code),
      `Invalid YAML front matter at ${describePosition(position)}: ${detail}; ${fix}`,
      position,
    );
  }
  const reader = new YamlReader(doc, text, start);
  const contents = doc.contents;
  if (
    contents === null ||
    (isScalar(contents) &&
      contents.type === 'PLAIN' &&
      contents.value === '' &&
      contents.tag === undefined)
  ) {
    return { data: {}, doc };
  }
  if (!isMap(contents)) {
    const at = (contents as { range?: [number, number, number] }).range?.[0] ?? 0;
    const what = isSeq(contents) ? 'a list' : isAlias(contents) ? 'an alias' : 'a single value';
    reader.fail(
      'not_a_map',
      at,
      `The YAML front matter is ${what}, not a map of keys to values`,
      'write it as "key: value" lines, e.g. "title: Hello".',
    );
  }
  const data = reader.value(contents, [], 0, false);
  return { data: data as FrontMatterData, doc };
}
