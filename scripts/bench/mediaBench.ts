// The media library's reads at the bench's size (10,000 posts, 20,000 images by default): the
// first page, a search by name and a folder filter, each beside native git listing the same
// folders.
import { type BenchServer, expectStatus } from './client.ts';
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
): Promise<MediaRow[]> {
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
  ];
}
