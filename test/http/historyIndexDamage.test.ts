import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { CommitListSchema } from '../../shared/api/contract.ts';
import { serializeLogLine } from '../../server/git/historyIndexLog.ts';
import { commitOutside, makeFixtureRepo } from '../support/fixtureRepo.ts';
import { gitCli } from '../support/gitCli.ts';
import { openShape } from '../support/repoShapes.ts';
import { entryUrl } from '../support/siteFixture.ts';

const PATHS = ['content/blog/a.md', 'content/blog/b.md', 'content/blog/c.md'];
const post = (title: string, body: string) => `---\ntitle: ${title}\n---\n${body}`;

describe('a damaged history index costs only a rebuild', () => {
  let repo: ReturnType<typeof makeFixtureRepo>;
  let file: string;
  let intact: string;
  const git = (...args: string[]) => gitCli(repo.dir, args);
  const warn = vi.spyOn(console, 'warn');

  beforeAll(async () => {
    repo = makeFixtureRepo({
      'hugo.toml': 'title = "Damage"\n',
      'content/blog/a.md': post('A', 'One.\n'),
      'content/blog/b.md': post('B', 'One.\n'),
    });
    for (let n = 2; n <= 6; n++) {
      const files: Record<string, string> = { 'content/blog/a.md': post('A', `${n}.\n`) };
      if (n % 2 === 0) files['content/blog/b.md'] = post('B', `${n}.\n`); // two paths in one line
      if (n === 4) files['content/blog/c.md'] = post('C', 'New.\n');
      commitOutside(repo.dir, files, `Commit ${n}`);
    }
    const folio = await openShape(repo.dir);
    expect(await folio.ctx.historyIndex.update()).toBe(true);
    file = join(folio.ctx.dataDir, 'history-index', 'log.jsonl');
    intact = readFileSync(file, 'utf8');
  });
  afterEach(() => warn.mockClear());
  afterAll(() => repo.cleanup());

  /** Lines of the intact log: the header, then one per commit, root first. */
  const lines = () => intact.split('\n').filter(Boolean);

  /** Opens Folio on the damaged log and checks every answer against git log, and the repair. */
  async function expectRebuilt(damaged: string[], rebuiltFrom: number) {
    writeFileSync(file, `${damaged.join('\n')}\n`);
    const folio = await openShape(repo.dir);
    for (const path of PATHS) {
      const res = await folio.agent.get(entryUrl(path, '/history')).expect(200);
      expect(
        CommitListSchema.parse(res.body).items.map((i) => i.commit),
        path,
      ).toEqual(git('log', '--format=%H', '--', path).split('\n'));
    }
    expect(await folio.ctx.historyIndex.update()).toBe(true);
    const commits = lines().length - 1;
    expect(folio.ctx.historyIndex.stats.diffed).toBe(commits - rebuiltFrom);
    expect(folio.ctx.historyIndex.progress(git('rev-parse', 'HEAD')).ready).toBe(true);
    for (const path of PATHS) {
      const res = await folio.agent.get(entryUrl(path, '/history')).expect(200);
      expect(
        res.body.items.map((i: { commit: string }) => i.commit),
        path,
      ).toEqual(git('log', '--format=%H', '--', path).split('\n'));
    }
    expect(readFileSync(file, 'utf8')).toBe(intact); // the repaired log is the one a build writes
    return folio;
  }

  /** The intact lines with line `n` (1 = the root commit's) replaced by `edit` of its text. */
  const damage = (n: number, edit: (line: string) => string) =>
    lines().map((line, i) => (i === n ? edit(line) : line));

  it('a line whose field has the wrong type: rebuilt from that line, logged once', async () => {
    const at = lines().findIndex((l) => l.includes('"x":['));
    const damaged = damage(at, (l) => l.replace(/"x":\[[^\]]*\]/, '"x":5'));
    expect(damaged[at]).toContain('"x":5');
    await expectRebuilt(damaged, at - 1);
    const messages = warn.mock.calls
      .map((c) => String(c[0]))
      .filter((m) => /history index/.test(m));
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatch(/damaged.*line/);
  });

  it('a line with a dropped path: the commit is not hidden from that post', async () => {
    const at = lines().findIndex((l) => l.includes('content/blog/b.md') && l.includes('"x":["'));
    const damaged = damage(at, (l) => l.replace(/"content\/blog\/b\.md",?/, '').replace(',]', ']'));
    expect(damaged[at]).not.toContain('b.md');
    expect(() => JSON.parse(damaged[at]!)).not.toThrow();
    await expectRebuilt(damaged, at - 1);
  });

  it('other doubts: a foreign id, an unknown key, a bad header, a torn tail, odd fields under a good checksum, an old format', async () => {
    const oid = /"c":"([0-9a-f]{40})"/;
    await expectRebuilt(
      damage(3, (l) => l.replace(oid, `"c":"${'e'.repeat(40)}"`)),
      2,
    );
    await expectRebuilt(
      damage(2, (l) => l.replace('{', '{"z":1,')),
      1,
    );
    await expectRebuilt(
      damage(0, (l) => l.replace('"shallow":""', '"shallow":5')),
      0,
    );
    await expectRebuilt(
      [...lines().slice(0, -1), lines().at(-1)!.slice(0, 30)],
      lines().length - 2,
    );
    // Lines whose checksum holds but whose fields do not (a writer's bug): checked field by field.
    const resign = (edit: (line: Record<string, unknown>) => void) => (l: string) => {
      const line = JSON.parse(l) as Record<string, unknown>;
      delete line.s;
      edit(line);
      return serializeLogLine(line).trimEnd();
    };
    const at = lines().findIndex((l) => l.includes('"x":['));
    await expectRebuilt(
      damage(
        at,
        resign((line) => (line.x = 5)),
      ),
      at - 1,
    );
    await expectRebuilt(
      damage(
        at,
        resign((line) => (line.x = [...(line.x as string[]), ...(line.x as string[])])),
      ),
      at - 1,
    );
    await expectRebuilt(
      damage(
        2,
        resign((line) => (line.c = 'HEAD')),
      ),
      1,
    );
    await expectRebuilt(
      damage(
        at,
        resign((line) => Object.assign(line, { k: 1, r: [['content/x.md', 'y.md']] })),
      ),
      at - 1,
    );
    const old = lines().map((l, i) =>
      i === 0 ? '{"format":"folio-history-index/2"}' : l.replace(/,"s":"[0-9a-f]+"\}$/, '}'),
    );
    await expectRebuilt(old, 0);
  });
});
