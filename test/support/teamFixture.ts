import request from 'supertest';
import type { Express } from 'express';
import type { Role } from '../../shared/policy/roles.ts';
import { createApp, type AppOptions } from '../../server/app.ts';
import { openContext, type ContextOptions, type FolioContext } from '../../server/context.ts';
import { commitCount } from './repoChecks.ts';
import { gitCli } from './gitCli.ts';

/** One user of each role; the author is "Ana", whom the fixture's alpha.md names in `authors`. */
export const TEAM = {
  admin: { username: 'alice', name: 'Alice Admin', email: 'alice@example.com', role: 'admin' },
  editor: { username: 'ed', name: 'Ed Editor', email: 'ed@example.com', role: 'editor' },
  author: { username: 'ana', name: 'Ana Author', email: 'ana@example.com', role: 'author' },
  viewer: { username: 'vic', name: 'Vic Viewer', email: 'vic@example.com', role: 'viewer' },
} as const satisfies Record<Role, { username: string; name: string; email: string; role: Role }>;

/** The password of every TEAM member. */
export const TEAM_PASSWORD = 'team password 2025';

/** Every role, least first. */
export const ALL_ROLES: Role[] = ['viewer', 'author', 'editor', 'admin'];

/** A signed-in supertest agent. */
export type Agent = ReturnType<typeof request.agent>;

/** Signs `username` in on `app` and returns the agent holding their cookie. */
export async function signIn(app: Express, username: string, password = TEAM_PASSWORD) {
  const agent = request.agent(app);
  await agent.post('/api/session').send({ username, password }).expect(200);
  return agent;
}

/** Folio on `repo` with the TEAM in it and an agent signed in for each role. */
export async function openTeam(
  repo: string,
  options: Omit<ContextOptions, 'repo'> = {},
  appOptions: AppOptions = {},
) {
  const ctx: FolioContext = await openContext({ repo, ...options });
  for (const member of Object.values(TEAM)) await ctx.users.upsert({ ...member }, TEAM_PASSWORD);
  const app: Express = createApp(ctx, appOptions);
  const agents = {} as Record<Role, Agent>;
  for (const role of ALL_ROLES) agents[role] = await signIn(app, TEAM[role].username);
  return { ctx, app, agents, anonymous: request(app) };
}

/** What a denied request must leave alone: the branch, the working tree, and the users. */
export function snapshotState(repo: string, ctx: FolioContext) {
  return {
    commits: commitCount(repo),
    head: gitCli(repo, ['rev-parse', 'HEAD']),
    status: gitCli(repo, ['status', '--porcelain']),
    users: JSON.stringify(ctx.users.list()),
  };
}
