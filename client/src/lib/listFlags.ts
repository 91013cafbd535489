import type { Collection } from '../../../shared/api/contract.ts';

/** A flag the list shows as a one-click switch: a boolean field marked `flag` in some collection. */
export interface FlagColumn {
  name: string;
  label: string;
}

/** The list's flag columns, and which of them each collection has. */
export interface ListFlags {
  columns: FlagColumn[];
  /** The flag names of a collection (none for a collection the site does not list). */
  of: (collection: string) => ReadonlySet<string>;
}

const NONE: ReadonlySet<string> = new Set();

/** What the form and the list call a flag: its label, else its key with a capital. */
export function flagLabel(name: string, label?: string): string {
  return label?.trim() || name.charAt(0).toUpperCase() + name.slice(1);
}

/**
 * The flags of the site's collections, one column each in the order first met (Hugo's `draft`
 * first), so the switches of every row line up whatever its collection.
 */
export function listFlags(collections: readonly Collection[] | undefined): ListFlags {
  const columns = new Map<string, FlagColumn>();
  const byCollection = new Map<string, Set<string>>();
  for (const collection of collections ?? []) {
    const names = new Set<string>();
    for (const field of collection.fields) {
      if (field.kind !== 'boolean' || !field.flag) continue;
      names.add(field.name);
      if (!columns.has(field.name))
        columns.set(field.name, { name: field.name, label: flagLabel(field.name, field.label) });
    }
    byCollection.set(collection.name, names);
  }
  const ordered = [...columns.values()].sort(
    (a, b) => Number(b.name === 'draft') - Number(a.name === 'draft'),
  );
  return { columns: ordered, of: (name) => byCollection.get(name) ?? NONE };
}

/** A flag filter of the list: `featured` on, `!featured` off. */
export type FlagState = 'true' | 'false' | undefined;

/** The state a comma-separated `flag` filter (`featured,!pinned`) asks of flag `name`. */
export function flagFilterOf(flag: string | undefined, name: string): FlagState {
  for (const part of (flag ?? '').split(',')) {
    if (part === name) return 'true';
    if (part === `!${name}`) return 'false';
  }
  return undefined;
}

/** The `flag` filter with `name` set to `state` (undefined: any), others kept in order. */
export function withFlagFilter(
  flag: string | undefined,
  name: string,
  state: FlagState,
): string | undefined {
  const rest = (flag ?? '')
    .split(',')
    .filter((part) => part && part !== name && part !== `!${name}`);
  if (state) rest.push(state === 'true' ? name : `!${name}`);
  return rest.length ? rest.join(',') : undefined;
}
