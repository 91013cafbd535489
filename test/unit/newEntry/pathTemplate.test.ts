import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../../server/errors.ts';
import { renderPathTemplate } from '../../../server/services/newEntry/pathTemplate.ts';
import type { ZonedTime } from '../../../server/services/newEntry/goTimeFormat.ts';

// 2026-01-31 23:30 UTC is already February 1st at UTC+01:00.
const now: ZonedTime = { date: new Date('2026-01-31T23:30:05Z'), offsetMinutes: 60, zoneName: '' };
const values = { slug: 'hello-world', fields: { title: 'Olá, Mundo!', weight: 3 }, now };

describe('declared path templates', () => {
  it('fill the slug and the date parts in the editor time zone', () => {
    expect(renderPathTemplate('{{year}}/{{month}}/{{slug}}', values, 'x')).toBe(
      '2026/02/hello-world',
    );
    expect(
      renderPathTemplate('{{year}}-{{month}}-{{day}}-{{hour}}{{minute}}{{second}}', values, 'x'),
    ).toBe('2026-02-01-003005');
    expect(renderPathTemplate('{{slug}}/index', values, 'x')).toBe('hello-world/index');
    expect(renderPathTemplate('{{ slug }}', values, 'x')).toBe('hello-world');
  });

  it('slugify fields, as Decap does, with or without the fields. prefix', () => {
    expect(renderPathTemplate('{{fields.title}}', values, 'x')).toBe('ola-mundo');
    expect(renderPathTemplate('{{title}}-{{weight}}', values, 'x')).toBe('ola-mundo-3');
  });

  it('refuse unknown placeholders and missing fields, naming them and where they are', () => {
    expect(() => renderPathTemplate('{{weekday}}/{{slug}}', values, 'The posts path')).toThrow(
      /^The posts path has a placeholder Folio does not know, \{\{weekday\}\}/,
    );
    expect(() => renderPathTemplate('{{fields.author}}', values, 'The posts slug')).toThrow(
      ValidationError,
    );
    expect(() =>
      renderPathTemplate('{{fields.title}}', { ...values, fields: { title: '!!!' } }, 'x'),
    ).toThrow(/no "title" to fill it with/);
  });
});
