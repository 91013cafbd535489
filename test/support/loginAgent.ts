import request from 'supertest';
import type { Express } from 'express';
import type { User } from '../../shared/api/contract.ts';
import type { FolioContext } from '../../server/context.ts';

/** Default test editor. */
export const TEST_EDITOR = {
  username: 'ana',
  name: 'Ana Editor',
  email: 'ana@example.com',
  role: 'editor' as const,
};
/** An author (own drafts only) whose front matter name is `bea`, for the tests of what authors may do. */
export const TEST_AUTHOR = {
  username: 'bea',
  name: 'Bea Author',
  email: 'bea@example.com',
  role: 'author' as const,
};
/** Password of TEST_EDITOR (and of every user loginAgent makes). */
export const TEST_PASSWORD = 'correct horse battery staple';

/** Creates the test editor in `ctx` and returns a supertest agent signed in as them. */
export async function loginAgent(
  app: Express,
  ctx: FolioContext,
  user: User = TEST_EDITOR,
  password = TEST_PASSWORD,
) {
  await ctx.users.upsert(user, password);
  const agent = request.agent(app);
  await agent.post('/api/session').send({ username: user.username, password }).expect(200);
  return agent;
}
