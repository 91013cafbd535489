import { useQuery } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import type { Entry } from '../../../shared/api/contract.ts';
import { getEntryHistory } from '../api/endpoints.ts';
import type { EntryDoc } from '../lib/autosave.ts';
import type { ConflictedSave } from '../../../shared/api/sync.ts';
import { formatCommitDate, shortOid } from '../lib/format.ts';
import { applyMerge, buildMerge, rowId, type MergeChoice, type MergeRow } from '../lib/merge.ts';
import { diffTexts } from '../lib/sideBySide.ts';
import { showValue } from './FieldChangesTable.tsx';
import { SideBySideDiff } from './SideBySideDiff.tsx';

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
  const unresolved = rows.filter((row) => row.auto === null && !choices[rowId(row)]);
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
            className={`merge-row${row.auto === null ? ' is-conflict' : ''}`}
          >
            <legend>
              {row.key === null ? 'Body' : <code>{row.key}</code>}
              <span className="merge-note">
                {row.auto ? AUTO_NOTE[row.auto] : 'you both changed it: choose'}
              </span>
            </legend>
            {row.key !== null ? (
              <div className="merge-values">
                <p>
                  <span className="merge-side">Theirs</span> {showValue(row.theirs)}
                </p>
                <p>
                  <span className="merge-side">Yours</span> {showValue(row.mine)}
                </p>
              </div>
            ) : (
              <SideBySideDiff
                rows={diffTexts(String(row.theirs), String(row.mine))}
                caption="Body: theirs and yours"
                leftLabel="Theirs"
                rightLabel="Yours"
              />
            )}
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
          </fieldset>
        );
      })}
      <div className="conflict-actions">
        <button
          type="button"
          className="button button-primary"
          disabled={saving || unresolved.length > 0}
          onClick={() => onSaveMerge(applyMerge(theirsDoc, mine, rows, choices), theirs.oid)}
        >
          {saving ? 'Saving merge…' : 'Save merge'}
        </button>
        <button type="button" className="button button-quiet" onClick={onCancel} disabled={saving}>
          Back to my version
        </button>
        {unresolved.length > 0 && (
          <span className="field-help" role="status">
            Choose a version for {unresolved.length} {unresolved.length === 1 ? 'field' : 'fields'}.
          </span>
        )}
      </div>
    </section>
  );
}
