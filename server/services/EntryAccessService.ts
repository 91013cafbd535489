import type {
  Entry,
  EntryList,
  EntrySummary,
  FrontMatter,
  User,
} from '../../shared/api/contract.ts';
import { entryPermissions, type EntryFacts } from '../../shared/policy/can.ts';
import type { CreatorStore } from '../auth/CreatorStore.ts';
import type { EntryIndex } from './EntryIndex.ts';
import { normalizeId } from './entryIds.ts';
import { classifyEntryPath } from './entryPaths.ts';

/** True when a front matter `draft` value makes a draft (Hugo reads "true" as true too). */
export function isDraftValue(value: unknown): boolean {
  return value === true || value === 'true';
}

function names(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (!Array.isArray(value)) return [];
  return value.filter((v): v is string => typeof v === 'string');
}

/**
 * What the access policy needs to know about entries: their collection, draft state, named
 * authors (`authors` and `author`) and who created them in Folio; and the per-entry
 * permissions (`can`) that entry answers carry for the signed-in user.
 */
export class EntryAccessService {
  constructor(
    private readonly index: EntryIndex,
    readonly creators: CreatorStore,
  ) {}

  /** The facts of an entry read in full. */
  factsOf(entry: Pick<Entry, 'id' | 'collection' | 'frontMatter'>): EntryFacts {
    return this.factsFrom(entry.id, entry.collection, entry.frontMatter);
  }

  /** The facts of an entry after a change of its front matter to `frontMatter`. */
  factsFrom(id: string, collection: string, frontMatter: FrontMatter): EntryFacts {
    return {
      collection,
      draft: isDraftValue(frontMatter.draft),
      authors: [...names(frontMatter.authors), ...names(frontMatter.author)],
      createdBy: this.creators.creatorOf(id),
    };
  }

  /** The facts of a list row (its summary names `authors` only). */
  factsOfSummary(
    summary: EntrySummary,
    creatorOf: (id: string) => string | null = (id) => this.creators.creatorOf(id),
  ): EntryFacts {
    return {
      collection: summary.collection,
      draft: summary.draft,
      authors: summary.authors,
      createdBy: creatorOf(summary.id),
    };
  }

  /** The collection a (possibly new or deleted) entry path belongs to; null when it is no entry path. */
  async collectionOf(path: string): Promise<string | null> {
    const { config } = await this.index.current();
    return classifyEntryPath(config, normalizeId(path))?.collection ?? null;
  }

  /** An entry answer with what `user` may do with it. */
  withPermissions<T extends Entry>(user: User, entry: T): T {
    return entry.parseError
      ? {
          ...entry,
          // Folio never rewrites a file it cannot parse: it can only be moved, deleted or restored.
          can: { ...entryPermissions(user, this.factsOf(entry)), edit: false, publish: false },
        }
      : {
          ...entry,
          can: fixedFile(entry.declaredFile, entryPermissions(user, this.factsOf(entry))),
        };
  }

  /** A list answer whose rows say what `user` may do with each. */
  listWithPermissions(user: User, list: EntryList): EntryList {
    const creatorOf = this.creators.lookup();
    return {
      ...list,
      items: list.items.map((item) => ({
        ...item,
        can: item.missing
          ? { edit: false, publish: false, delete: false, move: false, restore: false }
          : fixedFile(item.file, entryPermissions(user, this.factsOfSummary(item, creatorOf))),
      })),
    };
  }
}

// A file a `files` collection declares stays where it is declared: no delete, no move (as in Decap).
function fixedFile<T extends { delete: boolean; move: boolean }>(declared: unknown, can: T): T {
  return declared ? { ...can, delete: false, move: false } : can;
}
