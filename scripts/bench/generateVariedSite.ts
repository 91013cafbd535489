// The bench's second corpus: a site shaped unlike generateSite's (longer bodies in Markdown, a
// large tag vocabulary, more TOML with tables, deep section folders, page bundles with
// resources, translations as `.pt.md` / `.es.md` suffixes, typographic punctuation, and a few
// huge posts), so that a cost the first corpus hides (text size, two-byte strings, nested front
// matter, many tags per post) shows in the figures.
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { EDITORS, pick, prng, type SiteShape } from './generateSite.ts';

const SECTIONS = ['blog', 'docs', 'news', 'events', 'tutorials', 'releases'] as const;
const DOC_AREAS = ['platform', 'storage', 'network', 'security', 'compute', 'tooling', 'data'];
const CITIES = ['sao-paulo', 'lisboa', 'madrid', 'berlin', 'nairobi', 'tokyo', 'austin'];
const BASE_WORDS =
  'open source infrastructure community cloud release editor site commit branch kernel cluster storage network deploy build test review merge container operator controller scheduler volume snapshot replica gateway ingress policy token secret certificate upgrade rollback pipeline runner artifact registry mirror cache index query shard tenant quota latency throughput benchmark profile trace metric alert dashboard incident postmortem roadmap sprint backlog maintainer contributor mentor workshop meetup conference keynote panel'.split(
    ' ',
  );
const ACCENTED =
  'implantação configuração não também próxima versão atualização segurança comunidade código documentação contribuição instalación configuración también próxima versión actualización seguridad comunidad código documentación contribución rápido fácil área público'.split(
    ' ',
  );
const SYLLABLES = 'ka lo mi su te ra vin dor pel qua zen tor bis fal gri mon nex ost plu rem'.split(
  ' ',
);

/** The site's tags: 160 of them (the first corpus has 12), `kubernetes` among them for the filter row. */
export const VARIED_TAGS: readonly string[] = [
  'kubernetes',
  ...BASE_WORDS.slice(0, 60),
  ...Array.from({ length: 99 }, (_, k) => `topic-${SYLLABLES[k % 20]}${SYLLABLES[(k * 7) % 20]}`),
];

// Pseudo-words (a few thousand, drawn with a skew as real text is) so that bodies are not 20 words repeated.
const VOCABULARY: readonly string[] = [
  ...BASE_WORDS,
  ...Array.from(
    { length: 3000 },
    (_, k) => SYLLABLES[k % 20]! + SYLLABLES[Math.floor(k / 20) % 20]! + SYLLABLES[(k * 13) % 17]!,
  ),
];

/** Where post `i` lives: deep section folders, one name in four a bundle, two in nine a translation. */
export function variedPostPath(i: number): string {
  const lang = i % 9 === 1 ? '.pt' : i % 9 === 2 ? '.es' : '';
  const base = i - (lang ? i % 9 : 0); // a translation sits beside the post it translates
  const section = SECTIONS[base % SECTIONS.length]!;
  const year = 2019 + (base % 7);
  const month = String(1 + (base % 12)).padStart(2, '0');
  const dir =
    section === 'docs'
      ? `content/docs/${DOC_AREAS[base % DOC_AREAS.length]}/guide-${base % 11}/part-${base % 5}`
      : section === 'events'
        ? `content/events/${year}/${CITIES[base % CITIES.length]}`
        : section === 'news'
          ? `content/news/${year}`
          : `content/${section}/${year}/${month}`;
  const slug = `${section}-${String(base).padStart(6, '0')}`;
  return base % 4 === 0 ? `${dir}/${slug}/index${lang}.md` : `${dir}/${slug}${lang}.md`;
}

function word(rand: () => number, lang: boolean): string {
  if (lang && rand() < 0.12) return pick(rand, ACCENTED);
  return VOCABULARY[Math.floor(VOCABULARY.length * rand() ** 3)]!;
}

function sentence(rand: () => number, lang: boolean, typographic: boolean): string {
  const words = Array.from({ length: 8 + Math.floor(rand() * 18) }, () => word(rand, lang));
  words[0] = words[0]!.charAt(0).toUpperCase() + words[0]!.slice(1);
  if (typographic && rand() < 0.3) words.splice(3, 0, '—');
  if (typographic && rand() < 0.2) words[5] = `“${words[5] ?? 'x'}”`;
  return `${words.join(' ')}.`;
}

// A Markdown body: headings, paragraphs, lists, code, links and images; `huge` posts run to 150-400 KB.
function body(i: number, rand: () => number, huge: boolean): string {
  const lang = i % 9 === 1 || i % 9 === 2;
  const typographic = i % 3 !== 0;
  const target = huge ? 150_000 + rand() * 250_000 : 2_000 + rand() ** 2 * 14_000;
  const parts: string[] = [];
  let size = 0;
  for (let k = 0; size < target; k++) {
    const kind = rand();
    let part: string;
    if (k % 6 === 0) part = `## ${sentence(rand, lang, false).slice(0, 40)}`;
    else if (kind < 0.12)
      part = Array.from(
        { length: 3 + Math.floor(rand() * 4) },
        () => `- ${sentence(rand, lang, false)}`,
      ).join('\n');
    else if (kind < 0.18)
      part = `\`\`\`yaml\napiVersion: v1\nkind: ${pick(rand, BASE_WORDS)}\nmetadata:\n  name: ${pick(rand, BASE_WORDS)}-${k}\n\`\`\``;
    else if (kind < 0.24)
      part = `See [${pick(rand, BASE_WORDS)}](https://example.org/${pick(rand, BASE_WORDS)}/${k}) and ![${pick(rand, BASE_WORDS)}](cover.png "figure ${k}").`;
    else
      part = Array.from({ length: 3 + Math.floor(rand() * 5) }, () =>
        sentence(rand, lang, typographic),
      ).join(' ');
    parts.push(part);
    size += part.length + 2;
  }
  return parts.join('\n\n');
}

function postText(i: number, revision: number, rand: () => number): string {
  const title = `${sentence(rand, i % 9 !== 0, false)
    .slice(0, 60)
    .replace(/"/g, '')} (${i}, rev ${revision})`;
  const date = `${2019 + (i % 7)}-${String(1 + (i % 12)).padStart(2, '0')}-${String(1 + (i % 28)).padStart(2, '0')}T09:30:00Z`;
  const tagCount = 3 + Math.floor(rand() * 7);
  const tags = Array.from({ length: tagCount }, () => pick(rand, VARIED_TAGS)).filter(
    (t, k, all) => all.indexOf(t) === k,
  );
  const categories = [pick(rand, SECTIONS), pick(rand, DOC_AREAS)];
  const authors = [pick(rand, EDITORS).name, ...(rand() < 0.3 ? [pick(rand, EDITORS).name] : [])];
  const flags = { draft: rand() < 0.08, featured: rand() < 0.2 };
  const description = sentence(rand, false, false);
  const text = body(i, rand, i % 250 === 17);
  const weight = Math.floor(rand() * 100);
  if (i % 3 === 0) {
    const list = (xs: string[]) => `[${xs.map((x) => `"${x}"`).join(', ')}]`;
    return `+++\ntitle = "${title}"\ndate = ${date}\nlastmod = ${date}\ndraft = ${flags.draft}\nfeatured = ${flags.featured}\nweight = ${weight}\ndescription = "${description}"\ntags = ${list(tags)}\ncategories = ${list(categories)}\nauthors = ${list(authors)}\naliases = ["/old/${i}/"]\n\n[params]\ntoc = true\nmath = ${i % 2 === 0}\n\n[[resources]]\nsrc = "cover.png"\ntitle = "Cover of ${i}"\n+++\n\n${text}\n`;
  }
  const yamlList = (key: string, xs: string[]) =>
    `${key}:\n${xs.map((x) => `  - ${x}`).join('\n')}`;
  return `---\ntitle: "${title}"\ndate: ${date}\nlastmod: ${date}\ndraft: ${flags.draft}\nfeatured: ${flags.featured}\nweight: ${weight}\ndescription: >-\n  ${description}\n${yamlList('tags', tags)}\n${yamlList('categories', categories)}\n${yamlList('authors', authors)}\nseries: ${pick(rand, BASE_WORDS)}\nparams:\n  toc: true\n  cover:\n    image: cover.png\n    alt: "Cover of ${i}"\n---\n\n${text}\n`;
}

/**
 * Generates (or reuses) the second corpus through `git fast-import`: `posts` posts added 100 per
 * commit, then 1-3 posts rewritten per commit up to `commits`, repacked with `git repack -ad`;
 * every bundle holds one image. Returns the repository's path.
 */
export async function generateVariedSite(
  root: string,
  shape: SiteShape,
  log: (line: string) => void,
): Promise<string> {
  const dir = join(root, `varied-${shape.posts}p-${shape.commits}c`);
  const stamp = join(dir, '.git', 'folio-bench-complete');
  if (existsSync(stamp)) return dir;
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  execFileSync('git', ['init', '-q', '-b', 'main', dir]);
  const rand = prng(7);
  const importer = spawn('git', ['fast-import', '--quiet', '--done'], {
    cwd: dir,
    stdio: ['pipe', 'inherit', 'inherit'],
  });
  const done = new Promise<void>((resolve, reject) =>
    importer.on('exit', (code) =>
      code === 0 ? resolve() : reject(new Error(`git fast-import exited with ${code}`)),
    ),
  );
  const write = (chunk: string): Promise<void> =>
    importer.stdin.write(chunk)
      ? Promise.resolve()
      : new Promise((resolve) => importer.stdin.once('drain', () => resolve()));
  await write(`blob\nmark :1\ndata 8\nPNGBENCH\n`); // the bundles' one image (never read)
  const revisions = new Array<number>(shape.posts).fill(0);
  const addCommits = Math.ceil(shape.posts / 100);
  const total = Math.max(shape.commits, addCommits + 1);
  const config =
    'baseURL = "https://example.org/"\ntitle = "Varied bench site"\ndefaultContentLanguage = "en"\n\n[languages.en]\nweight = 1\n\n[languages.pt]\nweight = 2\n\n[languages.es]\nweight = 3\n';
  let time = 1_550_000_000;
  for (let c = 0; c < total; c++) {
    const editor = pick(rand, EDITORS);
    time += 60 + Math.floor(rand() * 3600);
    const files: string[] = [];
    let message: string;
    if (c < addCommits) {
      for (let i = c * 100; i < Math.min(shape.posts, (c + 1) * 100); i++) {
        files.push(postFile(i));
        const path = variedPostPath(i);
        if (path.endsWith('/index.md'))
          files.push(`M 100644 :1 ${path.replace(/index\.md$/, 'cover.png')}\n`);
      }
      if (c === 0) files.push(inline('hugo.toml', config));
      message = `Add posts ${c * 100}-${Math.min(shape.posts, (c + 1) * 100) - 1}`;
    } else {
      const n = 1 + Math.floor(rand() * 3);
      for (let k = 0; k < n; k++) {
        const i = Math.floor(rand() * shape.posts);
        revisions[i]! += 1;
        files.push(postFile(i));
      }
      message = `Revise ${n} page${n > 1 ? 's' : ''}`;
    }
    await write(
      `commit refs/heads/main\nauthor ${editor.name} <${editor.email}> ${time} +0000\ncommitter ${editor.name} <${editor.email}> ${time} +0000\ndata ${Buffer.byteLength(message)}\n${message}\n${files.join('')}\n`,
    );
    if (c % 1000 === 999) log(`  generated ${c + 1}/${total} commits (second corpus)`);
  }
  await write('done\n');
  importer.stdin.end();
  await done;
  execFileSync('git', ['checkout', '-q', '-f', 'main'], { cwd: dir });
  log('  repacking (second corpus)');
  execFileSync('git', ['repack', '-adq'], { cwd: dir });
  writeFileSync(stamp, JSON.stringify(shape));
  return dir;

  function postFile(i: number): string {
    return inline(variedPostPath(i), postText(i, revisions[i] ?? 0, rand));
  }
}

function inline(path: string, text: string): string {
  return `M 100644 inline ${path}\ndata ${Buffer.byteLength(text)}\n${text}\n`;
}
