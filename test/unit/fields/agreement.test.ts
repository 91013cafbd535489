import { describe, expect, it } from 'vitest';
import { inputKind } from '../../../client/src/lib/fieldKinds.ts';
import { fieldShapes } from '../../../server/services/inferFields.ts';
import { LONG_TEXT, detectKind } from '../../../shared/fields/index.ts';

// The long-text threshold was 200 on the server and 100 in the form; now both take shared/fields'.
describe('server inference, the form and shared/fields agree on long text', () => {
  it.each([LONG_TEXT, LONG_TEXT + 1, 150, 250])('a %i-character value', (length) => {
    const value = 'a'.repeat(length);
    const long = length > LONG_TEXT;
    const shapes = JSON.parse(fieldShapes({ summary2: value })!) as [string, string][];
    const serverType = shapes[0]?.[1];
    expect(serverType).toBe(long ? 'text' : 'string');
    expect(inputKind('summary2', value)).toBe(long ? 'text' : 'string');
    expect(detectKind('summary2', value)).toBe(long ? 'text' : 'string');
  });
});
