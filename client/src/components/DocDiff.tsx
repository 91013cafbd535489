import { useMemo } from 'react';
import type { FieldChange } from '../../../shared/api/contract.ts';
import type { EntryDoc } from '../lib/autosave.ts';
import { jsonEqual } from '../lib/jsonEqual.ts';
import { diffTexts } from '../lib/sideBySide.ts';
import { FieldChangesTable } from './FieldChangesTable.tsx';
import { SideBySideDiff } from './SideBySideDiff.tsx';

/** Front matter changes between two versions of a document. */
export function frontMatterChanges(before: EntryDoc, after: EntryDoc): FieldChange[] {
  const keys = [
    ...new Set([...Object.keys(before.frontMatter), ...Object.keys(after.frontMatter)]),
  ];
  return keys
    .filter((key) => !jsonEqual(before.frontMatter[key], after.frontMatter[key]))
    .map((key) => ({ key, before: before.frontMatter[key], after: after.frontMatter[key] }));
}

/** Differences between two versions of a post: a front matter table and a side-by-side body diff. */
export function DocDiff({
  before,
  after,
  beforeLabel,
  afterLabel,
}: {
  before: EntryDoc;
  after: EntryDoc;
  beforeLabel: string;
  afterLabel: string;
}) {
  const changes = useMemo(() => frontMatterChanges(before, after), [before, after]);
  const rows = useMemo(() => diffTexts(before.body, after.body), [before.body, after.body]);
  return (
    <div className="doc-diff">
      <FieldChangesTable
        changes={changes}
        caption={`Front matter: ${beforeLabel} → ${afterLabel}`}
      />
      <h3>Body</h3>
      <SideBySideDiff
        rows={before.body === after.body ? [] : rows}
        caption={`Body: ${beforeLabel} and ${afterLabel}`}
        leftLabel={beforeLabel}
        rightLabel={afterLabel}
      />
    </div>
  );
}
