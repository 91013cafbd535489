import { spawn, execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** Size of a generated benchmark site. */
export interface SiteShape {
  posts: number;
  commits: number;
  /** Images in static/ and assets/ (the media library's load); two per post by default. */
  images?: number;
}

// One tiny PNG shared by every generated image (the library lists paths; it never reads them).
const PNG_1X1 = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);

/** Path of generated image `i`: three in four in static/images/, the rest in assets/images/. */
export function imagePath(i: number): string {
  return i % 4 === 3
    ? `assets/images/gallery-${i % 20}/shot-${i}.png`
    : `static/images/${2000 + (i % 50)}/photo-${i}.png`;
}

const TAGS = [
  'openstack',
  'kubernetes',
  'ceph',
  'hugo',
  'git',
  'linux',
  'ai',
  'community',
  'security',
  'events',
  'rust',
  'go',
];
const CATEGORIES = ['events', 'engineering', 'releases', 'tutorials', 'news'];
/** The generated commits' authors. */
export const EDITORS = [
  { name: 'Ana Souza', email: 'ana@example.com' },
  { name: 'Bruno Lima', email: 'bruno@example.com' },
  { name: 'Carla Ruiz', email: 'carla@example.com' },
  { name: 'Dev Patel', email: 'dev@example.com' },
];
const WORDS =
  'open source infrastructure community cloud release editor site commit branch kernel cluster storage network deploy build test review merge'.split(
    ' ',
  );

/** A small deterministic PRNG (mulberry32) so that every run generates the same site. */
export function prng(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** One of `items`, chosen by `rand`. */
export function pick<T>(rand: () => number, items: readonly T[]): T {
  return items[Math.floor(rand() * items.length)]!;
}

/** Path of post `i`: every fifth post is a page bundle, every seventh uses TOML. */
export function postPath(i: number): string {
  const slug = `post-${String(i).padStart(6, '0')}`;
  const ext = 'md';
  return i % 5 === 0 ? `content/posts/${slug}/index.${ext}` : `content/posts/${slug}.${ext}`;
}

function postText(i: number, revision: number, rand: () => number): string {
  const title = `Post ${i}: ${pick(rand, WORDS)} ${pick(rand, WORDS)} (rev ${revision})`;
  const day = 1 + (i % 28);
  const month = 1 + (i % 12);
  const date = `202${3 + (i % 3)}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}T10:00:00-03:00`;
  const tags = [pick(rand, TAGS), pick(rand, TAGS)].filter((t, k, all) => all.indexOf(t) === k);
  const flags = { draft: rand() < 0.1, featured: rand() < 0.15, pinned: rand() < 0.03 };
  const body = Array.from({ length: 3 + Math.floor(rand() * 4) }, () =>
    Array.from({ length: 40 }, () => pick(rand, WORDS)).join(' '),
  ).join('\n\n');
  if (i % 7 === 0) {
    return `+++\ntitle = "${title}"\ndate = ${date}\ndraft = ${flags.draft}\nfeatured = ${flags.featured}\npinned = ${flags.pinned}\n# toc = false\ntags = [${tags.map((t) => `"${t}"`).join(', ')}]\ncategories = ["${pick(rand, CATEGORIES)}"]\nauthors = ["${pick(rand, EDITORS).name}"]\n+++\n\n${body}\n`;
  }
  return `---\ntitle: "${title}"\ndate: ${date}\ndraft: ${flags.draft}\nfeatured: ${flags.featured}\npinned: ${flags.pinned}\n# comment: true\ntags:\n${tags.map((t) => `  - ${t}`).join('\n')}\ncategories:\n  - ${pick(rand, CATEGORIES)}\nauthors:\n  - ${pick(rand, EDITORS).name}\n---\n\n${body}\n`;
}

/**
 * Generates (or reuses) a Hugo-style repository with `posts` posts and `commits` commits through
 * `git fast-import`: posts are added 100 per commit, then each commit changes 1-3 posts.
 */
export async function generateSite(
  root: string,
  shape: SiteShape,
  log: (line: string) => void,
): Promise<string> {
  const images = shape.images ?? shape.posts * 2;
  const dir = join(root, `site-${shape.posts}p-${shape.commits}c-${images}i`);
  const stamp = join(dir, '.git', 'folio-bench-complete');
  if (existsSync(stamp)) return dir;
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  execFileSync('git', ['init', '-q', '-b', 'main', dir]);
  const rand = prng(42);
  const importer = spawn('git', ['fast-import', '--quiet', '--done'], {
    cwd: dir,
    stdio: ['pipe', 'inherit', 'inherit'],
  });
  const done = new Promise<void>((resolve, reject) =>
    importer.on('exit', (code) =>
      code === 0 ? resolve() : reject(new Error(`git fast-import exited with ${code}`)),
    ),
  );
  const revisions = new Array<number>(shape.posts).fill(0);
  const addCommits = Math.ceil(shape.posts / 100);
  const total = Math.max(shape.commits, addCommits + 1);
  let time = 1_600_000_000;
  const write = (chunk: string): Promise<void> =>
    importer.stdin.write(chunk)
      ? Promise.resolve()
      : new Promise((resolve) => importer.stdin.once('drain', () => resolve()));
  // The image blob, once (mark :1); each add commit then names 2 per post of it.
  await new Promise<void>((resolve) =>
    importer.stdin.write(
      Buffer.concat([
        Buffer.from(`blob\nmark :1\ndata ${PNG_1X1.length}\n`),
        PNG_1X1,
        Buffer.from('\n'),
      ]),
      () => resolve(),
    ),
  );
  const perCommit = Math.ceil(images / addCommits);
  const hugo = '+++\ntitle = "Bench site"\nbaseURL = "https://example.org/"\n+++\n';
  for (let c = 0; c < total; c++) {
    const editor = pick(rand, EDITORS);
    time += 60 + Math.floor(rand() * 3600);
    const files: string[] = [];
    let message: string;
    if (c < addCommits) {
      for (let i = c * 100; i < Math.min(shape.posts, (c + 1) * 100); i++) files.push(postFile(i));
      for (let k = c * perCommit; k < Math.min(images, (c + 1) * perCommit); k++)
        files.push(`M 100644 :1 ${imagePath(k)}\n`);
      if (c === 0) files.push(inline('hugo.toml', hugo.replace(/^\+\+\+\n|\+\+\+\n$/g, '')));
      message = `Add posts ${c * 100}-${Math.min(shape.posts, (c + 1) * 100) - 1}`;
    } else {
      const n = 1 + Math.floor(rand() * 3);
      for (let k = 0; k < n; k++) {
        const i = Math.floor(rand() * shape.posts);
        revisions[i]! += 1;
        files.push(postFile(i));
      }
      message = `Update ${n} post${n > 1 ? 's' : ''}`;
    }
    const msg = Buffer.byteLength(message);
    await write(
      `commit refs/heads/main\nauthor ${editor.name} <${editor.email}> ${time} +0000\ncommitter ${editor.name} <${editor.email}> ${time} +0000\ndata ${msg}\n${message}\n${files.join('')}\n`,
    );
    if (c % 1000 === 999) log(`  generated ${c + 1}/${total} commits`);
  }
  await write('done\n');
  importer.stdin.end();
  await done;
  execFileSync('git', ['checkout', '-q', '-f', 'main'], { cwd: dir });
  log('  repacking');
  execFileSync('git', ['repack', '-adq'], { cwd: dir });
  writeFileSync(stamp, JSON.stringify(shape));
  return dir;

  function postFile(i: number): string {
    return inline(postPath(i), postText(i, revisions[i] ?? 0, rand));
  }
}

function inline(path: string, text: string): string {
  return `M 100644 inline ${path}\ndata ${Buffer.byteLength(text)}\n${text}\n`;
}

/** Reads the shape a generated site was made with. */
export function readShape(dir: string): SiteShape {
  return JSON.parse(readFileSync(join(dir, '.git', 'folio-bench-complete'), 'utf8')) as SiteShape;
}
