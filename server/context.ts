import { join } from 'node:path';
import { SessionStore } from './auth/SessionStore.ts';
import { UserStore } from './auth/UserStore.ts';
import { GitStore } from './git/GitStore.ts';
import { HistoryIndex } from './git/HistoryIndex.ts';
import { locateRepository, type RepositoryLocation } from './git/locateRepository.ts';
import { CollectionService } from './services/CollectionService.ts';
import { CommitService } from './services/CommitService.ts';
import { EntryIndex } from './services/EntryIndex.ts';
import { EntryLifecycleService } from './services/EntryLifecycleService.ts';
import { EntryService } from './services/EntryService.ts';
import { EntryWriteService } from './services/EntryWriteService.ts';
import { WriteSupport } from './services/writeSupport.ts';

/** The services the routes call, one set per repository. */
export interface FolioServices {
  entries: EntryService;
  writes: EntryWriteService;
  lifecycle: EntryLifecycleService;
  collections: CollectionService;
  commits: CommitService;
}

/** Everything the routes need, opened once per repository. */
export interface FolioContext {
  location: RepositoryLocation;
  /** Folio's own files (users): inside the git directory, so never in the working tree or a commit. */
  dataDir: string;
  users: UserStore;
  sessions: SessionStore;
  /** The repository: objects, HEAD, the write queue. */
  store: GitStore;
  /** Which commits changed which paths, built in the background; entry history reads it. */
  historyIndex: HistoryIndex;
  services: FolioServices;
  /** Builds the entry index now (the server calls it at start, so the first visitor does not wait). */
  warmUp: () => Promise<void>;
  /** Writes what Folio keeps between runs (the entry cache); call before the process exits. */
  close: () => Promise<void>;
}

/** Options for openContext. */
export interface ContextOptions {
  repo: string;
  /** Clock for commit dates (tests pin it). */
  now?: () => Date;
  /** Delay before the history index starts building in the background (ms, default 1500). */
  historyIndexDelayMs?: number;
}

/** Opens the repository at `repo` and Folio's state for it. */
export async function openContext(options: ContextOptions): Promise<FolioContext> {
  const location = await locateRepository(options.repo);
  const store = await GitStore.open(location, { now: options.now });
  // Folio's data goes to the main git directory, shared by linked worktrees.
  const dataDir = join(store.layout.commonDir, 'folio');
  const users = await UserStore.open(join(dataDir, 'users.json'));
  // The entry index persists its summaries there too, so a restart parses only what changed.
  const index = new EntryIndex(store, { cacheFile: join(dataDir, 'entry-cache.v8') });
  const historyIndex = new HistoryIndex(store, join(dataDir, 'history-index'));
  historyIndex.start(options.historyIndexDelayMs, () => index.current());
  const entries = new EntryService(store, index, historyIndex);
  const support = new WriteSupport(store, index);
  const services: FolioServices = {
    entries,
    writes: new EntryWriteService(support),
    lifecycle: new EntryLifecycleService(support, entries),
    collections: new CollectionService(index),
    commits: new CommitService(store),
  };
  return {
    location,
    dataDir,
    users,
    sessions: new SessionStore(),
    store,
    historyIndex,
    services,
    warmUp: async () => {
      await index.current();
    },
    close: () => index.flush(),
  };
}
