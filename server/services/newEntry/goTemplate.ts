import { type ZonedTime, formatGoTime, RFC3339 } from './goTimeFormat.ts';
import { templateFunctions } from './templateFunctions.ts';
import { TemplateUnsupported, type TemplateValue, isTime, truthy } from './templateValues.ts';

export { TemplateUnsupported, type TemplateValue } from './templateValues.ts';

/**
 * A small evaluator for the Go templates Hugo archetypes are written in: text, `{{ pipeline }}`
 * actions with trim markers and comments, `if`/`else`/`with`/`end`, field chains (`.File.Name`,
 * `.Site.Params.x`), string and number literals, parentheses, pipes and the functions of
 * templateFunctions. What it does not evaluate it reports instead of guessing.
 */

/** The result of rendering: the text, and what was left empty because Folio cannot evaluate it. */
export interface Rendered {
  text: string;
  /** Actions rendered as nothing (`{{ partial "x" . }}`), in the order met. */
  skipped: string[];
}

type Node =
  | { type: 'text'; text: string }
  | { type: 'action'; source: string }
  | { type: 'if' | 'with'; source: string; then: Node[]; otherwise: Node[] };

const BLOCKS = /^(range|define|template|block|break|continue)\b/;

/** Renders `template` with `data` as its dot and `now` as Hugo's `now`. Throws TemplateUnsupported for range/define/template/block. */
export function renderGoTemplate(template: string, data: TemplateValue, now: ZonedTime): Rendered {
  const skipped: string[] = [];
  const nodes = parse(lex(template));
  const text = evaluate(nodes, data, { now, skipped });
  return { text, skipped };
}

interface Run {
  now: ZonedTime;
  skipped: string[];
}

// Splits into text and action sources, applying `{{-` and `-}}` trims and dropping comments.
function lex(template: string): { text?: string; action?: string }[] {
  const out: { text?: string; action?: string }[] = [];
  let at = 0;
  let trimNext = false;
  while (at < template.length) {
    const open = template.indexOf('{{', at);
    let text = template.slice(at, open === -1 ? undefined : open);
    if (trimNext) text = text.replace(/^\s+/, '');
    if (open === -1) {
      out.push({ text });
      break;
    }
    const trimBefore = /^\{\{- /.test(template.slice(open, open + 4));
    if (trimBefore) text = text.replace(/\s+$/, '');
    out.push({ text });
    const start = open + (trimBefore ? 4 : 2);
    const comment = /^\s*\/\*/.test(template.slice(start));
    const close = comment ? template.indexOf('*/', start) + 2 : findClose(template, start);
    const end = template.indexOf('}}', Math.max(close, start));
    if (close < 2 || end === -1) throw new TemplateUnsupported('an action without its closing }}');
    let source = template.slice(start, end);
    trimNext = / -$/.test(source);
    if (trimNext) source = source.slice(0, -2);
    if (!comment) out.push({ action: source.trim() });
    at = end + 2;
  }
  return out;
}

// The index of the `}}` closing an action at `from`, skipping `}}` inside quoted strings.
function findClose(template: string, from: number): number {
  let quote: string | null = null;
  for (let i = from; i < template.length; i++) {
    const c = template[i]!;
    if (quote) {
      if (c === '\\' && quote === '"') i++;
      else if (c === quote) quote = null;
    } else if (c === '"' || c === '`') quote = c;
    else if (template.startsWith('}}', i)) return i;
  }
  return -1;
}

function parse(tokens: { text?: string; action?: string }[]): Node[] {
  let at = 0;
  const block = (inside: boolean): { nodes: Node[]; ended: 'end' | 'else' | null } => {
    const nodes: Node[] = [];
    while (at < tokens.length) {
      const token = tokens[at++]!;
      if (token.text !== undefined) {
        if (token.text) nodes.push({ type: 'text', text: token.text });
        continue;
      }
      const source = token.action!;
      if (BLOCKS.test(source)) throw new TemplateUnsupported(source.split(/\s/)[0]!);
      if (source === 'end' || source === 'else') {
        if (!inside) throw new TemplateUnsupported(source);
        return { nodes, ended: source };
      }
      const opener = /^(if|with)\s+([\s\S]+)$/.exec(source);
      if (opener) {
        const then = block(true);
        let otherwise: Node[] = [];
        if (then.ended === 'else') otherwise = block(true).nodes;
        else if (then.ended !== 'end') throw new TemplateUnsupported(`${opener[1]} without end`);
        nodes.push({
          type: opener[1] as 'if' | 'with',
          source: opener[2]!,
          then: then.nodes,
          otherwise,
        });
        continue;
      }
      if (/^else\s/.test(source)) throw new TemplateUnsupported(source);
      nodes.push({ type: 'action', source });
    }
    return { nodes, ended: null };
  };
  return block(false).nodes;
}

function evaluate(nodes: Node[], dot: TemplateValue, run: Run): string {
  let out = '';
  for (const node of nodes) {
    if (node.type === 'text') out += node.text;
    else if (node.type === 'action') {
      if (/^\$\w*\s*:?=/.test(node.source)) throw new TemplateUnsupported('variables');
      try {
        out += show(pipeline(node.source, dot, run));
      } catch (err) {
        if (!(err instanceof TemplateUnsupported)) throw err;
        run.skipped.push(node.source);
      }
    } else {
      const value = pipeline(node.source, dot, run);
      const taken = truthy(value);
      out += evaluate(
        taken ? node.then : node.otherwise,
        node.type === 'with' && taken ? value : dot,
        run,
      );
    }
  }
  return out;
}

function show(value: TemplateValue): string {
  if (value === null || value === undefined) return '';
  if (isTime(value)) return formatGoTime(value, '2006-01-02 15:04:05.000000000 -0700 MST');
  if (Array.isArray(value)) return `[${value.map(show).join(' ')}]`;
  if (typeof value === 'object') throw new TemplateUnsupported('printing a map');
  return String(value);
}

// ---- pipelines ----

type Token = { kind: 'string' | 'number' | 'word' | 'field' | '(' | ')' | '|'; text: string };

function tokenize(source: string): Token[] {
  const tokens: Token[] = [];
  const re =
    /\s*(?:("(?:[^"\\]|\\.)*")|(`[^`]*`)|(-?\d+(?:\.\d+)?)|(\.[\w.]*)|([A-Za-z_][\w]*(?:\.[A-Za-z_]\w*)*)|([()|]))/y;
  let at = 0;
  while (at < source.length) {
    if (/^\s*$/.test(source.slice(at))) break;
    re.lastIndex = at;
    const m = re.exec(source);
    if (!m) throw new TemplateUnsupported(source);
    at = re.lastIndex;
    if (m[1]) tokens.push({ kind: 'string', text: JSON.parse(m[1]) as string });
    else if (m[2]) tokens.push({ kind: 'string', text: m[2].slice(1, -1) });
    else if (m[3]) tokens.push({ kind: 'number', text: m[3] });
    else if (m[4]) tokens.push({ kind: 'field', text: m[4] });
    else if (m[5]) tokens.push({ kind: 'word', text: m[5] });
    else tokens.push({ kind: m[6] as '(' | ')' | '|', text: m[6]! });
  }
  return tokens;
}

function pipeline(source: string, dot: TemplateValue, run: Run): TemplateValue {
  const tokens = tokenize(source);
  let at = 0;
  const parsePipe = (): TemplateValue => {
    let value = command(undefined, false);
    while (tokens[at]?.kind === '|') {
      at++;
      value = command(value, true);
    }
    return value;
  };
  const operand = (): TemplateValue => {
    const token = tokens[at++];
    if (!token) throw new TemplateUnsupported(source);
    if (token.kind === 'string') return token.text;
    if (token.kind === 'number') return Number(token.text);
    if (token.kind === 'field') return fieldOf(dot, token.text, source);
    if (token.kind === '(') {
      const value = parsePipe();
      if (tokens[at++]?.kind !== ')') throw new TemplateUnsupported(source);
      return value;
    }
    if (token.kind === 'word') return call(token.text, [], source, run);
    throw new TemplateUnsupported(source);
  };
  const command = (piped: TemplateValue | undefined, hasPiped: boolean): TemplateValue => {
    const head = tokens[at];
    if (!head) throw new TemplateUnsupported(source);
    if (head.kind !== 'word') {
      if (hasPiped) throw new TemplateUnsupported(source);
      return operand();
    }
    at++;
    const args: TemplateValue[] = [];
    while (at < tokens.length && tokens[at]!.kind !== '|' && tokens[at]!.kind !== ')')
      args.push(operand());
    if (hasPiped) args.push(piped);
    return call(head.text, args, source, run);
  };
  const value = parsePipe();
  if (at !== tokens.length) throw new TemplateUnsupported(source);
  return value;
}

function fieldOf(dot: TemplateValue, chain: string, source: string): TemplateValue {
  let value = dot;
  for (const name of chain.split('.').filter(Boolean)) {
    if (!value || typeof value !== 'object' || Array.isArray(value) || isTime(value))
      throw new TemplateUnsupported(source);
    const key = Object.keys(value).find((k) => k.toLowerCase() === name.toLowerCase());
    if (key === undefined) throw new TemplateUnsupported(source);
    value = (value as Record<string, TemplateValue>)[key];
  }
  return value;
}

// A function (`replace`), or `now` and a method of a time (`now.Format "2006"`, `now.Year`).
function call(name: string, args: TemplateValue[], source: string, run: Run): TemplateValue {
  const [base, ...methods] = name.split('.');
  if (base === 'now') {
    let value: TemplateValue = run.now;
    for (const method of methods) value = timeMethod(value, method, args, source);
    return value;
  }
  const fn = templateFunctions[name.toLowerCase()];
  if (!fn) throw new TemplateUnsupported(source);
  return fn(args, source);
}

function timeMethod(
  value: TemplateValue,
  method: string,
  args: TemplateValue[],
  source: string,
): TemplateValue {
  if (!isTime(value)) throw new TemplateUnsupported(source);
  const wall = (layout: string) => formatGoTime(value, layout);
  switch (method) {
    case 'Format':
      if (typeof args[0] !== 'string') throw new TemplateUnsupported(source);
      return wall(args[0]);
    case 'Year':
      return Number(wall('2006'));
    case 'Month':
      return wall('January');
    case 'Day':
      return Number(wall('2'));
    case 'Unix':
      return Math.floor(value.date.getTime() / 1000);
    case 'String':
      return show(value);
    default:
      throw new TemplateUnsupported(source);
  }
}

/** `.Date` of an archetype: the time as Go's RFC 3339 layout writes it. */
export function rfc3339(time: ZonedTime): string {
  return formatGoTime(time, RFC3339);
}
