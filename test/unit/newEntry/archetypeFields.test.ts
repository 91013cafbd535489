// How an archetype's fields join those inferred from a collection's files.
import { describe, expect, it } from 'vitest';
import type { FieldSpec } from '../../../shared/fields/types.ts';
import { withArchetypeFields } from '../../../server/services/newEntry/archetypeFields.ts';
import { fieldShapes, inferFieldsFromShapes } from '../../../server/services/inferFields.ts';

describe('withArchetypeFields', () => {
  const inferred: FieldSpec[] = [
    { name: 'title', kind: 'string' },
    { name: 'toc', kind: 'boolean' },
    { name: 'weight', kind: 'string' },
  ];

  it('appends the keys the files lack, in the archetype order, after the files keys', () => {
    const archetype: FieldSpec[] = [
      { name: 'series', kind: 'string', default: 'X' },
      { name: 'title', kind: 'string' },
      { name: 'date', kind: 'datetime' },
    ];
    expect(withArchetypeFields(inferred, archetype).map((f) => f.name)).toEqual([
      'title',
      'toc',
      'weight',
      'series',
      'date',
    ]);
  });

  it('gives a key the files have the archetype default only when the kinds agree', () => {
    const archetype: FieldSpec[] = [
      { name: 'toc', kind: 'boolean', default: true },
      { name: 'weight', kind: 'number', default: 10 },
    ];
    const merged = withArchetypeFields(inferred, archetype);
    expect(merged.find((f) => f.name === 'toc')).toEqual({
      name: 'toc',
      kind: 'boolean',
      default: true,
    });
    // The files write weight as text: a number default would not fit what they hold.
    expect(merged.find((f) => f.name === 'weight')).toEqual({ name: 'weight', kind: 'string' });
  });

  it('changes nothing without an archetype', () => {
    expect(withArchetypeFields(inferred, [])).toEqual(inferred);
  });
});

describe('inferring from one rendered archetype', () => {
  it('keeps the archetype order and reads an empty image list as images', () => {
    const shapes = fieldShapes({
      title: 'Folio Sample One',
      date: '2001-02-03T04:05:06+00:00',
      images: [],
      tags: [],
      draft: true,
    });
    expect(inferFieldsFromShapes([shapes])).toEqual([
      { name: 'title', kind: 'string' },
      { name: 'date', kind: 'datetime' },
      { name: 'images', kind: 'image', multiple: true },
      { name: 'tags', kind: 'tags' },
      { name: 'draft', kind: 'boolean', flag: true, filter: true },
    ]);
  });
});
