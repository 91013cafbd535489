import { describe, expect, it } from 'vitest';
import { frontMatterComments } from '../../../shared/frontmatter/comments.ts';

describe('frontMatterComments', () => {
  it('gives YAML comments to the key below them, inside its value or at the end of its line', () => {
    const text = [
      '---',
      '# Draft: waiting for review',
      'title: "A # not a comment"',
      'pinned: true # until January',
      'tags:',
      '  # the first one matters',
      '  - a',
      '',
      '# images: [x]',
      '',
      "'odd key': 1 # quoted",
      '---',
      'Body # not front matter',
    ].join('\n');
    expect(frontMatterComments(text)).toEqual({
      title: ['Draft: waiting for review'],
      pinned: ['until January'],
      tags: ['the first one matters'],
      '': ['images: [x]'],
      'odd key': ['quoted'],
    });
  });

  it('reads TOML comments, tables by their first name, and nothing from JSON or broken text', () => {
    const text = '+++\n# why\ntitle = "x # y"\n[menu.main]\n  # inner\n  weight = 5\n+++\n';
    expect(frontMatterComments(text)).toEqual({ title: ['why'], menu: ['inner'] });
    expect(frontMatterComments('{"title": "x"}\n')).toEqual({});
    expect(frontMatterComments('---\ntitle: x\n')).toEqual({});
  });
});
