import { slugify } from '../../../shared/slugify.ts';
import { TemplateUnsupported, type TemplateValue, truthy } from './templateValues.ts';

type TemplateFunction = (args: TemplateValue[], source: string) => TemplateValue;

// Words AP style keeps lower-case inside a title (Hugo's default titleCaseStyle).
const SMALL_WORDS = new Set(
  'a an and as at but by en for if in nor of on or per the to v vs via'.split(' '),
);

/** Hugo's `title` with its default AP style: each word capitalised, small words lower inside. */
export function apTitle(text: string): string {
  const words = text.split(/(\s+)/);
  const last = words.length - 1;
  return words
    .map((word, i) => {
      if (/^\s+$/.test(word) || !word) return word;
      if (i !== 0 && i !== last && SMALL_WORDS.has(word.toLowerCase())) return word.toLowerCase();
      return word.charAt(0).toUpperCase() + word.slice(1);
    })
    .join('');
}

function text(value: TemplateValue, source: string): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  throw new TemplateUnsupported(source);
}

function need(args: TemplateValue[], count: number, source: string): TemplateValue[] {
  if (args.length !== count) throw new TemplateUnsupported(source);
  return args;
}

/** The template functions Folio evaluates, by lower-case name, as Hugo defines them. */
export const templateFunctions: Record<string, TemplateFunction> = {
  replace: (args, source) => {
    const [s, old, next] = need(args, 3, source).map((a) => text(a, source)) as [
      string,
      string,
      string,
    ];
    return s.split(old).join(next);
  },
  title: (args, source) => apTitle(text(need(args, 1, source)[0], source)),
  upper: (args, source) => text(need(args, 1, source)[0], source).toUpperCase(),
  lower: (args, source) => text(need(args, 1, source)[0], source).toLowerCase(),
  humanize: (args, source) => {
    const s = text(need(args, 1, source)[0], source)
      .replace(/[-_]+/g, ' ')
      .trim();
    return s.charAt(0).toUpperCase() + s.slice(1).toLowerCase();
  },
  urlize: (args, source) => slugify(text(need(args, 1, source)[0], source)),
  trim: (args, source) => {
    const [s, cut] = need(args, 2, source).map((a) => text(a, source)) as [string, string];
    const set = new Set(cut);
    let from = 0;
    let to = s.length;
    while (from < to && set.has(s[from]!)) from++;
    while (to > from && set.has(s[to - 1]!)) to--;
    return s.slice(from, to);
  },
  default: (args, source) => {
    const [fallback, given] = need(args, 2, source);
    return truthy(given) ? given : fallback;
  },
  print: (args, source) => args.map((a) => text(a, source)).join(''),
  printf: (args, source) => {
    const [format, ...rest] = args;
    let k = 0;
    return text(format, source).replace(/%[sdv%]/g, (m) =>
      m === '%%' ? '%' : text(rest[k++], source),
    );
  },
  not: (args, source) => !truthy(need(args, 1, source)[0]),
  and: (args, source) => {
    if (!args.length) throw new TemplateUnsupported(source);
    return args.find((a) => !truthy(a)) ?? args[args.length - 1];
  },
  or: (args, source) => {
    if (!args.length) throw new TemplateUnsupported(source);
    return args.find((a) => truthy(a)) ?? args[args.length - 1];
  },
  eq: (args, source) => {
    if (args.length < 2) throw new TemplateUnsupported(source);
    return args.slice(1).some((a) => a === args[0]);
  },
  ne: (args, source) => {
    const [a, b] = need(args, 2, source);
    return a !== b;
  },
};
