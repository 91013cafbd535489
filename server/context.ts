import { join } from 'node:path';
import { SessionStore } from './auth/SessionStore.ts';
import { UserStore } from './auth/UserStore.ts';
import { locateRepository, type RepositoryLocation } from './git/locateRepository.ts';

/** Everything the routes need, opened once per repository. */
export interface FolioContext {
  location: RepositoryLocation;
  /** Folio's own files (users): inside the git directory, so never in the working tree or a commit. */
  dataDir: string;
  users: UserStore;
  sessions: SessionStore;
}

/** Opens the repository at `repo` and Folio's state for it. */
export async function openContext(options: { repo: string }): Promise<FolioContext> {
  const location = await locateRepository(options.repo);
  const dataDir = join(location.gitdir, 'folio');
  const users = await UserStore.open(join(dataDir, 'users.json'));
  return { location, dataDir, users, sessions: new SessionStore() };
}
