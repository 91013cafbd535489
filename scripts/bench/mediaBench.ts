// The media library's reads at the bench's size (10,000 posts, 20,000 images by default): the
// first page, a search by name and a folder filter, each beside native git listing the same
// folders; and the entries using one image (`usedBy` of GET /api/media/detail), cold and warm,
// beside `git grep` of the content folder.
import { type BenchServer, expectStatus } from './client.ts';
import { imagePath } from './generateSite.ts';
import { type Sample, sh, timeRuns } from './measure.ts';

/** One row of the bench's table. */
export interface MediaRow {
  op: string;
  folio: Sample;
  native: Sample | null;
  nativeWhat: string;
}

/** Measures GET /api/media (list, search, folder) against `git ls-tree -r` of static/ and assets/. */
export async function measureMedia(
  s: BenchServer,
  nativeRepo: string,
  runs: number,
  samples: number,
  usingPost: string,
): Promise<MediaRow[]> {
  // Before anything asks who uses an image: the cold lookup must be the first after start.
  const usage = await prepareUsage(s, usingPost);
  const first = await s.call('GET', '/api/media?limit=60'); // builds the listing
  expectStatus(first, 200, 'media list');
  const names = ['photo-1234', 'shot-7', 'PHOTO-19999', 'gallery'];
  return [
    {
      op: 'media library first page (60)',
      folio: await timeRuns(samples, async () =>
        expectStatus(await s.call('GET', '/api/media?limit=60'), 200, 'media list'),
      ),
      native: await timeRuns(runs, () =>
        sh(nativeRepo, 'git ls-tree -r --name-only HEAD -- static assets content > /dev/null'),
      ),
      nativeWhat: 'ls-tree -r static assets content',
    },
    {
      op: 'media search by name',
      folio: await timeRuns(samples, async (i) =>
        expectStatus(
          await s.call('GET', `/api/media?limit=60&q=${names[Math.abs(i) % names.length]}`),
          200,
          'media search',
        ),
      ),
      native: await timeRuns(runs, (i) =>
        sh(
          nativeRepo,
          `git ls-tree -r --name-only HEAD -- static assets content | grep -i '${names[Math.abs(i) % names.length]}' > /dev/null || true`,
        ),
      ),
      nativeWhat: 'ls-tree -r, then grep -i',
    },
    {
      op: 'media folder filter',
      folio: await timeRuns(samples, async (i) =>
        expectStatus(
          await s.call(
            'GET',
            `/api/media?limit=60&folder=static/images/${2000 + (Math.abs(i) % 50)}`,
          ),
          200,
          'media folder',
        ),
      ),
      native: await timeRuns(runs, (i) =>
        sh(
          nativeRepo,
          `git ls-tree --name-only HEAD -- static/images/${2000 + (Math.abs(i) % 50)}/ > /dev/null`,
        ),
      ),
      nativeWhat: 'ls-tree folder',
    },
    ...(await measureUsage(s, nativeRepo, runs, samples, usage)),
  ];
}

/** Target of the warm `usedBy` lookup (GET /api/media/detail of an image one post uses), p95 in ms. */
export const WARM_USED_BY_TARGET_MS = 50;

interface Usage {
  image: string;
  post: string;
}

// The generated posts reference no image: one post gets `images: [<its site path>]` (one commit
// through PATCH, before the writes are measured), so exactly one entry uses it.
async function prepareUsage(s: BenchServer, post: string): Promise<Usage> {
  const image = imagePath(0); // static/images/2000/photo-0.png
  const res = await s.call('PATCH', `/api/entries/${encodeURIComponent(post)}`, {
    set: { images: [`/${image.slice('static/'.length)}`] },
    message: 'Bench: reference one image',
  });
  expectStatus(res, 200, 'reference an image');
  return { image, post };
}

// The first lookup reads and scans every entry's file (once per blob); later ones only resolve
// the references already kept. Cold is one sample: the first call after the server started.
async function measureUsage(
  s: BenchServer,
  nativeRepo: string,
  runs: number,
  samples: number,
  { image, post }: Usage,
): Promise<MediaRow[]> {
  const detail = async () => {
    const res = await s.call('GET', `/api/media/detail/${image}`);
    expectStatus(res, 200, 'media detail');
    const usedBy = (res.json as { usedBy?: string[] }).usedBy ?? [];
    if (usedBy.length !== 1 || usedBy[0] !== post)
      throw new Error(`media detail: expected usedBy [${post}], got ${JSON.stringify(usedBy)}`);
  };
  const name = image.slice(image.lastIndexOf('/') + 1);
  const grep = () => sh(nativeRepo, `git grep -l -F '${name}' HEAD -- content > /dev/null || true`);
  return [
    {
      op: 'media usedBy, cold (first after start)',
      folio: await timeRuns(1, detail, 0),
      native: await timeRuns(runs, grep),
      nativeWhat: 'git grep -l content',
    },
    {
      op: `media usedBy, warm (target p95 < ${WARM_USED_BY_TARGET_MS} ms)`,
      folio: await timeRuns(samples, detail),
      native: await timeRuns(runs, grep),
      nativeWhat: 'git grep -l content',
    },
  ];
}
