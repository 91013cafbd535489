import sharp from 'sharp';
import type {
  MediaDetail,
  MediaItem,
  MediaList,
  MediaListQuery,
} from '../../../shared/api/media.ts';
import { ValidationError } from '../../errors.ts';
import type { GitStore } from '../../git/GitStore.ts';
import { LruCache } from '../../git/lruCache.ts';
import { isWithin, repoBasename, repoDirname } from '../../git/paths.ts';
import { diffTrees, listFiles } from '../../git/treeDiff.ts';
import type { EntryIndex, IndexSnapshot } from '../EntryIndex.ts';
import { foldText } from '../foldText.ts';
import { decodeText } from '../decodeText.ts';
import { hasImageExtension, imageCandidates, referenceFor, siteUrlOf } from './imageRefs.ts';
import { requireEntry } from '../entryIds.ts';
import { scanImageRefs } from './imageRefScan.ts';
import { svgDeclaresSize } from './imageBytes.ts';
import type { MediaService } from './MediaService.ts';
import type { SiteMedia } from './siteMedia.ts';
import type { ThumbnailCache } from './thumbnails.ts';

interface Listing {
  tree: string | null;
  areasKey: string;
  /** Image path -> blob id, for every image in the media areas. */
  files: Map<string, string>;
  /** The content folders of that head (page bundles live there). */
  contentDirs: string[];
  /** Sorted items and their folded names, rebuilt when files change. */
  sorted: { item: MediaItem; folded: string }[] | null;
}

const MAX_FOLDERS = 500;

/**
 * The media library: every image of the site (static and asset folders, page bundles) at the
 * head, kept by diffing the previous head's folders against the new ones (unchanged subtrees are
 * skipped), so a save costs what it changed; search by name, folder filter, pages; the entries
 * using an image; thumbnails through the cache under Folio's data.
 */
export class MediaLibrary {
  private listing: Listing | null = null;
  private refreshing: Promise<Listing> | null = null;
  /** Image references per entry blob id (a blob's text never changes). */
  private readonly refs = new LruCache<string, string[]>(50_000);

  constructor(
    private readonly store: GitStore,
    private readonly index: EntryIndex,
    private readonly media: MediaService,
    private readonly thumbs: ThumbnailCache,
  ) {}

  /** GET /api/media: a page of images whose name contains `q` (accents and case ignored), inside `folder`. */
  async list(query: MediaListQuery): Promise<MediaList> {
    const listing = await this.current();
    const sorted = this.sortedOf(listing, await this.media.site());
    const needle = query.q ? foldText(query.q.trim()) : '';
    const folder = query.folder?.replace(/\/+$/, '') ?? '';
    const matches = sorted.filter(
      ({ item, folded }) =>
        (!folder || isWithin(item.folder, folder)) && (!needle || folded.includes(needle)),
    );
    const offset = query.cursor ? Number.parseInt(query.cursor, 10) : 0;
    if (!Number.isInteger(offset) || offset < 0)
      throw new ValidationError('Invalid cursor: pass back the nextCursor of the previous page.');
    const page = matches.slice(offset, offset + query.limit);
    const next = offset + query.limit;
    const snapshot = await this.index.current();
    const entry = query.entry ? requireEntry(snapshot, query.entry) : null;
    const site = await this.media.site(snapshot);
    return {
      items: entry
        ? page.map(({ item }) => ({
            ...item,
            reference: referenceFor(entry, item.path, site, listing.contentDirs) ?? item.reference,
          }))
        : page.map((m) => m.item),
      total: matches.length,
      folders: this.foldersOf(sorted),
      nextCursor: next < matches.length ? String(next) : null,
    };
  }

  /** One image: its type, size and dimensions from the bytes, and the entries that reference it. */
  async detail(path: string): Promise<MediaDetail> {
    const image = await this.media.readPath(path);
    const snapshot = await this.index.current();
    const site = await this.media.site(snapshot);
    const sizeless = image.type === 'image/svg+xml' && !svgDeclaresSize(image.bytes);
    const meta = sizeless
      ? null
      : await sharp(image.bytes)
          .metadata()
          .catch(() => null);
    return {
      ...this.itemOf(image.path, image.oid, site, snapshot),
      type: image.type,
      size: image.bytes.length,
      width: meta?.width ?? null,
      height: meta?.height ?? null,
      usedBy: await this.usersOf(image.path, snapshot, site),
    };
  }

  /** A WebP thumbnail (at most 320 px wide) of the image at `path`, made once per blob and cached. */
  async thumbnail(path: string): Promise<{ oid: string; bytes: Buffer }> {
    const image = await this.media.readPath(path);
    return { oid: image.oid, bytes: await this.thumbs.get(image.oid, image.bytes) };
  }

  /**
   * The entries whose body or front matter reference the image at `path` (resolved as the preview
   * resolves them). Every entry's file is read once per version; later calls read only what changed.
   */
  async usersOf(path: string, snapshot: IndexSnapshot, site: SiteMedia): Promise<string[]> {
    const users: string[] = [];
    const name = repoBasename(path).toLowerCase();
    for (const entry of snapshot.entries.values()) {
      let refs = this.refs.get(entry.oid);
      if (!refs) {
        const text = decodeText(
          await this.index.readBlob(entry.oid, { path: entry.id, mode: entry.mode }),
        );
        refs = text === null ? [] : scanImageRefs(text);
        this.refs.set(entry.oid, refs);
      }
      const uses = refs.some(
        (src) =>
          decodeLoosely(src).toLowerCase().includes(name) &&
          imageCandidates(entry, src, site).includes(path),
      );
      if (uses) users.push(entry.id);
    }
    return users.sort();
  }

  private async current(): Promise<Listing> {
    const snapshot = await this.index.current();
    const site = await this.media.site(snapshot);
    const areas = this.media.areas(snapshot, site);
    const areasKey = areas.join('\0');
    const listing = this.listing;
    if (listing && listing.tree === snapshot.head.tree && listing.areasKey === areasKey)
      return listing;
    const contentDirs = snapshot.config.roots.map((r) => r.dir);
    this.refreshing ??= this.refresh(listing, snapshot.head.tree, areas, contentDirs).finally(
      () => {
        this.refreshing = null;
      },
    );
    return this.refreshing;
  }

  private async refresh(
    previous: Listing | null,
    tree: string | null,
    areas: string[],
    contentDirs: string[],
  ): Promise<Listing> {
    const areasKey = areas.join('\0');
    const incremental = previous && previous.areasKey === areasKey;
    const files = incremental ? new Map(previous.files) : new Map<string, string>();
    for (const area of unnested(areas)) {
      const deltas = incremental
        ? await diffTrees(this.store.objects, previous.tree, tree, area)
        : await listFiles(this.store.objects, tree, area);
      for (const delta of deltas) {
        if (!hasImageExtension(delta.path)) continue;
        const after = delta.after;
        if (after && (after.mode === '100644' || after.mode === '100755'))
          files.set(delta.path, after.oid);
        else files.delete(delta.path);
      }
    }
    const listing: Listing = { tree, areasKey, contentDirs, files, sorted: null };
    this.listing = listing;
    return listing;
  }

  private sortedOf(listing: Listing, site: SiteMedia): { item: MediaItem; folded: string }[] {
    if (listing.sorted) return listing.sorted;
    const sorted = [...listing.files.entries()]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([path, oid]) => ({
        item: this.itemFor(path, oid, site, listing.contentDirs),
        folded: foldText(repoBasename(path)),
      }));
    listing.sorted = sorted;
    return sorted;
  }

  private itemOf(path: string, oid: string, site: SiteMedia, snapshot: IndexSnapshot): MediaItem {
    return this.itemFor(
      path,
      oid,
      site,
      snapshot.config.roots.map((r) => r.dir),
    );
  }

  private itemFor(path: string, oid: string, site: SiteMedia, contentDirs: string[]): MediaItem {
    const area = site.staticDirs.some((d) => isWithin(path, d))
      ? 'static'
      : site.assetDirs.some((d) => isWithin(path, d))
        ? 'assets'
        : 'bundle';
    const url = area === 'assets' ? null : siteUrlOf(path, site, contentDirs);
    const assetDir = site.assetDirs.find((d) => isWithin(path, d));
    return {
      path,
      folder: repoDirname(path),
      name: repoBasename(path),
      oid,
      area,
      url,
      reference: url ?? (assetDir ? path.slice(assetDir.length + 1) : path),
    };
  }

  // Each area's top folder and the folders one level below it (content/blog, static/images).
  private foldersOf(sorted: { item: MediaItem }[]): string[] {
    const folders = new Set<string>();
    for (const { item } of sorted) {
      const parts = item.folder.split('/');
      folders.add(parts.slice(0, 1).join('/'));
      if (parts.length > 1) folders.add(parts.slice(0, 2).join('/'));
      if (folders.size >= MAX_FOLDERS) break;
    }
    return [...folders].sort();
  }
}

// Areas inside another area are listed with it (a theme folder inside static/, say).
function unnested(areas: string[]): string[] {
  return areas.filter((a, i) => !areas.some((b, j) => j !== i && b !== a && isWithin(a, b)));
}

function decodeLoosely(src: string): string {
  try {
    return decodeURIComponent(src);
  } catch {
    return src;
  }
}
