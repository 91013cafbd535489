// Hugo itself checks the engine: after scripted edits, `hugo list all` must show exactly the intended changes.
import { execFileSync } from 'node:child_process';
import {
  cpSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  writeFileSync,
  existsSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createDocument, parseDocument, updateDocument } from '../../shared/frontmatter/index.ts';
import type { FrontMatterData, FrontMatterFormat } from '../../shared/frontmatter/index.ts';
import { describeWithTool } from '../support/requireTool.ts';
import { TRICKY_STRINGS } from '../unit/frontmatter/arbitraries.ts';

const SITE = resolve(import.meta.dirname, '../../content');
const HUGO = process.env.HUGO_BIN ?? '/usr/bin/hugo';
const COLUMNS = [
  'path',
  'slug',
  'title',
  'date',
  'expiryDate',
  'publishDate',
  'draft',
  'permalink',
] as const;
type Row = Record<(typeof COLUMNS)[number], string>;

/** Parses RFC 4180 CSV as Go's encoding/csv writes it (quotes doubled inside quoted fields). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(field);
      field = '';
    } else if (ch === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else if (ch !== '\r') field += ch;
  }
  if (field !== '' || row.length > 0) rows.push([...row, field]);
  return rows;
}

function listAll(hugo: string, site: string): Map<string, Row> {
  const csv = execFileSync(hugo, ['list', 'all', '--source', site], {
    cwd: site,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const [header, ...rows] = parseCsv(csv);
  expect(header).toEqual([...COLUMNS]);
  return new Map(
    rows.map((cells) => [
      cells[0] as string,
      Object.fromEntries(COLUMNS.map((c, i) => [c, cells[i] ?? ''])) as Row,
    ]),
  );
}

function build(hugo: string, site: string, out: string): void {
  execFileSync(hugo, ['--source', site, '--destination', out, '--buildDrafts', '--quiet'], {
    cwd: site,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

function hasTermPage(out: string, term: string): boolean {
  return (readdirSync(out, { recursive: true }) as string[]).some(
    (p) => p.split(/[\\/]/).slice(-3).join('/') === `tags/${term}/index.html`,
  );
}

interface Post {
  file: string;
  path: string;
  format: FrontMatterFormat;
  data: FrontMatterData;
}

function nextDay(date: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})(.*)$/.exec(date);
  if (!m) throw new Error(`Not a date: ${date}`);
  const day = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]) + 1));
  return `${day.toISOString().slice(0, 10)}${m[4]}`;
}

describeWithTool(HUGO, 'Hugo reads what Folio writes', (hugo) => {
  let work: string;
  let site: string;
  let posts: Post[];

  beforeAll(() => {
    work = mkdtempSync(join(tmpdir(), 'folio-hugo-'));
    site = join(work, 'site');
    cpSync(SITE, site, { recursive: true });
    const root = join(site, 'content');
    posts = (readdirSync(root, { recursive: true }) as string[])
      .filter((p) => p.endsWith('.md') && !/(^|[\\/])_index\./.test(p))
      .sort()
      .map((p) => {
        const file = join(root, p);
        const parsed = parseDocument(readFileSync(file, 'utf8'));
        return {
          file,
          path: relative(site, file).split('\\').join('/'),
          format: parsed.format,
          data: parsed.data,
        };
      });
  });

  afterAll(() => {
    if (work) rmSync(work, { recursive: true, force: true });
  });

  it('sees exactly the intended changes after scripted edits, and nothing else', () => {
    expect(existsSync(join(site, 'hugo.toml')) || existsSync(join(site, 'config.toml'))).toBe(true);
    const used = new Set<string>();
    const pick = (why: string, test: (post: Post) => boolean): Post => {
      const post = posts.find((p) => !used.has(p.file) && test(p));
      if (!post) throw new Error(`The sample site under content/ needs a post that ${why}.`);
      used.add(post.file);
      return post;
    };
    const yamlDraft = pick(
      'has YAML front matter and a boolean draft',
      (p) => p.format === 'yaml' && typeof p.data.draft === 'boolean',
    );
    const tomlTitle = pick(
      'has TOML front matter and a title',
      (p) => p.format === 'toml' && typeof p.data.title === 'string',
    );
    const tagged = pick(
      'has a list of tags',
      (p) => Array.isArray(p.data.tags) && p.data.tags.length > 0,
    );
    const dated = pick(
      'has a date with a UTC offset',
      (p) => typeof p.data.date === 'string' && /[+-]\d\d:\d\d$/.test(p.data.date),
    );

    const before = listAll(hugo, site);
    expect(before.size).toBe(posts.length);
    const out1 = join(work, 'out1');
    build(hugo, site, out1);
    const tag = 'folio-agreement';
    expect(hasTermPage(out1, tag)).toBe(false);

    const expected = new Map([...before].map(([path, row]) => [path, { ...row }]));
    const apply = (
      post: Post,
      change: (data: FrontMatterData) => void,
      columns: Partial<Row>,
    ): void => {
      const text = readFileSync(post.file, 'utf8');
      const parsed = parseDocument(text);
      const data = structuredClone(parsed.data);
      change(data);
      const next = updateDocument(text, data, parsed.body);
      expect(next).not.toBe(text);
      writeFileSync(post.file, next);
      Object.assign(expected.get(post.path) as Row, columns);
    };

    const wasDraft = yamlDraft.data.draft as boolean;
    apply(yamlDraft, (d) => (d.draft = !wasDraft), { draft: String(!wasDraft) });
    const title = `${tomlTitle.data.title as string} — editado pelo Folio, "com aspas"`;
    apply(tomlTitle, (d) => (d.title = title), { title });
    apply(tagged, (d) => (d.tags as string[]).push(tag), {});
    const date = nextDay(dated.data.date as string);
    const hasPublishDate = ['publishDate', 'pubdate', 'published'].some((k) =>
      Object.keys(dated.data).some((key) => key.toLowerCase() === k.toLowerCase()),
    );
    apply(dated, (d) => (d.date = date), hasPublishDate ? { date } : { date, publishDate: date });

    const after = listAll(hugo, site);
    expect([...after.keys()].sort()).toEqual([...expected.keys()].sort());
    for (const [path, row] of expected) expect(after.get(path), path).toEqual(row);

    const out2 = join(work, 'out2');
    build(hugo, site, out2);
    expect(hasTermPage(out2, tag)).toBe(true);
  });
});

describeWithTool(HUGO, 'Hugo reads tricky values exactly as Folio meant them', (hugo) => {
  let work: string;

  afterAll(() => {
    if (work) rmSync(work, { recursive: true, force: true });
  });

  it('gets back every tricky title, written new or edited in place, in YAML, TOML and JSON', () => {
    work = mkdtempSync(join(tmpdir(), 'folio-hugo-values-'));
    writeFileSync(join(work, 'hugo.toml'), 'baseURL = "https://example.org/"\ntitle = "values"\n');
    mkdirSync(join(work, 'content'));
    const expected = new Map<string, string>();
    // Hugo trims titles and cannot show a title that is only blank; Folio still writes them faithfully.
    const titles = TRICKY_STRINGS.filter((t) => t.trim() !== '' && t === t.trim());
    const formats = ['yaml', 'toml', 'json'] as const;
    titles.forEach((title, i) => {
      for (const format of formats) {
        const created = `content/new-${format}-${i}.md`;
        const edited = `content/edit-${format}-${i}.md`;
        const seed = createDocument(
          format,
          { title: 'seed', date: '2025-04-18T10:00:00-06:00', draft: false },
          'Body\n',
        );
        const parsed = parseDocument(seed);
        for (const [path, text] of [
          [created, createDocument(format, { title, draft: false }, 'Body\n')],
          [edited, updateDocument(seed, { ...parsed.data, title }, parsed.body)],
        ] as const) {
          writeFileSync(join(work, path), text, { flag: 'w' });
          expected.set(path, title);
        }
      }
    });
    const rows = listAll(hugo, work);
    expect(rows.size).toBe(expected.size);
    const mismatches = [...expected].filter(([path, title]) => rows.get(path)?.title !== title);
    expect(
      mismatches.map(([path, title]) => ({ path, wrote: title, hugoRead: rows.get(path)?.title })),
    ).toEqual([]);
  });
});
