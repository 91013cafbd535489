import { useQuery } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import type { Entry } from '../../../shared/api/contract.ts';
import { getEntryHistory } from '../api/endpoints.ts';
import type { EntryDoc } from '../lib/autosave.ts';
import type { ConflictedSave } from '../../../shared/api/sync.ts';
import { formatCommitDate, shortOid } from '../lib/format.ts';
import { applyMerge, buildMerge, rowId, type MergeChoice, type MergeRow } from '../lib/merge.ts';
import { diffTexts } from '../lib/sideBySide.ts';
import {
  conflictCount,
  resolveMerge,
  type ConflictChoice,
  type MergeChunk,
} from '../lib/merge3.ts';
import { showValue } from './FieldChangesTable.tsx';
import { SideBySideDiff } from './SideBySideDiff.tsx';
import { MergedBodyPreview, ThreeWayBodyMerge } from './ThreeWayBodyMerge.tsx';

/** Props of ConflictView. */
export interface ConflictViewProps {
  id: string;
  /** The version my edits started from (null when unknown). */
  base: EntryDoc | null;
  theirs: Entry;
  mine: EntryDoc;
  saving: boolean;
  onSaveMerge: (merged: EntryDoc, theirsOid: string) => void;
  onCancel: () => void;
  /** Set when "mine" is a conflicted save (made offline, contradicted by the remote), not this session's edits. */
  conflictedSave?: ConflictedSave;
}

const AUTO_NOTE: Record<MergeChoice, string> = {
  theirs: 'only they changed it',
  mine: 'only you changed it',
  combined: 'both changes combine',
};

/** What the body's three-way merge holds, for its heading. */
function bodyNote(chunks: MergeChunk[], open: number): string {
  const total = conflictCount(chunks);
  const sides = new Set(chunks.map((chunk) => chunk.kind));
  const who =
    sides.has('theirs') && sides.has('mine')
      ? 'both changed it'
      : sides.has('theirs')
        ? 'only they changed it'
        : sides.has('mine')
          ? 'only you changed it'
          : 'changed';
  if (total === 0) return `${who}, in different lines: both kept`;
  return open
    ? `${total} ${total === 1 ? 'conflict' : 'conflicts'}: choose below`
    : `${total} ${total === 1 ? 'conflict' : 'conflicts'}, all chosen`;
}

/** "a version for 1 field and 2 body conflicts". */
function pendingText(fields: number, conflicts: number): string {
  const parts = [
    fields ? `a version for ${fields} ${fields === 1 ? 'field' : 'fields'}` : '',
    conflicts ? `${conflicts} body ${conflicts === 1 ? 'conflict' : 'conflicts'}` : '',
  ].filter(Boolean);
  return parts.join(' and ');
}

/** Their version, mine, and a field-by-field merge (front matter keys and body), saved on top of theirs. */
export function ConflictView({
  id,
  base,
  theirs,
  mine,
  saving,
  onSaveMerge,
  onCancel,
  conflictedSave,
}: ConflictViewProps) {
  const theirsDoc = useMemo(
    () => ({ frontMatter: theirs.frontMatter, body: theirs.body }),
    [theirs],
  );
  const rows = useMemo(() => buildMerge(base, theirsDoc, mine), [base, theirsDoc, mine]);
  const [choices, setChoices] = useState<Record<string, MergeChoice>>({});
  // With a base, the body merges three-way: a choice per conflict instead of one for the body.
  const bodyChunks = rows.find((row) => row.key === null)?.chunks;
  const [bodyChoices, setBodyChoices] = useState<(ConflictChoice | undefined)[]>([]);
  const mergedBody = bodyChunks ? resolveMerge(bodyChunks, bodyChoices) : undefined;
  const openConflicts = bodyChunks
    ? conflictCount(bodyChunks) - bodyChoices.filter(Boolean).length
    : 0;
  const unresolved = rows.filter(
    (row) => row.auto === null && !choices[rowId(row)] && !(row.key === null && bodyChunks),
  );
  const chooseBody = (index: number, choice: ConflictChoice) =>
    setBodyChoices((current) => Object.assign([...current], { [index]: choice }));
  const pending = unresolved.length + openConflicts;
  const lastCommit = useQuery({
    queryKey: ['history', 'entry', id, 'latest'],
    queryFn: () => getEntryHistory(id, undefined, 1),
  });
  const who = lastCommit.data?.items[0];
  const choose = (row: MergeRow, choice: MergeChoice) =>
    setChoices((current) => ({ ...current, [rowId(row)]: choice }));

  return (
    <section className="conflict" aria-labelledby="conflict-title">
      <h2 id="conflict-title">
        {conflictedSave
          ? 'This save conflicts with a change on the remote'
          : 'This post changed while you were editing'}
      </h2>
      <p>
        {conflictedSave &&
          `${conflictedSave.author} saved this version ${formatCommitDate(conflictedSave.date)} while the remote could not be reached (commit ${shortOid(conflictedSave.commit)}: ${conflictedSave.subject}); it is “yours” below. `}
        {who
          ? `${conflictedSave ? 'Meanwhile ' : ''}${who.author.name} saved it ${formatCommitDate(who.date)} (“${who.message.split('\n')[0]}”). `
          : 'Someone else saved it. '}
        Nothing was overwritten. Pick a version for each field that differs, then save the merge on
        top of their version.
      </p>
      {rows.length === 0 && (
        <p>Their version and yours are the same: saving the merge records nothing new.</p>
      )}
      {rows.map((row) => {
        const name = row.key ?? 'Body';
        const chosen = choices[rowId(row)] ?? row.auto;
        return (
          <fieldset
            key={rowId(row)}
            className={`merge-row${row.auto === null && !(row.key === null && bodyChunks) ? ' is-conflict' : ''}`}
          >
            <legend>
              {row.key === null ? 'Body' : <code>{row.key}</code>}
              <span className="merge-note">
                {row.key === null && bodyChunks
                  ? bodyNote(bodyChunks, openConflicts)
                  : row.auto
                    ? AUTO_NOTE[row.auto]
                    : 'you both changed it: choose'}
              </span>
            </legend>
            {row.key !== null ? (
              <div className="merge-values">
                {base && (
                  <p className="merge-base">
                    <span className="merge-side">Base</span> {showValue(row.base)}
                  </p>
                )}
                <p>
                  <span className="merge-side">Theirs</span> {showValue(row.theirs)}
                </p>
                <p>
                  <span className="merge-side">Yours</span> {showValue(row.mine)}
                </p>
              </div>
            ) : bodyChunks ? (
              <>
                <ThreeWayBodyMerge
                  chunks={bodyChunks}
                  choices={bodyChoices}
                  onChoose={chooseBody}
                />
                <MergedBodyPreview chunks={bodyChunks} choices={bodyChoices} />
              </>
            ) : (
              <SideBySideDiff
                rows={diffTexts(String(row.theirs), String(row.mine))}
                caption="Body: theirs and yours"
                leftLabel="Theirs"
                rightLabel="Yours"
              />
            )}
            {!(row.key === null && bodyChunks) && (
              <div className="merge-choices" role="radiogroup" aria-label={`Version of ${name}`}>
                {(
                  [
                    'theirs',
                    'mine',
                    ...(row.combined !== undefined ? ['combined' as const] : []),
                  ] as MergeChoice[]
                ).map((choice) => (
                  <label key={choice} className="merge-choice">
                    <input
                      type="radio"
                      name={`${id}-${rowId(row)}`}
                      checked={chosen === choice}
                      onChange={() => choose(row, choice)}
                    />
                    {choice === 'theirs'
                      ? 'Keep theirs'
                      : choice === 'mine'
                        ? 'Keep mine'
                        : 'Combine both'}
                  </label>
                ))}
              </div>
            )}
          </fieldset>
        );
      })}
      <div className="conflict-actions">
        <button
          type="button"
          className="button button-primary"
          disabled={saving || pending > 0}
          onClick={() =>
            onSaveMerge(
              applyMerge(theirsDoc, mine, rows, choices, mergedBody ?? undefined),
              theirs.oid,
            )
          }
        >
          {saving ? 'Saving merge…' : 'Save merge'}
        </button>
        <button type="button" className="button button-quiet" onClick={onCancel} disabled={saving}>
          Back to my version
        </button>
        {pending > 0 && (
          <span className="field-help" role="status">
            Choose {pendingText(unresolved.length, openConflicts)}.
          </span>
        )}
      </div>
    </section>
  );
}
