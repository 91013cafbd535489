import { join } from 'node:path';
import request from 'supertest';
import { createApp } from '../../server/app.ts';
import { openContext } from '../../server/context.ts';
import { commitOutside, makeFixtureRepo } from './fixtureRepo.ts';
import { gitCli } from './gitCli.ts';
import { loginAgent } from './loginAgent.ts';

const post = (title: string, body: string) => `---\ntitle: ${title}\n---\n${body}`;
const LONG = Array.from({ length: 12 }, (_, n) => `Line ${n} of the long post.`).join('\n');

/**
 * A source repository for clones (uploadpack.allowFilter on, so partial clones work), made with
 * the git CLI: five commits, each editing content/blog/a.md; b.md is renamed with an edit to
 * b2.md in the third, c.md is added in the fourth. `commits[0]` is the root, `commits[4]` the head.
 */
export function makeHistorySource(): { dir: string; commits: string[]; cleanup: () => void } {
  const repo = makeFixtureRepo({
    'hugo.toml': 'title = "Shapes"\n',
    'content/blog/a.md': post('A', 'Version 1.\n'),
    'content/blog/b.md': post('B', `${LONG}\n`),
  });
  const git = (...args: string[]) => gitCli(repo.dir, args);
  git('config', 'uploadpack.allowFilter', 'true');
  git('config', 'uploadpack.allowAnySHA1InWant', 'true');
  const commits = [git('rev-parse', 'HEAD')];
  commits.push(commitOutside(repo.dir, { 'content/blog/a.md': post('A', 'Version 2.\n') }, 'c2'));
  git('mv', 'content/blog/b.md', 'content/blog/b2.md');
  commits.push(
    commitOutside(
      repo.dir,
      {
        'content/blog/a.md': post('A', 'Version 3.\n'),
        'content/blog/b2.md': post('B', `${LONG}\nOne more line.\n`),
      },
      'c3',
    ),
  );
  commits.push(
    commitOutside(
      repo.dir,
      { 'content/blog/a.md': post('A', 'Version 4.\n'), 'content/blog/c.md': post('C', 'New.\n') },
      'c4',
    ),
  );
  commits.push(commitOutside(repo.dir, { 'content/blog/a.md': post('A', 'Version 5.\n') }, 'c5'));
  return { dir: repo.dir, commits, cleanup: repo.cleanup };
}

/** Clones `source` next to it as `name` with extra `git clone` options (over file://, as a remote would be). */
export function cloneShape(source: string, name: string, options: string[]): string {
  const target = join(source, '..', name);
  gitCli(join(source, '..'), ['clone', '-q', ...options, `file://${source}`, target]);
  return target;
}

/**
 * Folio on `repo` with a signed-in agent. The history index does not start by itself: until a
 * test calls `ctx.historyIndex.update()` (or a request starts it), history is walked.
 */
export async function openShape(repo: string) {
  const ctx = await openContext({ repo, historyIndexDelayMs: 600_000 });
  const app = createApp(ctx);
  const agent = await loginAgent(app, ctx);
  return { ctx, app, agent, anonymous: request(app) };
}
