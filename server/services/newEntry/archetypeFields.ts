import { isDeepStrictEqual } from 'node:util';
import type { FieldSpec } from '../../../shared/fields/types.ts';
import type { ObjectStore } from '../../git/ObjectStore.ts';
import { fieldShapes, inferFieldsFromShapes } from '../inferFields.ts';
import type { SiteConfig } from '../siteConfig.ts';
import type { Archetype } from './archetypes.ts';
import { renderArchetype, siteValues } from './renderArchetype.ts';

// Two made-up new entries, a year, a day and an hour apart: a key whose value is the same in both
// is written as is by the archetype (a default); one that differs comes from `.Name` or `.Date`.
const SAMPLES = [
  { slug: 'folio-sample-one', date: new Date('2001-02-03T04:05:06Z') },
  { slug: 'folio-sample-two', date: new Date('2002-03-04T05:06:07Z') },
];

/**
 * The fields an archetype gives a section's new entries, in its order: each key's kind from the
 * value the archetype renders (`{{ .Date }}` a datetime, `{{ replace .Name "-" " " | title }}` a
 * string), and as `default` the value it writes as is (not from `.Name` or `.Date`). Empty when
 * Folio cannot render it (a construct it does not evaluate, no front matter).
 */
export async function archetypeFields(
  objects: ObjectStore,
  tree: string,
  archetype: Archetype,
  section: string,
  config: SiteConfig,
): Promise<FieldSpec[]> {
  const site = siteValues(config);
  const rendered = [];
  for (const sample of SAMPLES) {
    const result = await renderArchetype(
      objects,
      tree,
      archetype,
      {
        section,
        slug: sample.slug,
        lang: config.defaultLanguage,
        bundle: archetype.bundle,
        contentPath: `${section ? `${section}/` : ''}${sample.slug}${archetype.bundle ? '/index' : ''}.md`,
      },
      site,
      { date: sample.date, offsetMinutes: 0, zoneName: 'UTC' },
    );
    if (!result || !('doc' in result)) return [];
    rendered.push(result.doc.data);
  }
  const [first, second] = rendered as [Record<string, unknown>, Record<string, unknown>];
  return inferFieldsFromShapes([fieldShapes(first)]).map((field) => {
    const value = first[field.name];
    const literal = isDeepStrictEqual(value, second[field.name]);
    if (!literal || value === null || value === '' || isEmptyCollection(value)) return field;
    // The kind's default must fit the kind: a tags field's default is its list, as written.
    return { ...field, default: value as FieldSpec['default'] };
  });
}

function isEmptyCollection(value: unknown): boolean {
  if (Array.isArray(value)) return value.length === 0;
  return typeof value === 'object' && value !== null && Object.keys(value).length === 0;
}

/**
 * A collection's inferred fields with its archetype's: the keys no file has yet are added in the
 * archetype's order, and a key both have takes the archetype's default when their kinds agree.
 */
export function withArchetypeFields(
  inferred: readonly FieldSpec[],
  fromArchetype: readonly FieldSpec[],
): FieldSpec[] {
  const byName = new Map(fromArchetype.map((field) => [field.name, field]));
  const merged = inferred.map((field) => {
    const expected = byName.get(field.name);
    return expected?.default !== undefined && expected.kind === field.kind
      ? { ...field, default: expected.default }
      : field;
  });
  const seen = new Set(inferred.map((field) => field.name));
  return [...merged, ...fromArchetype.filter((field) => !seen.has(field.name))];
}
