import { useState } from 'react';
import type { AutosavedDraft, EntryDoc } from '../lib/autosave.ts';
import { formatCommitDate } from '../lib/format.ts';
import { DocDiff } from './DocDiff.tsx';

/** Props of AutosaveOffer. */
export interface AutosaveOfferProps {
  draft: AutosavedDraft;
  saved: EntryDoc;
  /** True when the draft was made on an older version than the one now saved. */
  stale: boolean;
  onRestore: () => void;
  onDiscard: () => void;
}

/** Offers back edits this browser kept after a reload or crash, with a diff against the saved version. */
export function AutosaveOffer({ draft, saved, stale, onRestore, onDiscard }: AutosaveOfferProps) {
  const [showDiff, setShowDiff] = useState(false);
  return (
    <section className="banner banner-warn" aria-labelledby="autosave-title">
      <h2 id="autosave-title">Unsaved changes were kept in this browser</h2>
      <p>
        Edits from {formatCommitDate(draft.savedAt)} were never saved.{' '}
        {stale
          ? 'The post has been saved by someone since: restoring opens a merge of their version and yours.'
          : 'Restore them to keep working, or discard them.'}{' '}
        Autosave pauses until you choose.
      </p>
      <div className="banner-actions">
        <button type="button" className="button button-primary" onClick={onRestore}>
          Restore my changes
        </button>
        <button
          type="button"
          className="button"
          aria-expanded={showDiff}
          onClick={() => setShowDiff((v) => !v)}
        >
          {showDiff ? 'Hide differences' : 'Show differences'}
        </button>
        <button type="button" className="button button-quiet" onClick={onDiscard}>
          Discard them
        </button>
      </div>
      {showDiff && (
        <DocDiff
          before={saved}
          after={draft.doc}
          beforeLabel="Saved version"
          afterLabel="Kept in this browser"
        />
      )}
    </section>
  );
}
