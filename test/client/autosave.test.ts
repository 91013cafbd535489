import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  clearDrafts,
  readDrafts,
  removeDraft,
  resumeDrafts,
  writeDraft,
  type AutosavedDraft,
} from '../../client/src/lib/autosave.ts';

/** A localStorage for Node: the Storage methods autosave uses, over a Map. */
class MemoryStorage {
  private readonly items = new Map<string, string>();
  get length(): number {
    return this.items.size;
  }
  key(index: number): string | null {
    return [...this.items.keys()][index] ?? null;
  }
  getItem(key: string): string | null {
    return this.items.get(key) ?? null;
  }
  setItem(key: string, value: string): void {
    this.items.set(key, String(value));
  }
  removeItem(key: string): void {
    this.items.delete(key);
  }
}

const draft = (id: string, baseOid: string, body: string): AutosavedDraft => ({
  id,
  baseOid,
  doc: { frontMatter: { title: 'T' }, body },
  message: '',
  savedAt: new Date().toISOString(),
});
const ID = 'content/blog/alpha.md';

describe('autosaved drafts are kept per editor', () => {
  beforeEach(() => {
    (globalThis as { localStorage?: unknown }).localStorage = new MemoryStorage();
  });
  afterEach(() => {
    delete (globalThis as { localStorage?: unknown }).localStorage;
  });

  it("never shows one editor's draft to another on the same browser", () => {
    expect(writeDraft('ana', draft(ID, 'a1', "Ana's unsaved text"))).toBe(true);
    expect(readDrafts('ana', ID).map((d) => d.doc.body)).toEqual(["Ana's unsaved text"]);
    expect(readDrafts('bruno', ID)).toEqual([]);
    removeDraft('bruno', ID, 'a1'); // another editor's removal does not touch it
    expect(readDrafts('ana', ID)).toHaveLength(1);
    removeDraft('ana', ID, 'a1');
    expect(readDrafts('ana', ID)).toEqual([]);
  });

  it("clears the editor's drafts (and unowned old ones) at sign-out, and drops late writes until the next sign-in", () => {
    writeDraft('ana', draft(ID, 'a1', 'one'));
    writeDraft('ana', draft('content/blog/beta.md', 'b1', 'two'));
    writeDraft('bruno', draft(ID, 'a1', "Bruno's"));
    // A draft written before drafts were per editor: nobody can tell whose it is.
    localStorage.setItem(
      `folio:autosave:${JSON.stringify([ID, 'a0'])}`,
      JSON.stringify(draft(ID, 'a0', 'old')),
    );
    localStorage.setItem('unrelated', 'kept');

    clearDrafts('ana');
    expect(Object.keys(Object.fromEntries(listKeys()))).toEqual([
      `folio:autosave:${JSON.stringify(['bruno', ID, 'a1'])}`,
      'unrelated',
    ]);
    // The editor unmounting after sign-out flushes its pending draft: it must not come back.
    writeDraft('ana', draft(ID, 'a1', 'late flush'));
    expect(readDrafts('ana', ID)).toEqual([]);
    resumeDrafts('ana');
    writeDraft('ana', draft(ID, 'a2', 'after signing in again'));
    expect(readDrafts('ana', ID).map((d) => d.doc.body)).toEqual(['after signing in again']);
  });
});

function listKeys(): [string, string][] {
  const out: [string, string][] = [];
  for (let i = 0; i < localStorage.length; i++) {
    const key = localStorage.key(i)!;
    out.push([key, localStorage.getItem(key)!]);
  }
  return out.sort(([a], [b]) => a.localeCompare(b));
}
