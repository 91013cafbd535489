import type { ImageType, UploadResult } from '../../../shared/api/media.ts';
import type { User } from '../../../shared/api/contract.ts';
import { slugify } from '../../../shared/slugify.ts';
import { NotFoundError, ValidationError } from '../../errors.ts';
import { PathError, checkRepoPath, isWithin, joinRepoPath, repoDirname } from '../../git/paths.ts';
import type { GitStore } from '../../git/GitStore.ts';
import { FILE_MODE } from '../../git/treeObject.ts';
import type { EntryIndex, IndexSnapshot, IndexedEntry } from '../EntryIndex.ts';
import { requireEntry } from '../entryIds.ts';
import { fallbackTitle } from '../entryPaths.ts';
import { messageTitle } from '../commitMessages.ts';
import { mapStoreErrors } from '../storeErrors.ts';
import { authorOf } from '../writeSupport.ts';
import { checkUpload, sniffImage } from './imageBytes.ts';
import { hasImageExtension, imageCandidates, referenceFor } from './imageRefs.ts';
import { type SiteMedia, readSiteMedia } from './siteMedia.ts';

/** Settings of uploads. */
export interface MediaOptions {
  /** Largest upload in bytes (default 20 MB). */
  uploadLimit?: number;
  /** Where images of posts that are not bundles go, `{year}` replaced (default `static/images/uploads/{year}`). */
  mediaFolder?: string;
  /** Clock for the year of the media folder (tests pin it). */
  now?: () => Date;
}

/** Default largest upload: 20 MB. */
export const DEFAULT_UPLOAD_LIMIT = 20 * 1024 * 1024;
/** Default folder of uploads that do not go into a bundle. */
export const DEFAULT_MEDIA_FOLDER = 'static/images/uploads/{year}';

/** An image file read from the head, ready to serve. */
export interface ServedImage {
  path: string;
  oid: string;
  type: ImageType;
  bytes: Buffer;
}

/** The site's images: served from the head for the preview, uploaded as commits by the editor. */
export class MediaService {
  readonly uploadLimit: number;
  private readonly mediaFolder: string;
  private readonly now: () => Date;

  constructor(
    private readonly store: GitStore,
    private readonly index: EntryIndex,
    options: MediaOptions = {},
  ) {
    this.uploadLimit = options.uploadLimit ?? DEFAULT_UPLOAD_LIMIT;
    this.mediaFolder = options.mediaFolder ?? DEFAULT_MEDIA_FOLDER;
    this.now = options.now ?? (() => new Date());
  }

  /** Where the site keeps images and its baseURL subpath, read once per head. */
  async site(snapshot?: IndexSnapshot): Promise<SiteMedia> {
    const snap = snapshot ?? (await this.index.current());
    const memo = snap.memo.get('media.site') as Promise<SiteMedia> | undefined;
    if (memo) return memo;
    const reading = readSiteMedia(this.store.objects, snap.head.tree, snap.config);
    snap.memo.set('media.site', reading);
    return reading;
  }

  /** The indexed entry `id` at the head (404 when it is not an entry). */
  async entry(id: string): Promise<IndexedEntry> {
    return requireEntry(await this.index.current(), id);
  }

  /**
   * The image an entry's reference `src` names, found as Hugo would (bundle, static/, assets/);
   * 404 when none of the places holds an image.
   */
  async readReference(entryId: string, src: string): Promise<ServedImage> {
    const snapshot = await this.index.current();
    const entry = requireEntry(snapshot, entryId);
    const site = await this.site(snapshot);
    for (const path of imageCandidates(entry, src, site)) {
      const image = await this.readAt(snapshot, path);
      if (image) return image;
    }
    throw new NotFoundError(`No image "${src}" for "${entry.id}" in the repository.`);
  }

  /** The image at repository path `path` inside a media folder or content folder; 404 otherwise. */
  async readPath(path: string): Promise<ServedImage> {
    const snapshot = await this.index.current();
    const safe = checkedPath(path);
    const site = await this.site(snapshot);
    const inArea = this.areas(snapshot, site).some((dir) => isWithin(safe, dir) && safe !== dir);
    const image = inArea && hasImageExtension(safe) ? await this.readAt(snapshot, safe) : null;
    if (!image) throw new NotFoundError(`No image "${path}" in the site's media folders.`);
    return image;
  }

  /**
   * The entry whose page bundle holds the file at `path` (its `index.md` or `_index.md`, in any
   * language, in the file's folder or a folder above inside the content folder); null for images
   * outside bundles (static/, assets/).
   */
  async bundleEntryOf(path: string): Promise<IndexedEntry | null> {
    const snapshot = await this.index.current();
    const root = snapshot.config.roots.find((r) => isWithin(path, r.dir));
    if (!root) return null;
    const names = ['index', '_index'].flatMap((stem) => [
      `${stem}.md`,
      ...snapshot.config.languages.map((lang) => `${stem}.${lang}.md`),
    ]);
    for (let dir = repoDirname(path); dir && dir !== root.dir; dir = repoDirname(dir)) {
      for (const name of names) {
        const entry = snapshot.entries.get(`${dir}/${name}`);
        if (entry) return entry;
      }
    }
    return null;
  }

  /** Folders holding the site's images: static and asset folders, and the content folders (bundles). */
  areas(snapshot: IndexSnapshot, site: SiteMedia): string[] {
    return [...site.staticDirs, ...site.assetDirs, ...snapshot.config.roots.map((r) => r.dir)];
  }

  // A regular file (never a symlink or a submodule) whose bytes are an image type.
  private async readAt(snapshot: IndexSnapshot, path: string): Promise<ServedImage | null> {
    if (!snapshot.head.tree) return null;
    const found = await this.store.objects.lookup(snapshot.head.tree, path);
    if (!found || !isRegularFile(found.mode)) return null;
    const bytes = await this.index.readBlob(found.oid, { path, mode: found.mode });
    const facts = await sniffImage(bytes);
    if (!facts) return null;
    return { path, oid: found.oid, type: facts.type, bytes };
  }

  /**
   * Commits an uploaded image as the editor: into the entry's bundle folder when the entry is a
   * bundle, else into the media folder. The name is the slug of `name` with the extension of the
   * sniffed type, `-2`, `-3`... when taken. Throws 415 for bytes that are not an accepted image.
   */
  async upload(
    entryId: string | null,
    name: string,
    bytes: Buffer,
    user: User,
  ): Promise<UploadResult> {
    const facts = await checkUpload(bytes);
    const stem = fileStem(name);
    return mapStoreErrors(async () => {
      const { value, commit, sync } = await this.store.transact(async (head) => {
        const snapshot = await this.index.current();
        const entry = entryId === null ? null : requireEntry(snapshot, entryId);
        const site = await this.site(snapshot);
        const folder = entry?.bundle
          ? repoDirname(entry.id)
          : joinRepoPath(
              snapshot.config.siteDir,
              this.mediaFolder.replace('{year}', String(this.now().getUTCFullYear())),
            );
        const path = await this.freePath(head.tree, folder, stem, facts.ext);
        const oid = await this.store.objects.writeBlob(bytes);
        const reference = referenceFor(
          entry,
          path,
          site,
          snapshot.config.roots.map((r) => r.dir),
        );
        const fileName = path.slice(path.lastIndexOf('/') + 1);
        const title = entry ? messageTitle(entry.doc.title, fallbackTitle(entry)) : null;
        return {
          plan: {
            changes: [{ path, entry: { mode: FILE_MODE, oid } }],
            message: title ? `Upload "${fileName}" for "${title}"` : `Upload "${fileName}"`,
            author: authorOf(user),
          },
          value: { path, oid, reference: reference ?? path },
        };
      });
      return {
        ...value,
        type: facts.type,
        size: bytes.length,
        width: facts.width,
        height: facts.height,
        commit: commit!,
        sync,
      };
    });
  }

  // The first of name.ext, name-2.ext, name-3.ext... that the head does not have (any case).
  private async freePath(
    tree: string | null,
    folder: string,
    stem: string,
    ext: string,
  ): Promise<string> {
    const taken = new Set<string>();
    if (tree) {
      const dir = folder ? await this.store.objects.lookup(tree, folder) : null;
      if (dir && dir.mode === '40000')
        for (const e of await this.store.objects.readTreeEntries(dir.oid))
          taken.add(e.name.toString('utf8').toLowerCase());
    }
    for (let n = 1; ; n++) {
      const file = `${stem}${n === 1 ? '' : `-${n}`}.${ext}`;
      if (!taken.has(file.toLowerCase())) return checkedPath(joinRepoPath(folder, file));
    }
  }
}

// Only a file's bytes: a symlink (120000) could name something outside the repository.
function isRegularFile(mode: string): boolean {
  return mode === '100644' || mode === '100755';
}

// The slug of an original file name without its extension ("Foto da Praia.JPG" -> "foto-da-praia").
function fileStem(name: string): string {
  const base = name.replace(/\\/g, '/').split('/').pop() ?? '';
  const dot = base.lastIndexOf('.');
  const stem = slugify(dot > 0 ? base.slice(0, dot) : base)
    .slice(0, 80)
    .replace(/-+$/, '');
  return stem || 'image';
}

function checkedPath(path: string): string {
  try {
    return checkRepoPath(path);
  } catch (err) {
    if (err instanceof PathError) throw new ValidationError(err.message, { reason: err.reason });
    throw err;
  }
}

/** A byte count as editors read it in a limit ("20 MB"). */
export function describeLimit(limit: number): string {
  return `${Math.round((limit / (1024 * 1024)) * 10) / 10} MB`;
}
