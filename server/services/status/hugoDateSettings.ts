import { isKnownTimeZone } from './zonedTime.ts';

/** Where Hugo takes a page's dates from (its `[frontmatter]` config), and the zone of floating dates. */
export interface HugoDateSettings {
  /** IANA zone for dates written without an offset (Hugo's `timeZone`; default UTC). */
  timeZone: string;
  /** Lowercase front matter keys, or `:filename`, tried in order for the publish date. */
  publishDate: string[];
  /** The same for the expiry date. */
  expiryDate: string[];
  /** The same for the date (publishDate falls back to it through Hugo's default `date` key). */
  date: string[];
  /** The config's `buildDrafts`, `buildFuture`, `buildExpired`: what `hugo` builds despite the status. */
  build: BuildSettings;
}

/** Hugo's build options in the site's config (all false by default, as in Hugo). */
export interface BuildSettings {
  drafts: boolean;
  future: boolean;
  expired: boolean;
}

// Hugo's defaults (hugolib's page_frontmatter.go), aliases included.
const DEFAULTS = {
  date: ['date', 'publishdate', 'pubdate', 'published', 'lastmod', 'modified'],
  publishDate: ['publishdate', 'pubdate', 'published', 'date'],
  expiryDate: ['expirydate', 'unpublishdate'],
} as const;
// Each key Hugo also accepts under other names, added after it in a configured list.
const ALIASES: Record<string, string[]> = {
  lastmod: ['modified'],
  publishdate: ['pubdate', 'published'],
  expirydate: ['unpublishdate'],
};

/** The settings Hugo uses when its config says nothing. */
export const DEFAULT_DATE_SETTINGS: HugoDateSettings = {
  timeZone: 'UTC',
  date: [...DEFAULTS.date],
  publishDate: [...DEFAULTS.publishDate],
  expiryDate: [...DEFAULTS.expiryDate],
  build: { drafts: false, future: false, expired: false },
};

/**
 * Reads `timeZone` and `[frontmatter]` from a Hugo site config (keys case-insensitive, as Hugo's).
 * `:default` expands to Hugo's list for that date; `:filename` is kept; `:git` and `:fileModTime`
 * (a commit's or the file system's time, which Folio does not track per file) are dropped, so the
 * next key decides. An unknown time zone is reported and UTC used.
 */
export function readDateSettings(get: (key: string) => unknown): HugoDateSettings {
  const zoneValue = get('timeZone');
  let timeZone = 'UTC';
  if (typeof zoneValue === 'string' && zoneValue.trim()) {
    const zone = zoneValue.trim();
    if (isKnownTimeZone(zone)) timeZone = zone;
    else
      console.warn(
        `The site's timeZone "${zone}" is not a known time zone; Folio reads dates as UTC.`,
      );
  }
  const table = get('frontmatter');
  const section =
    table && typeof table === 'object' && !Array.isArray(table)
      ? (table as Record<string, unknown>)
      : {};
  const list = (name: keyof typeof DEFAULTS): string[] => {
    const key = Object.keys(section).find((k) => k.toLowerCase() === name.toLowerCase());
    const value = key === undefined ? undefined : section[key];
    const items = typeof value === 'string' ? [value] : Array.isArray(value) ? value : null;
    if (!items) return [...DEFAULTS[name]];
    const out: string[] = [];
    for (const item of items) {
      if (typeof item !== 'string') continue;
      const lower = item.trim().toLowerCase();
      if (lower === ':default') out.push(...DEFAULTS[name]);
      else if (lower === ':filename') out.push(':filename');
      else if (lower.startsWith(':')) continue;
      else out.push(lower, ...(ALIASES[lower] ?? []));
    }
    return [...new Set(out)];
  };
  const on = (key: string) => {
    const value = get(key);
    return value === true || value === 'true';
  };
  return {
    timeZone,
    build: { drafts: on('buildDrafts'), future: on('buildFuture'), expired: on('buildExpired') },
    date: list('date'),
    publishDate: list('publishDate'),
    expiryDate: list('expiryDate'),
  };
}
