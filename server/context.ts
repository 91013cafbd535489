import { join } from 'node:path';
import { CreatorStore } from './auth/CreatorStore.ts';
import { SessionStore, type SessionStoreOptions } from './auth/SessionStore.ts';
import { UserStore } from './auth/UserStore.ts';
import { GitStore } from './git/GitStore.ts';
import { openSync, type SyncConfig } from './sync/openSync.ts';
import type { SyncEngine } from './sync/SyncEngine.ts';
import { HistoryIndex } from './git/HistoryIndex.ts';
import { locateRepository, type RepositoryLocation } from './git/locateRepository.ts';
import { silentLogger, type FolioLogger } from './logger.ts';
import { type SiteLocation, locateSite } from './site/siteDir.ts';
import { SchemaService } from './services/schema/SchemaService.ts';
import { DeclaredFiles } from './services/declaredFiles.ts';
import { CollectionService } from './services/CollectionService.ts';
import { InferredSchemaWriter } from './services/schema/InferredSchemaWriter.ts';
import { EntryAccessService } from './services/EntryAccessService.ts';
import { CommitService } from './services/CommitService.ts';
import { TranslationService } from './services/TranslationService.ts';
import { ConflictedSaveService } from './services/ConflictedSaveService.ts';
import { EntryIndex } from './services/EntryIndex.ts';
import { OutsideEditService } from './services/OutsideEditService.ts';
import { EntryLifecycleService } from './services/EntryLifecycleService.ts';
import { EntryService } from './services/EntryService.ts';
import { EntryWriteService } from './services/EntryWriteService.ts';
import { NewEntryPlanner } from './services/newEntry/NewEntryPlanner.ts';
import { WriteSupport } from './services/writeSupport.ts';
import { MediaChanges } from './services/media/MediaChanges.ts';
import { MediaLibrary } from './services/media/MediaLibrary.ts';
import { type MediaOptions, MediaService } from './services/media/MediaService.ts';
import { ThumbnailCache } from './services/media/thumbnails.ts';

/** The services the routes call, one set per repository. */
export interface FolioServices {
  entries: EntryService;
  writes: EntryWriteService;
  lifecycle: EntryLifecycleService;
  collections: CollectionService;
  /** The schema the site declares (folio.yml or a Decap/Sveltia config). */
  schema: SchemaService;
  /** Writes the inferred schema to folio.yml for an admin to refine. */
  schemaWriter: InferredSchemaWriter;
  /** What a new entry will be (path, front matter from templates), for creating and previewing. */
  planner: NewEntryPlanner;
  commits: CommitService;
  /** What the access policy knows about entries, and the permissions entry answers carry. */
  access: EntryAccessService;
  /** The site's images: served for the preview, uploaded as commits. */
  media: MediaService;
  /** Every image of the site, searchable, with thumbnails and uses. */
  library: MediaLibrary;
  /** Renaming and deleting library images. */
  mediaChanges: MediaChanges;
  /** Offline saves the remote contradicted, for the conflict view, and dropping them once resolved. */
  conflicts: ConflictedSaveService;
  /** Creating an entry's translation in another language. */
  translations: TranslationService;
  /** Uncommitted edits made outside Folio to an entry: shown, and committed when an editor keeps them. */
  outsideEdits: OutsideEditService;
}

/** Everything the routes need, opened once per repository. */
export interface FolioContext {
  location: RepositoryLocation;
  /** Where the Hugo site is in the repository (its folder, and whether it was given or found). */
  site: SiteLocation;
  /** Folio's own files (users, sessions): inside the git directory, so never in the working tree or a commit. */
  dataDir: string;
  /** Users in `folio/users.json`, shared with the `folio user` commands. */
  users: UserStore;
  /** Sessions in `folio/sessions.json` (token hashes only): they survive a restart. */
  sessions: SessionStore;
  /** Who created which entry in Folio (`folio/creators.json`), for authors' own drafts. */
  creators: CreatorStore;
  /** The audit log: one line per write and per sign-in. */
  logger: FolioLogger;
  /** The repository: objects, HEAD, the write queue. */
  store: GitStore;
  /** Sync with the site's remote (null: none configured, or off). */
  sync: SyncEngine | null;
  /** Shared secret of the push webhook (null: webhooks are refused). */
  webhookSecret: string | null;
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
  /** The Hugo site's folder in the repository (`--site-dir`); absent: the root, or the one site below it. */
  siteDir?: string | null;
  /** Clock for commit dates (tests pin it). */
  now?: () => Date;
  /** Delay before the history index starts building in the background (ms, default 1500). */
  historyIndexDelayMs?: number;
  /** Where audit lines go (default: nowhere; `npm start` logs to standard output). */
  logger?: FolioLogger;
  /** Session lifetimes and clock (tests shorten and move them). */
  sessions?: SessionStoreOptions;
  /** Sync with the branch's remote (default: its upstream, if it has one). */
  sync?: SyncConfig;
  /** Upload limit and media folder (defaults: 20 MB, static/images/uploads/{year}). */
  media?: MediaOptions;
  /** Hugo's environment whose `config/<environment>/` is read (default production, as `hugo` builds). */
  hugoEnvironment?: string;
}

/** Opens the repository at `repo` and Folio's state for it. */
export async function openContext(options: ContextOptions): Promise<FolioContext> {
  const location = await locateRepository(options.repo);
  const store = await GitStore.open(location, { now: options.now });
  const site = await locateSite(store.objects, (await store.head()).tree, options.siteDir ?? null);
  const sync = await openSync(store, options.sync);
  // Folio's data goes to the main git directory, shared by linked worktrees.
  const dataDir = join(store.layout.commonDir, 'folio');
  const users = await UserStore.open(join(dataDir, 'users.json'));
  const sessions = new SessionStore(
    join(dataDir, 'sessions.json'),
    (username) => users.stampOf(username),
    options.sessions,
  );
  const creators = new CreatorStore(join(dataDir, 'creators.json'));
  // The entry index persists its summaries there too, so a restart parses only what changed.
  const index = new EntryIndex(store, {
    cacheFile: join(dataDir, 'entry-cache.v8'),
    hugoEnvironment: options.hugoEnvironment,
    siteDir: site.dir,
  });
  const historyIndex = new HistoryIndex(store, join(dataDir, 'history-index'));
  historyIndex.start(options.historyIndexDelayMs, () => index.settled());
  const schema = new SchemaService(index, store.objects);
  const collections = new CollectionService(index, schema, store.objects);
  const declared = new DeclaredFiles(collections, store.objects);
  const entries = new EntryService(store, index, historyIndex, options.now, schema, declared);
  const support = new WriteSupport(store, index, declared);
  const media = new MediaService(store, index, options.media);
  // Thumbnails are Folio's own cache: under the git directory, never in the working tree.
  const thumbnails = new ThumbnailCache(join(dataDir, 'thumbnails'));
  const library = new MediaLibrary(store, index, media, thumbnails);
  const planner = new NewEntryPlanner(store.objects, schema, options.now);
  const services: FolioServices = {
    entries,
    schema,
    planner,
    writes: new EntryWriteService(support, schema, planner),
    lifecycle: new EntryLifecycleService(support, entries, schema),
    collections,
    schemaWriter: new InferredSchemaWriter(support, schema, collections),
    commits: new CommitService(store),
    access: new EntryAccessService(index, creators),
    media,
    library,
    mediaChanges: new MediaChanges(store, index, media, library),
    conflicts: new ConflictedSaveService(store, index, entries, sync),
    translations: new TranslationService(support, schema),
    outsideEdits: new OutsideEditService(support),
  };
  return {
    location,
    site,
    dataDir,
    users,
    sessions,
    creators,
    logger: options.logger ?? silentLogger(),
    store,
    sync,
    webhookSecret: options.sync?.webhookSecret ?? null,
    historyIndex,
    services,
    warmUp: async () => {
      await index.current();
    },
    close: async () => {
      sync?.stop();
      await Promise.all([index.flush(), sessions.flush()]);
    },
  };
}
