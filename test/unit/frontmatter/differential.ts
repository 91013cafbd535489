// Checks a fast front matter reader against its canonical reader: on every input the fast one
// either steps aside (null) or gives exactly the canonical data.
import fc from 'fast-check';
import { expect } from 'vitest';
import {
  createDocument,
  parseDocument,
  parseDocumentData,
} from '../../../shared/frontmatter/index.ts';
import type { FrontMatterData } from '../../../shared/frontmatter/index.ts';
import { bodyArb, dataArb } from './arbitraries.ts';

/** A fast reader and the canonical reader it must agree with (which throws on what it refuses). */
export interface ReaderPair {
  format: 'yaml' | 'toml';
  fast(source: string): FrontMatterData | null;
  canonical(source: string): FrontMatterData;
}

function canonicalOf(pair: ReaderPair, source: string): FrontMatterData | Error {
  try {
    return pair.canonical(source);
  } catch (err) {
    return err as Error;
  }
}

/** The invariant on one source; returns what the fast reader gave. */
export function expectAgreement(pair: ReaderPair, source: string): FrontMatterData | null {
  const fast = pair.fast(source);
  if (fast !== null) expect(fast, JSON.stringify(source)).toStrictEqual(canonicalOf(pair, source));
  return fast;
}

/** Everyday sources must be read fast (else the fast reader saves nothing), and agree. */
export function expectReadFast(pair: ReaderPair, sources: string[]): void {
  for (const source of sources) expect(expectAgreement(pair, source), source).not.toBeNull();
}

/** Special sources: agreement, and what the canonical reader refuses never comes back as data. */
export function expectDeclinedOrAgreed(pair: ReaderPair, sources: string[]): void {
  for (const source of sources) {
    expectAgreement(pair, source);
    if (canonicalOf(pair, source) instanceof Error) expect(pair.fast(source), source).toBeNull();
  }
}

/** Random sources agree, and at least `minAccepted` of them were read fast (not vacuous). */
export function expectAgreementOn(
  pair: ReaderPair,
  sources: fc.Arbitrary<string>,
  minAccepted: number,
  numRuns = 5000,
): void {
  let accepted = 0;
  fc.assert(
    fc.property(sources, (source) => {
      if (expectAgreement(pair, source)) accepted++;
    }),
    { numRuns },
  );
  expect(accepted).toBeGreaterThan(minAccepted);
}

/** Documents Folio writes, for any data: parseDocumentData gives what parseDocument gives. */
export function expectAgreementOnWrittenDocuments(pair: ReaderPair, minAccepted: number): void {
  const fence = pair.format === 'yaml' ? '---' : '+++';
  let accepted = 0;
  fc.assert(
    fc.property(dataArb(pair.format), bodyArb, (data, body) => {
      const text = createDocument(pair.format, data, body);
      expect(parseDocumentData(text)).toStrictEqual(parseDocument(text));
      if (pair.fast(text.slice(4, text.indexOf(`\n${fence}`, 3) + 1))) accepted++;
    }),
    { numRuns: 500 },
  );
  expect(accepted).toBeGreaterThan(minAccepted);
}
