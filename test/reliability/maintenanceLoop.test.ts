// Issue point 5: `git gc`, `git repack -ad` and `git prune-packed` running beside Folio must not
// fail a single save. prune-packed deletes loose objects that are in a pack and removes the fan-out
// folders (objects/XX) it empties, which races with Folio creating a loose object in that folder;
// repack -ad replaces the packs Folio reads from. Saves go through supertest against Folio in the
// test process while two loops of git maintenance run as child processes.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { entryUrl, openFolio } from '../support/siteFixture.ts';
import {
  byMode,
  gitAsync,
  gitTry,
  makePostsSite,
  markerBody,
  newSeed,
  Random,
  reachableCommits,
  repoProblems,
  timeoutFor,
} from './harness.ts';

const POSTS = 24;
const SEQUENTIAL = byMode(30, 400);
const GROUPS = byMode(6, 80);
const GROUP_SIZE = 6;

/** Git's maintenance commands, each loop running one after the other until stopped. */
const LOOPS: string[][][] = [
  [
    ['gc', '--quiet'],
    ['repack', '-a', '-d', '-q'],
  ],
  [['repack', '-d', '-q'], ['prune-packed'], ['prune-packed'], ['count-objects', '-v']],
];

function startMaintenance(repo: string) {
  let stopping = false;
  const runs = new Map<string, { ok: number; failed: number; lastError: string }>();
  const loops = LOOPS.map(async (commands) => {
    for (let i = 0; !stopping; i++) {
      const args = commands[i % commands.length]!;
      const result = await gitAsync(repo, args);
      const key = args.slice(0, 2).join(' ');
      const run = runs.get(key) ?? { ok: 0, failed: 0, lastError: '' };
      if (result.status === 0) run.ok++;
      else {
        run.failed++;
        run.lastError = result.stderr.split('\n')[0] ?? '';
      }
      runs.set(key, run);
    }
  });
  return {
    stop: async () => {
      stopping = true;
      await Promise.all(loops);
      return runs;
    },
  };
}

describe('git maintenance running beside Folio', () => {
  const cleanups: (() => void)[] = [];
  afterEach(() => {
    vi.restoreAllMocks();
    cleanups.splice(0).forEach((cleanup) => cleanup());
  });

  it(
    `${SEQUENTIAL} sequential and ${GROUPS}x${GROUP_SIZE} concurrent saves during gc / repack -ad / prune-packed: 0 failed`,
    async () => {
      const seed = newSeed();
      const rng = new Random(seed);
      const site = makePostsSite(POSTS);
      cleanups.push(site.cleanup);
      const repo = site.dir;
      gitTry(repo, ['gc', '--quiet']); // packed from the start, as a clone is
      const startCount = Number(gitTry(repo, ['rev-list', '--count', 'HEAD']).stdout);

      const logged: string[] = [];
      vi.spyOn(console, 'error').mockImplementation((...args: unknown[]) => {
        logged.push(args.map((a) => (a instanceof Error ? a.message : String(a))).join(' '));
      });
      const folio = await openFolio(repo);
      const bases = new Map<string, { frontMatter: Record<string, unknown>; oid: string }>();
      for (const id of site.ids) {
        const { body } = await folio.agent.get(entryUrl(id)).expect(200);
        bases.set(id, { frontMatter: body.frontMatter, oid: body.oid });
      }

      const failures: string[] = [];
      const acked: { id: string; marker: string; commit: string }[] = [];
      const last = new Map<string, string>();
      let saves = 0;
      const save = async (id: string): Promise<void> => {
        const marker = `m${saves++}`;
        const base = bases.get(id)!;
        const res = await folio.agent.put(entryUrl(id)).send({
          frontMatter: { ...base.frontMatter, title: `Title ${marker}` },
          body: markerBody(marker),
          baseOid: base.oid,
        });
        if (res.status === 200) {
          bases.set(id, { ...base, oid: res.body.oid });
          acked.push({ id, marker, commit: res.body.commit });
          last.set(id, marker);
          return;
        }
        const error = res.body?.error ?? {};
        failures.push(
          `${id}: ${res.status} ${error.code}${error.details?.reason ? `/${error.details.reason}` : ''}: ${error.message}`,
        );
      };

      const maintenance = startMaintenance(repo);
      const started = Date.now();
      for (let i = 0; i < SEQUENTIAL; i++) await save(site.ids[i % POSTS]!);
      for (let g = 0; g < GROUPS; g++)
        await Promise.all(rng.sample(site.ids, GROUP_SIZE).map(save));
      const elapsed = Date.now() - started;
      const runs = await maintenance.stop();

      const maintenanceLine = [...runs]
        .map(
          ([cmd, r]) =>
            `git ${cmd}: ${r.ok} ok${r.failed ? `, ${r.failed} failed (${r.lastError})` : ''}`,
        )
        .join('; ');
      const figures =
        `seed ${seed}: ${saves} saves in ${elapsed} ms, ${acked.length} answered 200, ` +
        `${failures.length} failed; ${maintenanceLine}`;
      console.log(`maintenance loop: ${figures}`);
      // The logged errors by kind: the temporary file's random name and the folder vary.
      const kinds = new Map<string, number>();
      for (const line of logged.filter((l) => /Unexpected error/.test(l))) {
        const kind = line.replace(/objects\/[0-9a-f]{2}\/tmp_obj_\S+/, 'objects/XX/tmp_obj_…');
        kinds.set(kind, (kinds.get(kind) ?? 0) + 1);
      }
      const errors = [...kinds].map(([kind, n]) => `${n}x ${kind.slice(0, 240)}`);
      expect(failures, `${figures}\nserver log: ${errors.join(' | ')}`).toEqual([]);

      const reachable = reachableCommits(repo);
      expect(acked.filter((a) => !reachable.has(a.commit)).map((a) => a.marker)).toEqual([]);
      expect(Number(gitTry(repo, ['rev-list', '--count', 'HEAD']).stdout)).toBe(
        startCount + acked.length,
      );
      for (const [id, marker] of last)
        expect(gitTry(repo, ['show', `HEAD:${id}`]).stdout).toContain(`[${marker}]`);
      expect(repoProblems(repo)).toEqual([]);
    },
    timeoutFor(60_000, 600_000),
  );
});
