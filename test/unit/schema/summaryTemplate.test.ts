// Decap's summary templates as its documentation writes them: placeholders, fields., the date
// parts of the entry's date, and the filters upper, lower, date, default, ternary and truncate.
import { describe, expect, it } from 'vitest';
import {
  datePart,
  formatDate,
  parseSummaryTemplate,
  renderSummary,
  type SummaryValue,
} from '../../../shared/schema/summaryTemplate.ts';

const ENTRY: Record<string, SummaryValue> = {
  title: 'Hello world',
  date: '2025-04-18T22:30:05-06:00',
  version: 3,
  draft: true,
  tags: ['go', 'hugo'],
  author: null,
};
const lookup = (name: string): SummaryValue =>
  ['year', 'month', 'day', 'hour', 'minute', 'second'].includes(name)
    ? datePart(ENTRY.date as string, name)
    : (ENTRY[name] ?? null);
const render = (template: string) => {
  const { parts, problems } = parseSummaryTemplate(template);
  return { text: renderSummary(parts, lookup), problems };
};

describe('summary templates', () => {
  it.each([
    ['{{title}} – {{year}}-{{month}}', 'Hello world – 2025-04'],
    ['Version: {{version}} - {{title}}', 'Version: 3 - Hello world'],
    [
      '{{fields.title}} ({{day}}.{{month}}.{{year}} {{hour}}:{{minute}}:{{second}})',
      'Hello world (18.04.2025 22:30:05)',
    ],
    ["{{date | date('YYYY-MM-DD')}}", '2025-04-18'],
    ["{{date | date('MMM D, YYYY h:mm A')}}", 'Apr 18, 2025 10:30 PM'],
    ["{{date | date('dddd [the] D')}}", 'Friday the 18'],
    ['{{title | upper}} / {{title | lower}}', 'HELLO WORLD / hello world'],
    ["{{author | default('Anonymous')}}", 'Anonymous'],
    ["{{draft | ternary('Draft', 'Live')}}: {{title}}", 'Draft: Hello world'],
    ["{{missing | ternary('yes', 'no')}}", 'no'],
    ["{{title | truncate(5, '…')}}", 'Hello…'],
    ['{{tags}}', 'go, hugo'],
    ['{{  title  }}', 'Hello world'],
    // An empty placeholder leaves no stray spaces.
    ['{{author}} {{title}}', 'Hello world'],
  ])('%s -> %s', (template, expected) => {
    expect(render(template)).toEqual({ text: expected, problems: [] });
  });

  it('keeps the date as written: the offset does not move the day', () => {
    expect(formatDate('2025-04-18T23:59:00-06:00', 'YYYY-MM-DD HH:mm')).toBe('2025-04-18 23:59');
    expect(formatDate('2025-04-18', 'D MMMM YY')).toBe('18 April 25');
    expect(formatDate('not a date', 'YYYY')).toBe('not a date');
    expect(datePart(null, 'year')).toBeNull();
  });

  it('reports what it cannot render, and renders the rest', () => {
    const { text, problems } = render(
      "{{title | bogus}} {{commit_author}} {{image.src}} {{date | date('YYYY')}}",
    );
    expect(text).toBe('Hello world 2025');
    expect(problems).toEqual([
      'The filter "bogus" of {{title | bogus}} is not one Folio knows: left out.',
      "{{commit_author}}: Folio's list has no commit date or author per row; it shows nothing there.",
      '{{image.src}}: only top-level keys are shown in the list; it shows nothing there.',
    ]);
  });

  it('keeps a pipe inside a quoted argument', () => {
    expect(render("{{date | date('YYYY | MM')}}").text).toBe('2025 | 04');
  });
});
