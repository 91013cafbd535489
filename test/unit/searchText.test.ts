import { describe, expect, it } from 'vitest';
import { fitsOneByte, foldText, oneByte } from '../../server/services/foldText.ts';
import {
  distinctWords,
  searchText,
  summarizeDocument,
} from '../../server/services/summarizeDocument.ts';

// What a search does with a text (listEntries): every folded term of the query is a substring.
function matches(text: string, query: string): boolean {
  return foldText(query)
    .split(/\s+/)
    .filter(Boolean)
    .every((term) => text.includes(term));
}

const BODY = [
  'Deploying the cluster — step by step.',
  '',
  '## Install',
  '',
  'Run `kubectl apply -f https://example.org/deploy.yaml` and check the cluster again:',
  'the “operator” rolls out; don’t skip the review. Combinação perfeita.',
  '',
  '- deploy',
  '- deploy\t(again)',
  '    indented code: node_modules/.bin/vite build',
].join('\n');

describe('search texts', () => {
  it('keep each word of the body once, in order of first use', () => {
    expect(distinctWords('b a  b\n\nc\ta b')).toBe('b a c');
    expect(distinctWords('  ')).toBe('');
    const text = searchText('Title', BODY);
    const words = text.split('\n')[1]!.split(' ');
    expect(new Set(words).size).toBe(words.length);
    expect(text.length).toBeLessThan(BODY.length);
  });

  it('match every query the whole folded body matches, and no other', () => {
    const whole = `${foldText('Title')}\n${foldText(BODY)}`;
    const compact = searchText('Title', BODY);
    const queries = [
      'cluster',
      'CLUSTER deploy',
      'deploy.yaml',
      'https://example.org/deploy',
      'org/deploy.yaml`',
      'step by step',
      'combinacao',
      'Combinação perfeita.',
      'vite build',
      'modules/.bin',
      '"operator"',
      'don’t',
      "don't",
      'title',
      // Across words or lines: neither text has these as one substring.
      'againthe',
      'step-by',
      'kubernetes',
      'deploy deploy.yml',
    ];
    for (const query of queries) expect(matches(compact, query), query).toBe(matches(whole, query));
  });

  it('fold typographic quotes and dashes to plain ones, in queries and texts alike', () => {
    expect(foldText('Don’t “quote” — it‘s ‘fine’ – 1−2')).toBe(
      "don't \"quote\" - it's 'fine' - 1-2",
    );
    expect(matches(searchText(null, 'We don’t ship — yet.'), "don't ship -")).toBe(true);
    expect(matches(searchText(null, "We don't ship."), 'don’t')).toBe(true);
  });

  it('are stored one byte a character whenever they fit in Latin-1', () => {
    const text = searchText('Ação', 'A “quoted” word — and é.');
    expect(fitsOneByte(text)).toBe(true);
    expect(oneByte(text)).toBe(text);
    // Two bytes a character only when a character needs it (here, CJK).
    const wide = searchText('标题', '中文 内容');
    expect(fitsOneByte(wide)).toBe(false);
    expect(wide).toBe('标题\n中文 内容');
  });

  it('are the same from an eager parse and from an unparseable file', () => {
    const doc = summarizeDocument(Buffer.from(`---\ntitle: "Hi"\n---\n\n${BODY}\n`));
    expect(doc.search).toBe(searchText('Hi', `\n${BODY}\n`));
    const broken = summarizeDocument(Buffer.from('---\ntitle: [\n---\nword word other\n'));
    expect(broken.error).not.toBeNull();
    expect(broken.search).toBe('--- title: [ word other');
  });
});
