import { describe, expect, it } from 'vitest';
import {
  can,
  decide,
  entryPermissions,
  passwordProblem,
  permissionsOf,
  type EntryFacts,
  type PolicyUser,
} from '../../shared/policy/index.ts';

const user = (role: PolicyUser['role'], extra: Partial<PolicyUser> = {}): PolicyUser => ({
  username: 'ana',
  name: 'Ana Souza',
  role,
  ...extra,
});
const entry = (extra: Partial<EntryFacts> = {}): EntryFacts => ({
  collection: 'blog',
  draft: true,
  authors: [],
  createdBy: null,
  ...extra,
});

describe('the access policy', () => {
  it('lets a viewer read and change only their own profile', () => {
    expect(permissionsOf(user('viewer'))).toEqual(['content.read', 'profile.edit']);
    expect(can(user('viewer'), 'entry.edit', { entry: entry({ createdBy: 'ana' }) })).toBe(false);
    expect(entryPermissions(user('viewer'), entry())).toEqual({
      edit: false,
      publish: false,
      delete: false,
      move: false,
      restore: false,
    });
  });

  it('lets an author change their own drafts only, and never publish', () => {
    const author = user('author');
    expect(can(author, 'entry.create')).toBe(true);
    expect(entryPermissions(author, entry({ createdBy: 'ana' }))).toEqual({
      edit: true,
      publish: false,
      delete: true,
      move: true,
      restore: false,
    });
    expect(can(author, 'entry.edit', { entry: entry({ authors: ['ANA SOUZA'] }) })).toBe(true);
    expect(can(author, 'entry.edit', { entry: entry({ authors: ['ana'] }) })).toBe(true);
    const others = decide(author, 'entry.edit', { entry: entry({ createdBy: 'bruno' }) });
    expect(others).toMatchObject({ allowed: false, reason: 'not_own', permission: 'entry.edit' });
    const published = decide(author, 'entry.delete', {
      entry: entry({ createdBy: 'ana', draft: false }),
    });
    expect(published).toMatchObject({ allowed: false, reason: 'published' });
    const publish = decide(author, 'entry.publish', { entry: entry({ createdBy: 'ana' }) });
    expect(publish.allowed).toBe(false);
    expect(!publish.allowed && publish.message).toMatch(
      /^Publishing needs the editor role: ask an editor to publish.*entry\.publish/,
    );
  });

  it('lets an editor do every content action, and only an admin manage users', () => {
    expect(entryPermissions(user('editor'), entry({ draft: false }))).toEqual({
      edit: true,
      publish: true,
      delete: true,
      move: true,
      restore: true,
    });
    expect(can(user('editor'), 'users.manage')).toBe(false);
    const denied = decide(user('editor'), 'users.manage');
    expect(!denied.allowed && denied.message).toMatch(/admin role.*users\.manage/);
    expect(can(user('admin'), 'users.manage')).toBe(true);
    expect(can(user('admin'), 'settings.manage')).toBe(true);
  });

  it('keeps a restricted user to their collections (admins are never restricted)', () => {
    const restricted = user('editor', { collections: ['docs'] });
    expect(can(restricted, 'entry.edit', { entry: entry({ collection: 'docs' }) })).toBe(true);
    expect(decide(restricted, 'entry.edit', { entry: entry() })).toMatchObject({
      allowed: false,
      reason: 'collection',
    });
    expect(can(restricted, 'entry.create', { collection: 'blog' })).toBe(false);
    expect(can(restricted, 'content.read', { collection: 'blog' })).toBe(true);
    expect(can(user('admin', { collections: ['docs'] }), 'entry.edit', { entry: entry() })).toBe(
      true,
    );
  });

  it('refuses empty, short, common and self-naming passwords with a sentence', () => {
    expect(passwordProblem('')).toMatch(/empty/);
    expect(passwordProblem('short')).toMatch(/at least 10/);
    expect(passwordProblem('password123')).toMatch(/common/);
    expect(passwordProblem('aaaaaaaaaaaa')).toMatch(/common/);
    expect(passwordProblem('ana@example.org', { email: 'ana@example.org' })).toMatch(/email/);
    expect(passwordProblem('correct horse battery staple')).toBeNull();
  });
});
