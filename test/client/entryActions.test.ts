import { describe, expect, it } from 'vitest';
import type { Collection } from '../../shared/api/contract.ts';
import {
  copyFrontMatter,
  duplicatePath,
  entryName,
  moveTargetProblem,
} from '../../client/src/lib/entryActions.ts';

const blog: Collection = {
  name: 'blog',
  path: 'content/blog',
  count: 3,
  fields: [],
  newEntryPaths: {
    '': 'content/blog/{slug}.md',
    pt: 'content/blog/{slug}.md',
    en: 'content/blog/{slug}.en.md',
  },
};

describe('entry actions: names and paths', () => {
  it('splits ids into folder, slug, language and bundle', () => {
    expect(entryName('content/blog/x.en.md')).toEqual({
      folder: 'content/blog',
      slug: 'x',
      lang: 'en',
      ext: '.md',
      bundle: false,
    });
    expect(entryName('content/blog/guia/index.zh-hans.md')).toMatchObject({
      folder: 'content/blog',
      slug: 'guia',
      lang: 'zh-hans',
      bundle: true,
    });
    expect(entryName('content/blog/post.md')).toMatchObject({ slug: 'post', lang: null });
  });

  it('predicts the path POST /api/entries gives a copy, keeping bundle and language', () => {
    expect(duplicatePath('content/blog/x.md', blog, 'x-copy')).toBe('content/blog/x-copy.md');
    expect(duplicatePath('content/blog/x.en.md', blog, 'x copy')).toBe('content/blog/x-copy.en.md');
    expect(duplicatePath('content/blog/g/index.en.md', blog, 'g-copy')).toBe(
      'content/blog/g-copy/index.en.md',
    );
    // A language the site does not have is no language: the default path.
    expect(duplicatePath('content/blog/x.xx.md', blog, 'Cópia')).toBe('content/blog/copia.md');
  });

  it('marks a copy as a draft titled "(copy)", keeping the other keys', () => {
    expect(copyFrontMatter({ title: 'A', draft: false, tags: ['t'] })).toEqual({
      title: 'A (copy)',
      draft: true,
      tags: ['t'],
    });
  });

  it('explains a move target it will not send', () => {
    expect(moveTargetProblem('content/a.md', 'content/a.md')).toMatch(/where the post is now/);
    expect(moveTargetProblem('content/a.md', 'content/b.txt')).toMatch(/must end in \.md/);
    expect(moveTargetProblem('content/a.md', 'content/../b.md')).toMatch(/"\.\."/);
    expect(moveTargetProblem('content/a.md', ' ')).toMatch(/Type the new path/);
    expect(moveTargetProblem('content/a.md', 'content/docs/b.md')).toBeNull();
  });
});
