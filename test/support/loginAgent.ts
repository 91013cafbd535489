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
/** Password of TEST_EDITOR. */
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
