import { describe, expect, it } from 'vitest';
import type { IndexedEntry } from '../../server/services/EntryIndex.ts';
import { parseDateText } from '../../server/services/status/dateText.ts';
import { entryInstants, entryStatus } from '../../server/services/status/entryStatus.ts';
import {
  DEFAULT_DATE_SETTINGS,
  type HugoDateSettings,
  readDateSettings,
} from '../../server/services/status/hugoDateSettings.ts';
import { formatInZone, wallTimeToInstant } from '../../server/services/status/zonedTime.ts';
import { summarizeDocument } from '../../server/services/summarizeDocument.ts';

const at = (iso: string): number => Date.parse(iso);

/** An indexed entry for `frontMatter` (YAML lines) at `path`. */
function entry(frontMatter: string, path = 'content/posts/post.md'): IndexedEntry {
  const doc = summarizeDocument(Buffer.from(`---\n${frontMatter}\n---\nBody.\n`));
  const file = path.split('/').pop()!;
  const bundle = file === 'index.md' ? 'leaf' : null;
  const slug = bundle ? path.split('/').slice(-2)[0]! : file.replace(/\.md$/, '');
  return {
    id: path,
    root: { dir: 'content', lang: null },
    collection: 'posts',
    lang: null,
    slug,
    bundle,
    oid: '0'.repeat(40),
    mode: '100644',
    doc,
  };
}

function settings(config: Record<string, unknown>): HugoDateSettings {
  return readDateSettings(
    (key) => config[Object.keys(config).find((k) => k.toLowerCase() === key.toLowerCase()) ?? ''],
  );
}

describe('date texts', () => {
  it('keeps an offset as an instant and a date without one as a wall-clock time', () => {
    expect(parseDateText('2027-01-12T09:00:00+01:00')).toEqual({
      ms: at('2027-01-12T08:00:00Z'),
      floating: false,
    });
    expect(parseDateText('2027-01-12T09:00:00Z')).toEqual({
      ms: at('2027-01-12T09:00:00Z'),
      floating: false,
    });
    expect(parseDateText('2027-01-12 09:00')).toEqual({
      ms: at('2027-01-12T09:00:00Z'),
      floating: true,
    });
    expect(parseDateText('2027-01-12')).toEqual({ ms: at('2027-01-12T00:00:00Z'), floating: true });
    expect(parseDateText('2027-01-12T09:00:00.250-0330')?.ms).toBe(at('2027-01-12T12:30:00.250Z'));
    expect(parseDateText('Tue, 12 Jan 2027 09:00:00 GMT')).toEqual({
      ms: at('2027-01-12T09:00:00Z'),
      floating: false,
    });
  });

  it('refuses what is not a date', () => {
    for (const text of ['2027-02-30', '2027-13-01', 'soon', '12', '2027-01-12T25:00', ''])
      expect(parseDateText(text)).toBeNull();
  });
});

describe('wall-clock times in a time zone (as Go and Hugo read them)', () => {
  it('moves a time in the spring-forward gap by the gap', () => {
    // Berlin skips 02:00-03:00 on 28 March 2027: Hugo shows 2027-03-28T03:30:00+02:00.
    expect(wallTimeToInstant(at('2027-03-28T02:30:00Z'), 'Europe/Berlin')).toBe(
      at('2027-03-28T01:30:00Z'),
    );
    // New York skips 02:00-03:00 on 14 March 2027: Go lands on 01:30 EST.
    expect(wallTimeToInstant(at('2027-03-14T02:30:00Z'), 'America/New_York')).toBe(
      at('2027-03-14T06:30:00Z'),
    );
  });

  it('reads an ambiguous fall-back time with the offset Go picks', () => {
    // 01:30 happens twice in New York on 1 November 2026: the first (EDT, -04:00).
    expect(wallTimeToInstant(at('2026-11-01T01:30:00Z'), 'America/New_York')).toBe(
      at('2026-11-01T05:30:00Z'),
    );
    // 02:30 happens twice in Berlin on 25 October 2026: Hugo shows +01:00 (the second).
    expect(wallTimeToInstant(at('2026-10-25T02:30:00Z'), 'Europe/Berlin')).toBe(
      at('2026-10-25T01:30:00Z'),
    );
  });

  it('formats an instant with the zone offset in force then', () => {
    expect(formatInZone(at('2027-03-28T01:30:00Z'), 'Europe/Berlin')).toBe(
      '2027-03-28T03:30:00+02:00',
    );
    expect(formatInZone(at('2027-01-12T08:00:00Z'), 'Europe/Berlin')).toBe(
      '2027-01-12T09:00:00+01:00',
    );
    expect(formatInZone(at('2027-01-12T08:00:00Z'), 'UTC')).toBe('2027-01-12T08:00:00Z');
    expect(formatInZone(at('2027-01-12T08:00:00Z'), 'Asia/Kolkata')).toBe(
      '2027-01-12T13:30:00+05:30',
    );
  });
});

describe('the [frontmatter] date config', () => {
  it("defaults to Hugo's lists, aliases included, and UTC", () => {
    expect(settings({})).toEqual(DEFAULT_DATE_SETTINGS);
    expect(DEFAULT_DATE_SETTINGS.publishDate).toEqual([
      'publishdate',
      'pubdate',
      'published',
      'date',
    ]);
  });

  it('expands :default, keeps :filename, adds aliases, ignores case and drops :git', () => {
    const s = settings({
      TimeZone: 'Europe/Berlin',
      FrontMatter: {
        PublishDate: ['goLive', ':filename', ':default'],
        expirydate: [':git', 'expiryDate'],
        date: 'myDate',
      },
    });
    expect(s.timeZone).toBe('Europe/Berlin');
    expect(s.publishDate).toEqual([
      'golive',
      ':filename',
      'publishdate',
      'pubdate',
      'published',
      'date',
    ]);
    expect(s.expiryDate).toEqual(['expirydate', 'unpublishdate']);
    expect(s.date).toEqual(['mydate']);
  });

  it('falls back to UTC for an unknown zone', () => {
    expect(settings({ timeZone: 'Mars/Olympus' }).timeZone).toBe('UTC');
  });
});

describe('entry status', () => {
  const berlin = settings({ timeZone: 'Europe/Berlin' });
  const newYork = settings({ timeZone: 'America/New_York' });
  const utc = DEFAULT_DATE_SETTINGS;

  it('is draft, scheduled, published or expired as Hugo decides', () => {
    const now = at('2026-12-07T12:00:00Z');
    expect(entryStatus(entry('draft: true\ndate: 2020-01-01'), utc, now)).toBe('draft');
    expect(entryStatus(entry('draft: "true"\ndate: 2030-01-01'), utc, now)).toBe('draft');
    expect(entryStatus(entry('date: 2027-01-12T09:00:00Z'), utc, now)).toBe('scheduled');
    expect(entryStatus(entry('date: 2020-01-01'), utc, now)).toBe('published');
    expect(entryStatus(entry('title: No date'), utc, now)).toBe('published');
    expect(entryStatus(entry('date: 2020-01-01\nexpiryDate: 2026-12-01'), utc, now)).toBe(
      'expired',
    );
    // Expired wins over a future publish date (Hugo lists neither as future nor as built).
    expect(entryStatus(entry('publishDate: 2030-01-01\nexpiryDate: 2026-12-01'), utc, now)).toBe(
      'expired',
    );
    // publishDate decides over date; Hugo's aliases and any key case count.
    expect(entryStatus(entry('date: 2020-01-01\npublishDate: 2027-01-01'), utc, now)).toBe(
      'scheduled',
    );
    expect(entryStatus(entry('date: 2030-01-01\nPublishDate: 2020-01-01'), utc, now)).toBe(
      'published',
    );
    expect(entryStatus(entry('pubdate: 2030-01-01'), utc, now)).toBe('scheduled');
    expect(entryStatus(entry('unpublishdate: 2026-01-01'), utc, now)).toBe('expired');
    // lastmod alone is no publish date (Hugo's publishDate list does not include it).
    expect(entryStatus(entry('lastmod: 2030-01-01'), utc, now)).toBe('published');
  });

  it('is null for a file whose front matter cannot be read', () => {
    const broken = entry('title: "open');
    expect(broken.doc.error).not.toBeNull();
    expect(entryStatus(broken, utc, 0)).toBeNull();
  });

  it('goes live exactly at the publish instant and expires just after the expiry instant', () => {
    const e = entry('date: 2027-01-12T09:00:00+01:00\nexpiryDate: 2027-02-01T00:00:00Z');
    expect(entryStatus(e, utc, at('2027-01-12T07:59:59.999Z'))).toBe('scheduled');
    expect(entryStatus(e, utc, at('2027-01-12T08:00:00Z'))).toBe('published');
    expect(entryStatus(e, utc, at('2027-02-01T00:00:00Z'))).toBe('published');
    expect(entryStatus(e, utc, at('2027-02-01T00:00:00.001Z'))).toBe('expired');
  });

  it("reads a date without an offset in the site's time zone", () => {
    const e = entry('date: 2027-01-12T09:00:00');
    const now = at('2027-01-12T08:30:00Z'); // 09:30 in Berlin, 08:30 in London
    expect(entryStatus(e, berlin, now)).toBe('published');
    expect(entryStatus(e, utc, now)).toBe('scheduled');
    expect(entryInstants(e, berlin).publish).toBe(at('2027-01-12T08:00:00Z'));
    // A date with an offset is the same instant whatever the site's zone.
    const fixed = entry('date: 2027-01-12T09:00:00-05:00');
    expect(entryInstants(fixed, berlin).publish).toBe(entryInstants(fixed, utc).publish);
  });

  it('handles a post dated in the spring-forward gap (Berlin, 28 March 2027 02:30)', () => {
    const e = entry('date: 2027-03-28T02:30:00');
    expect(entryInstants(e, berlin).publish).toBe(at('2027-03-28T01:30:00Z'));
    expect(entryStatus(e, berlin, at('2027-03-28T01:29:59Z'))).toBe('scheduled');
    expect(entryStatus(e, berlin, at('2027-03-28T01:30:00Z'))).toBe('published');
  });

  it('handles a post dated in the repeated fall-back hour (New York, 1 November 2026 01:30)', () => {
    const e = entry('date: 2026-11-01T01:30:00');
    expect(entryInstants(e, newYork).publish).toBe(at('2026-11-01T05:30:00Z'));
    // At 01:45 EST (the second 01:45) it has long been live; at 01:15 EDT it has not.
    expect(entryStatus(e, newYork, at('2026-11-01T06:45:00Z'))).toBe('published');
    expect(entryStatus(e, newYork, at('2026-11-01T05:15:00Z'))).toBe('scheduled');
  });

  it('follows a [frontmatter] config: custom keys, :filename, and no fallback Hugo would not make', () => {
    const custom = settings({
      frontmatter: { publishDate: ['goLive', ':default'], expiryDate: ['takeDown'] },
    });
    const now = at('2026-12-07T12:00:00Z');
    expect(entryStatus(entry('date: 2020-01-01\ngoLive: 2027-06-01'), custom, now)).toBe(
      'scheduled',
    );
    expect(entryStatus(entry('date: 2020-01-01\ntakedown: 2026-01-01'), custom, now)).toBe(
      'expired',
    );
    // expiryDate is no longer in the list: it is ignored.
    expect(entryStatus(entry('date: 2020-01-01\nexpiryDate: 2026-01-01'), custom, now)).toBe(
      'published',
    );
    const byName = settings({ frontmatter: { publishDate: [':filename', ':default'] } });
    expect(entryStatus(entry('title: x', 'content/posts/2031-05-01-launch.md'), byName, now)).toBe(
      'scheduled',
    );
    expect(
      entryStatus(entry('title: x', 'content/posts/2031-05-01-launch/index.md'), byName, now),
    ).toBe('scheduled');
    expect(entryStatus(entry('title: x', 'content/posts/2031-05-01-launch.md'), utc, now)).toBe(
      'published',
    );
    // A publishDate list without `date`: a future date alone does not schedule the post.
    const noDate = settings({ frontmatter: { publishDate: ['publishDate'] } });
    expect(entryStatus(entry('date: 2030-01-01'), noDate, now)).toBe('published');
  });
});
