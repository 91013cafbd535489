import { slugify } from '../../../shared/slugify.ts';
import { ValidationError } from '../../errors.ts';
import { formatGoTime, type ZonedTime } from './goTimeFormat.ts';

/** What the placeholders of a declared `path` or `slug` template are filled with. */
export interface PathValues {
  /** The slug the editor typed, or the one made from the title. */
  slug: string;
  /** The new entry's front matter (`{{fields.title}}`, Decap's `{{title}}`). */
  fields: Record<string, unknown>;
  now: ZonedTime;
}

const DATE_PARTS: Record<string, string> = {
  year: '2006',
  month: '01',
  day: '02',
  hour: '15',
  minute: '04',
  second: '05',
};

/**
 * Fills a Decap/Folio path template (`{{year}}/{{month}}/{{slug}}`, `{{fields.title}}`,
 * `{{slug}}/index`): dates in the server's time zone, fields slugified as Decap does. An unknown
 * placeholder is a 400 naming it and `where` it was declared.
 */
export function renderPathTemplate(template: string, values: PathValues, where: string): string {
  return template.replace(/\{\{\s*([^{}]*?)\s*\}\}/g, (_, name: string) => {
    if (name === 'slug') return values.slug;
    if (name in DATE_PARTS) return formatGoTime(values.now, DATE_PARTS[name]!);
    const key = name.startsWith('fields.') ? name.slice('fields.'.length) : name;
    const value = values.fields[key];
    if (typeof value === 'string' || typeof value === 'number') {
      const part = slugify(String(value));
      if (part) return part;
    }
    if (name.startsWith('fields.') || key in values.fields)
      throw new ValidationError(
        `${where} names {{${name}}}, but the new entry has no "${key}" to fill it with: give it a value first.`,
      );
    throw new ValidationError(
      `${where} has a placeholder Folio does not know, {{${name}}}: use {{slug}}, {{year}}, {{month}}, {{day}}, {{hour}}, {{minute}}, {{second}} or {{fields.<name>}}.`,
    );
  });
}
