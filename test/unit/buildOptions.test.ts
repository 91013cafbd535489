// Hugo's build options and its undocumented `published` key, as Folio's status reads them
// (test/hugo/hugoStatus.test.ts checks the same against a real hugo build).
import { describe, expect, it } from 'vitest';
import { describeBuiltBy } from '../../client/src/lib/entryStatus.ts';
import type { EntrySummary } from '../../shared/api/contract.ts';
import type { IndexedEntry } from '../../server/services/EntryIndex.ts';
import { builtBy, entryStatus } from '../../server/services/status/entryStatus.ts';
import { readDateSettings } from '../../server/services/status/hugoDateSettings.ts';
import { summarizeDocument } from '../../server/services/summarizeDocument.ts';

const NOW = Date.parse('2026-06-01T00:00:00Z');

function entry(frontMatter: string): IndexedEntry {
  return {
    id: 'content/posts/post.md',
    root: { dir: 'content', lang: null },
    collection: 'posts',
    lang: null,
    slug: 'post',
    bundle: null,
    oid: '0'.repeat(40),
    mode: '100644',
    doc: summarizeDocument(Buffer.from(`---\n${frontMatter}\n---\nBody.\n`)),
  };
}

const settings = (config: Record<string, unknown>) =>
  readDateSettings((key) => config[key.toLowerCase()]);

describe("Hugo's published key", () => {
  it('makes a draft of published: false, unless draft is there too (draft wins)', () => {
    expect(entry('published: false').doc.draft).toBe(true);
    expect(entry('published: "false"').doc.draft).toBe(true);
    expect(entry('published: true').doc.draft).toBe(false);
    expect(entry('draft: false\npublished: false').doc.draft).toBe(false);
    expect(entry('draft: true\npublished: true').doc.draft).toBe(true);
    // A date under `published` is Hugo's publish date alias, not a draft.
    expect(entry('published: 2020-01-01').doc.draft).toBe(false);
  });
});

describe('builtBy', () => {
  const future = entry('date: 2027-01-01');
  const expired = entry('date: 2026-01-01\nexpiryDate: 2026-02-01');
  const draftFuture = entry('date: 2027-01-01\ndraft: true');
  const by = (e: IndexedEntry, config: Record<string, unknown>) => {
    const s = settings(config);
    return builtBy(e, s, NOW, entryStatus(e, s, NOW));
  };

  it('reads the build options, false by default', () => {
    expect(settings({}).build).toEqual({ drafts: false, future: false, expired: false });
    expect(settings({ buildfuture: true, buildexpired: 'true' }).build).toEqual({
      drafts: false,
      future: true,
      expired: true,
    });
  });

  it('names the option that makes a build publish the entry, keeping its status', () => {
    expect(by(future, {})).toBeNull();
    expect(by(future, { buildfuture: true })).toEqual(['buildFuture']);
    expect(entryStatus(future, settings({ buildfuture: true }), NOW)).toBe('scheduled');
    expect(by(expired, { buildexpired: true })).toEqual(['buildExpired']);
    expect(by(expired, { buildfuture: true })).toBeNull();
    expect(by(entry('date: 2020-01-01'), { buildfuture: true })).toBeNull();
  });

  it('needs every option when several reasons keep the entry out', () => {
    expect(by(draftFuture, { builddrafts: true })).toBeNull();
    expect(by(draftFuture, { buildfuture: true })).toBeNull();
    expect(by(draftFuture, { builddrafts: true, buildfuture: true })).toEqual([
      'buildDrafts',
      'buildFuture',
    ]);
  });

  it('is said in words on the badge', () => {
    const row = { status: 'scheduled', draft: false, builtBy: ['buildFuture'] } as EntrySummary;
    expect(describeBuiltBy(row)).toBe(
      'yet the site’s buildFuture = true publishes it in every build',
    );
    expect(describeBuiltBy({ ...row, builtBy: undefined })).toBeNull();
  });
});
