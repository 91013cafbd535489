// A child process for crashPoints.test.ts: opens the repository with Folio's GitStore and saves the
// given files in one batch (one transaction per file, started in the same tick). With
// FOLIO_CRASH_AT set, Folio kills it with SIGKILL at that instant of the write.
import { readFileSync } from 'node:fs';
import { GitStore } from '../../server/git/GitStore.ts';
import { locateRepository } from '../../server/git/locateRepository.ts';

const [repo, spec] = process.argv.slice(2);
const files = JSON.parse(readFileSync(spec!, 'utf8')) as Record<string, string | null>;
const store = await GitStore.open(await locateRepository(repo!));
await Promise.all(
  Object.entries(files).map(([path, content]) =>
    store.transact(async () => {
      const entry =
        content === null
          ? null
          : { mode: '100644', oid: await store.objects.writeBlob(Buffer.from(content, 'utf8')) };
      return {
        plan: {
          changes: [{ path, entry }],
          message: `Save ${path}`,
          author: { name: 'Crash Test', email: 'crash@example.com' },
        },
        value: null,
      };
    }),
  ),
);
console.log('saved');
