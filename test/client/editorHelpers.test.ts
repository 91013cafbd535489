import { describe, expect, it } from 'vitest';
import type { Collection } from '../../shared/api/contract.ts';
import { newPostPath } from '../../client/src/components/NewPostDialog.tsx';
import { isSectionPage } from '../../client/src/components/PostRow.tsx';
import { inputKind, newKeyValue } from '../../client/src/lib/fieldKinds.ts';
import { addTokens, foldToken, splitTokens } from '../../client/src/lib/tokens.ts';
import { flagDone } from '../../client/src/hooks/useToggleFlag.ts';

describe('tokens', () => {
  it('splits pasted lists at commas and line breaks', () => {
    expect(splitTokens('Git,Folio\nHugo ,, \r\n')).toEqual(['Git', 'Folio', 'Hugo']);
  });
  it('keeps one spelling per token, taking the one in use', () => {
    expect(foldToken(' Lúcia ')).toBe('lucia');
    const result = addTokens(['Kubernetes'], ['kubernetes', 'openstack', 'Nova'], ['OpenStack']);
    expect(result.values).toEqual(['Kubernetes', 'OpenStack', 'Nova']);
    expect(result.notes).toEqual([
      'Already there as “Kubernetes”.',
      'Added as “OpenStack”, the spelling already in use.',
    ]);
  });
});

describe('new keys and paths', () => {
  it('gives a new key of each type a value its input is chosen by', () => {
    const now = new Date(2025, 0, 2, 3, 4, 5);
    expect(inputKind('teams', newKeyValue('list'))).toBe('tags');
    expect(inputKind('weight', newKeyValue('number'))).toBe('number');
    expect(inputKind('reviewed', newKeyValue('boolean'))).toBe('boolean');
    expect(inputKind('due', newKeyValue('date', now))).toBe('datetime');
    expect(inputKind('extra', newKeyValue('raw'))).toBe('raw');
    expect(inputKind('note', newKeyValue('text'))).toBe('string');
  });
  it('shows the path the server names for the language', () => {
    const blog: Collection = {
      name: 'blog',
      path: 'content/blog',
      count: 1,
      fields: [],
      newEntryPaths: {
        '': 'content/blog/{slug}.md',
        pt: 'content/blog/{slug}.md',
        en: 'content/blog/{slug}.en.md',
      },
    };
    expect(newPostPath(blog, 'pt', 'teste')).toBe('content/blog/teste.md');
    expect(newPostPath(blog, 'en', 'teste')).toBe('content/blog/teste.en.md');
    expect(newPostPath(blog, '', '')).toBe('content/blog/….md');
  });
  it('tells section pages and names what a toggle did', () => {
    expect(isSectionPage('content/docs/_index.md')).toBe(true);
    expect(isSectionPage('content/docs/_index.en.md')).toBe(true);
    expect(isSectionPage('content/docs/my_index.md')).toBe(false);
    expect(flagDone('pinned', 'Pinned', true)).toBe('Marked as pinned:');
    expect(flagDone('draft', 'Draft', false)).toBe('Published');
    expect(flagDone('featured', 'Featured', false)).toBe('Marked as not featured:');
  });
});
