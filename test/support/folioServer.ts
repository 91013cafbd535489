import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { join } from 'node:path';
import { createApp } from '../../server/app.ts';
import { openContext, type FolioContext } from '../../server/context.ts';
import { makeSampleRepo, PROJECT_ROOT } from './tempRepo.ts';

/** An editor the browser tests sign in as. */
export interface TestUser {
  username: string;
  name: string;
  email: string;
  password: string;
}

/** Default browser-test editors (two, for the conflict test). */
export const BROWSER_USERS: TestUser[] = [
  {
    username: 'ana',
    name: 'Ana Editor',
    email: 'ana@example.com',
    password: 'correct horse battery staple',
  },
  {
    username: 'bruno',
    name: 'Bruno Editor',
    email: 'bruno@example.com',
    password: 'tr0ub4dor & three',
  },
];

/** A running Folio: its URL, the repository it serves, and how to stop and clean up. */
export interface RunningFolio {
  url: string;
  repo: string;
  ctx: FolioContext;
  close: () => Promise<void>;
}

/** Starts Folio in-process on a random port over a fresh git copy of the sample site (or `repo`), serving the production build. */
export async function startFolio(
  users: TestUser[] = BROWSER_USERS,
  repo?: { dir: string; cleanup: () => void },
): Promise<RunningFolio> {
  const sample = repo ?? makeSampleRepo();
  const ctx = await openContext({ repo: sample.dir });
  for (const { password, ...user } of users)
    await ctx.users.upsert({ ...user, role: 'editor' }, password);
  const app = createApp(ctx, { clientDir: join(PROJECT_ROOT, 'dist/client') });
  const server: Server = await new Promise((resolve) => {
    const listening = app.listen(0, '127.0.0.1', () => resolve(listening));
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    repo: sample.dir,
    ctx,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      sample.cleanup();
    },
  };
}
