import { ValidationError } from '../errors.ts';

/** What a path under /api/entries/ names: an entry, and which of its sub-resources. */
export type EntryTarget =
  | { kind: 'entry'; id: string }
  | { kind: 'history'; id: string }
  | { kind: 'move'; id: string }
  | { kind: 'restore'; id: string }
  | { kind: 'bundle'; id: string }
  | { kind: 'outsideEdit'; id: string }
  | { kind: 'version'; id: string; commit: string };

/**
 * Splits the raw (still percent-encoded) path after /api/entries/ into the entry id and the
 * sub-resource. Ids are repository paths: clients send them as one encoded segment
 * (`content%2Fblog%2Fx.md`) or with plain slashes; both work because no entry file is called
 * `history`, `move`, `restore`, `bundle`, `outside-edit` or `versions/<commit>` (entries end in .md).
 */
export function parseEntryTarget(rawPath: string): EntryTarget | null {
  const segments = rawPath.replace(/^\/+/, '').split('/');
  if (segments.length === 0 || segments[0] === '') return null;
  const last = segments[segments.length - 1]!;
  const beforeLast = segments[segments.length - 2];
  let kind: EntryTarget['kind'] = 'entry';
  let take = segments.length;
  let commit: string | undefined;
  if (
    segments.length >= 2 &&
    (last === 'history' || last === 'move' || last === 'restore' || last === 'bundle')
  ) {
    kind = last;
    take -= 1;
  } else if (segments.length >= 2 && last === 'outside-edit') {
    kind = 'outsideEdit';
    take -= 1;
  } else if (segments.length >= 3 && beforeLast === 'versions') {
    kind = 'version';
    commit = decode(last);
    take -= 2;
  }
  const id = segments.slice(0, take).map(decode).join('/');
  if (kind === 'version') return { kind, id, commit: commit! };
  return { kind, id } as EntryTarget;
}

function decode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    throw new ValidationError('Malformed percent-encoding in the entry id.');
  }
}
